// Stops with a clear message when this Node is older than package.json's `engines.node` (a ">=X.Y"
// range): `npm test` runs it first (`pretest`), and the command-line tools load it before anything
// else (run-ts.js), so that an old Node fails here and not deep inside a dependency.
"use strict";
const path = require("node:path");

const wanted = require(path.join(__dirname, "..", "package.json")).engines.node;
const minimum = /^>=\s*(\d+)(?:\.(\d+))?(?:\.(\d+))?$/.exec(wanted);
if (minimum === null) {
    throw new Error(`package.json engines.node must be a ">=X.Y" range, not ${JSON.stringify(wanted)}`);
}
const need = minimum.slice(1).map((part) => Number(part ?? 0));
const have = process.versions.node.split(".").map(Number);
const older = need.findIndex((part, index) => have[index] !== part);
if (older >= 0 && have[older] < need[older]) {
    process.stderr.write(
        `This project needs Node ${wanted} (package.json "engines"); this is Node ${process.version}.\n` +
            "Install Node 22 (`nvm use` reads .nvmrc) or run `bash .ci/run`, which fetches it from the npm registry.\n",
    );
    process.exit(1);
}

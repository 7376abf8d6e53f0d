// Runs a TypeScript command-line module: `node scripts/run-ts.js <file.ts> [args...]`. The module
// exports `main(argv)`, which resolves to the process exit code.
"use strict";
require("./check-node");
require("./register");
const path = require("node:path");

const [entry, ...argv] = process.argv.slice(2);
if (!entry) {
    console.error("usage: node scripts/run-ts.js <file.ts> [args...]");
    process.exit(64);
}
const { main } = require(path.resolve(entry));
Promise.resolve(main(argv)).then(
    (code) => {
        process.exitCode = code;
    },
    (error) => {
        console.error(error);
        process.exitCode = 70;
    },
);

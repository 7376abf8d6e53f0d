// Runs a TypeScript command-line module: `node scripts/run-ts.js <file.ts> [args...]`. The module
// exports `main(argv)`, which resolves to the process exit code.
"use strict";
require("./check-node");
require("./register");
const path = require("node:path");

const FILE_ERRORS = new Map([
    ["ENOENT", "no such file or folder"],
    ["ENOTDIR", "a part of the path is not a folder"],
    ["EISDIR", "is a folder, not a file"],
    ["EACCES", "permission denied"],
    ["EPERM", "not permitted"],
    ["EROFS", "read-only file system"],
]);

const [entry, ...argv] = process.argv.slice(2);
if (!entry) {
    console.error("usage: node scripts/run-ts.js <file.ts> [args...]");
    process.exit(64);
}
const { main } = require(path.resolve(entry));
Promise.resolve()
    .then(() => main(argv))
    .then(
        (code) => {
            process.exitCode = code;
        },
        (error) => {
            // A file the user named that cannot be read or written is their input, not a bug: say which
            // and exit 2 like any bad argument. Anything else is a bug: the stack trace helps report it.
            if (error && FILE_ERRORS.has(error.code) && typeof error.path === "string") {
                console.error(`error: ${error.path}: ${FILE_ERRORS.get(error.code)} (${error.code})`);
                process.exitCode = 2;
                return;
            }
            console.error(error);
            process.exitCode = 70;
        },
    );

// Loads a Pulumi program the way the Pulumi CLI's Node.js runtime does (@pulumi/pulumi
// cmd/run/run.js): its vendored ts-node with the project's TypeScript, the project's tsconfig.json,
// transpile-only when the tsconfig sets `noCheck`. Usage: node load-like-pulumi-cli.js <dir> <main>.
// Prints what the module exports; exits non-zero when the program cannot be compiled or loaded.
"use strict";
const path = require("node:path");

const [dir, main] = process.argv.slice(2);
process.chdir(dir);
const tsutils = require(require.resolve("@pulumi/pulumi/tsutils", { paths: [process.cwd()] }));
const compilerOptions = tsutils.loadTypeScriptCompilerOptions("tsconfig.json");
const { tsnodeRequire, typescriptRequire } = tsutils.typeScriptRequireStrings();
require(tsnodeRequire).register({
    compiler: typescriptRequire,
    transpileOnly: compilerOptions.noCheck,
    project: "tsconfig.json",
    skipProject: false,
    compilerOptions: {},
});
const program = require(path.resolve(main));
process.stdout.write(JSON.stringify({ transpileOnly: compilerOptions.noCheck === true, exports: typeof program }));

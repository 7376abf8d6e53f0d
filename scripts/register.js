// Loads TypeScript files with swc (transpile only) for the command-line tools: the offline plan,
// its diff and the benchmark. Type-checking is `npm run typecheck`'s job; loading TypeScript's own
// compiler here would cost more than the plan itself. Also makes the Pulumi runtime's call-site
// traces cheap (pulumi-stack-traces.js), its TypeScript load lazy (lazy-typescript-shim.js) and
// skips runtime work whose result nothing here reads (pulumi-runtime-patches.js).
"use strict";
const fs = require("node:fs");
const Module = require("node:module");
const path = require("node:path");
const { transformSync } = require("@swc/core");
const pulumiRuntimePatches = require("./pulumi-runtime-patches");
const pulumiStackTraces = require("./pulumi-stack-traces");

pulumiStackTraces.install(Error);
pulumiRuntimePatches.install(Module);

// @pulumi/pulumi's typescript-shim, answered by a stand-in that loads it on first use (lazy-typescript-shim.js).
const typescriptShim = path.join(path.dirname(require.resolve("@pulumi/pulumi/package.json")), "typescript-shim.js");
if (require.cache[typescriptShim] === undefined) {
    const standIn = new Module(typescriptShim, null);
    standIn.filename = typescriptShim;
    standIn.loaded = true;
    standIn.exports = require("./lazy-typescript-shim");
    require.cache[typescriptShim] = standIn;
}

require.extensions[".ts"] = function compileTypeScript(module, filename) {
    const source = fs.readFileSync(filename, "utf8");
    const { code } = transformSync(source, {
        filename,
        sourceMaps: "inline",
        jsc: { parser: { syntax: "typescript" }, target: "es2022" },
        module: { type: "commonjs" },
    });
    module._compile(code, filename);
};

// Loads TypeScript files with swc (transpile only) for the command-line tools: the offline plan,
// its diff and the benchmark. Type-checking is `npm run typecheck`'s job; loading TypeScript's own
// compiler here would cost more than the plan itself. Also makes the Pulumi runtime's bookkeeping
// stack traces cheap (pulumi-stack-traces.js).
"use strict";
const fs = require("node:fs");
const { transformSync } = require("@swc/core");
const pulumiStackTraces = require("./pulumi-stack-traces");

pulumiStackTraces.install(Error);

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

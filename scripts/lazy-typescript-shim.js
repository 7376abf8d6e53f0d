// @pulumi/pulumi loads TypeScript's compiler (typescript.js, 9 MB) as soon as it is imported, through
// its `typescript-shim`, for serializing JavaScript functions (dynamic providers, callback
// functions), which this program never does. Loading it is about 140 ms of every plan here and
// more in every Jest test file. This module stands in for the shim and loads the real one on
// first use, so nothing changes for code that does use it.
// - The command-line tools put it in Node's module cache under the shim's path (register.js).
// - Jest maps the runtime's `require("./typescript-shim")` to this file (jest.config.js).
"use strict";
const Module = require("node:module");
const path = require("node:path");

const SHIM = path.join(path.dirname(require.resolve("@pulumi/pulumi/package.json")), "typescript-shim.js");

let real;

/** The real shim's exports (TypeScript itself), loaded now. */
function load() {
    if (real === undefined) {
        const shim = new Module(SHIM, null);
        shim.filename = SHIM;
        shim.paths = Module._nodeModulePaths(path.dirname(SHIM));
        shim.load(SHIM);
        real = shim.exports;
    }
    return real;
}

const lazy = new Proxy(
    {},
    {
        get: (_target, key) => load()[key],
        has: (_target, key) => key in load(),
        ownKeys: () => Reflect.ownKeys(load()),
        getOwnPropertyDescriptor: (_target, key) => {
            const descriptor = Reflect.getOwnPropertyDescriptor(load(), key);
            return descriptor === undefined ? undefined : { ...descriptor, configurable: true };
        },
    },
);

module.exports = lazy;

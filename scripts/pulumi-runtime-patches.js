// Two rewrites of @pulumi/pulumi's runtime for the processes that run the program under mocks many
// times over (the offline plan, the benchmark, Jest). Neither changes what is registered; each
// skips work whose result nothing in those processes reads. `patchSource` applies them as a module
// is loaded: register.js for Node's loader, jest-pulumi-transform.js for Jest. When the SDK's code
// no longer has the expected shape, the file is left as it is (and
// test/pulumi-runtime-patches.test.ts fails, so that an upgrade is noticed). `pulumi up` under the
// Pulumi CLI loads the SDK unpatched.
//
// - resource.js, alias URNs on first read. Every azure-native resource carries an alias per API
//   version of its type (24 for an account, 21 for a deployment), and the Resource constructor turns
//   each into a URN Output at once (`collapseAliasToUrn`), about ten Outputs and their promises per
//   alias. Those URNs are read only when the engine cannot take structured aliases (`allAliases`,
//   for a child's inherited aliases); the engine of any current CLI and the mock runtime take them,
//   and the registration sends the aliases as given (runtime/resource.js `mapAliasesForRequest`).
//   So they were built and dropped: more than half of a plan's cost per resource
//   (pulumi/pulumi#10010 reports the same cost upstream). Now `__aliases` is a getter that builds
//   the same Outputs when something reads it (an alias whose collapse could fail is collapsed at
//   once, as before, so that a bad alias still fails the run).
// - runtime/debuggable.js, no stack trace per internal promise unless leak debugging is on. The
//   runtime records `new Error().stack` on each of its promises (about 60 per resource), printed
//   only in the leak report of PULUMI_DEBUG_PROMISE_LEAKS. Taking the trace is the cost, the more so
//   under Jest, which raises Error.stackTraceLimit to 100: a sixth of the test suite's CPU. With
//   PULUMI_DEBUG_PROMISE_LEAKS set, the trace is taken as before.
"use strict";
const fs = require("node:fs");
const path = require("node:path");

const SDK_DIR = path.dirname(require.resolve("@pulumi/pulumi/package.json"));

const PATCHES = [
    {
        file: path.join(SDK_DIR, "resource.js"),
        find: /this\.__aliases = \[\];\s*if \(opts\.aliases\) \{\s*for \(const alias of opts\.aliases\) \{\s*this\.__aliases\.push\(collapseAliasToUrn\(alias, name, t, parent\)\);\s*\}\s*\}/,
        replace:
            "lazyCollapsedAliases(this, opts.aliases ? [...opts.aliases] : [], (alias) => collapseAliasToUrn(alias, name, t, parent));",
        append: `
/**
 * Added by the project's scripts/pulumi-runtime-patches.js: \`__aliases\`, collapsed on first read.
 * An alias whose collapse could fail (a name or type that is not a string, an Output, a promise) is
 * collapsed now, as the SDK does, so that its error surfaces as before.
 */
function lazyCollapsedAliases(resource, aliases, collapse) {
    const cannotFail = (alias) =>
        typeof alias === "string" ||
        (typeof alias === "object" &&
            alias !== null &&
            Object.getPrototypeOf(alias) === Object.prototype &&
            ["name", "type"].every((key) => !Object.prototype.hasOwnProperty.call(alias, key) || typeof alias[key] === "string"));
    if (!aliases.every(cannotFail)) {
        resource.__aliases = aliases.map(collapse);
        return;
    }
    let collapsed;
    let done = false;
    Object.defineProperty(resource, "__aliases", {
        configurable: true,
        enumerable: true,
        get: () => {
            if (!done) {
                collapsed = aliases.map(collapse);
                done = true;
            }
            return collapsed;
        },
        set: (value) => {
            collapsed = value;
            done = true;
        },
    });
}
exports.__lazyCollapsedAliases = true;
`,
    },
    {
        file: path.join(SDK_DIR, "runtime", "debuggable.js"),
        find: /Object\.defineProperty\(p, "_debugStackTrace", \{ writable: true, value: new Error\(\)\.stack \}\);/,
        replace:
            'Object.defineProperty(p, "_debugStackTrace", { writable: true, value: exports.debugPromiseLeaks ? new Error().stack : "" });',
        append: `
/** Added by the project's scripts/pulumi-runtime-patches.js: stack traces only for leak debugging. */
exports.__stackTracesForLeakDebuggingOnly = true;
`,
    },
];

const PATCHED_FILES = PATCHES.map((patch) => patch.file);

/** `source` of `file` with its patch applied; null when it has none or its code is not the expected one. */
function patchSource(file, source) {
    const patch = PATCHES.find((candidate) => candidate.file === file);
    if (patch === undefined || !patch.find.test(source)) {
        return null;
    }
    // The replacement keeps the lines it replaces, so that every later line keeps its number (stack
    // traces, the SDK's source maps); the helpers go after the last line.
    return (
        source.replace(patch.find, (match) => patch.replace + "\n".repeat(match.split("\n").length - 1)) + patch.append
    );
}

/** Makes Node's CommonJS loader apply the patches as it loads the files. */
function install(Module) {
    const loadJavaScript = Module._extensions[".js"];
    Module._extensions[".js"] = function loadJavaScriptFile(module, filename) {
        if (!PATCHED_FILES.includes(filename)) {
            return loadJavaScript(module, filename);
        }
        const source = fs.readFileSync(filename, "utf8");
        return module._compile(patchSource(filename, source) ?? source, filename);
    };
}

module.exports = { PATCHED_FILES, install, patchSource };

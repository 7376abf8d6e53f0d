// Every azure-native resource carries an alias per API version of its type (24 for an account, 21
// for a deployment), and @pulumi/pulumi's Resource constructor turns each one into a URN Output at
// once (resource.js, `collapseAliasToUrn`): a chain of about ten Outputs and their promises per
// alias. Those URNs are only read when the engine cannot take structured aliases (resource.js
// `allAliases`, for a child's inherited aliases); the engine of any current CLI and the mock runtime
// both take them, and the registration sends the aliases as given (runtime/resource.js,
// `mapAliasesForRequest`). So the URNs are built and dropped: more than half of a plan's cost per
// resource (pulumi/pulumi#10010 is the upstream report of the same cost).
//
// `patchResourceSource` rewrites resource.js so that `__aliases` is computed on first read instead:
// the same values, built only when something asks. What is registered does not change. The
// offline plan and the benchmark load it through register.js, Jest through
// jest-pulumi-transform.js. When the SDK's code no longer has the expected shape, the source is
// left as it is (and test/pulumi-runtime-patches.test.ts fails, so the upgrade is noticed).
"use strict";
const path = require("node:path");

const RESOURCE_FILE = path.join(path.dirname(require.resolve("@pulumi/pulumi/package.json")), "resource.js");

const EAGER_COLLAPSE =
    /this\.__aliases = \[\];\s*if \(opts\.aliases\) \{\s*for \(const alias of opts\.aliases\) \{\s*this\.__aliases\.push\(collapseAliasToUrn\(alias, name, t, parent\)\);\s*\}\s*\}/;

const LAZY_COLLAPSE =
    "lazyCollapsedAliases(this, opts.aliases ? [...opts.aliases] : [], (alias) => collapseAliasToUrn(alias, name, t, parent));";

const HELPER = `
/** Added by the project's scripts/pulumi-lazy-aliases.js: \`__aliases\`, collapsed on first read. */
function lazyCollapsedAliases(resource, aliases, collapse) {
    let collapsed;
    Object.defineProperty(resource, "__aliases", {
        configurable: true,
        enumerable: true,
        get: () => (collapsed ??= aliases.map(collapse)),
        set: (value) => {
            collapsed = value;
        },
    });
}
exports.__lazyCollapsedAliases = true;
`;

/** resource.js with lazily collapsed aliases, or null when its code is not the expected one. */
function patchResourceSource(source) {
    if (!EAGER_COLLAPSE.test(source)) {
        return null;
    }
    return source.replace(EAGER_COLLAPSE, LAZY_COLLAPSE) + HELPER;
}

/** Makes Node's CommonJS loader apply the patch when it loads resource.js. */
function install(Module) {
    const loadJavaScript = Module._extensions[".js"];
    Module._extensions[".js"] = function loadJavaScriptFile(module, filename) {
        if (filename !== RESOURCE_FILE) {
            return loadJavaScript(module, filename);
        }
        const source = require("node:fs").readFileSync(filename, "utf8");
        const patched = patchResourceSource(source);
        return module._compile(patched ?? source, filename);
    };
}

module.exports = { RESOURCE_FILE, install, patchResourceSource };

// Pulumi's runtime takes a stack trace for its own bookkeeping, and V8 formats one as text whenever
// it is taken with `new Error().stack`:
// - every internal promise (runtime/debuggable.js, `debuggablePromise`) records one, which is only
//   ever printed in a promise-leak report when PULUMI_DEBUG_PROMISE_LEAKS is set. A plan of the prod
//   stack makes about 3,000 of them, about 60 per resource;
// - every resource records its call sites (resource.js, `Resource.callsites`), parsed for the
//   source position the engine shows.
// Formatting the leak-report ones cost a tenth of a plan's CPU (and its garbage), and under Jest,
// whose formatter maps every frame through source maps, a quarter of a test run. `install` wraps an
// Error constructor's `prepareStackTrace` so that those leak-report traces are left empty (unless
// leak debugging is on) and the call-site ones are formatted as V8 does, without source maps;
// every other error is formatted exactly as before.
"use strict";
const path = require("node:path");

const PULUMI_DIR = `${path.sep}@pulumi${path.sep}pulumi${path.sep}`;
const DEBUGGABLE = `${PULUMI_DIR}runtime${path.sep}debuggable.js`;
const RESOURCE = `${PULUMI_DIR}resource.js`;

/** Which bookkeeping trace this is: "promise", "callsites", or null for any other error. */
function pulumiCapture(error, trace) {
    const top = trace[0];
    if (top === undefined || error === null || typeof error !== "object" || error.message !== "") {
        return null;
    }
    const file = top.getFileName() ?? "";
    if (file.endsWith(DEBUGGABLE) && top.getFunctionName() === "debuggablePromise") {
        return "promise";
    }
    if (file.endsWith(RESOURCE) && top.getFunctionName() === "callsites") {
        return "callsites";
    }
    return null;
}

function isNodeError(error) {
    for (let object = error; object !== null && object !== undefined; object = Object.getPrototypeOf(object)) {
        if (Object.getOwnPropertySymbols(object).some((symbol) => symbol.description === "kIsNodeError")) {
            return true;
        }
    }
    return false;
}

/** What Node prints when no `Error.prepareStackTrace` is set (lib/internal/errors.js, defaultPrepareStackTrace). */
function nodeDefault(error, trace) {
    const head = isNodeError(error)
        ? `${error.name} [${error.code}]: ${error.message}`
        : Error.prototype.toString.call(error);
    return trace.length === 0 ? head : `${head}\n    at ${trace.join("\n    at ")}`;
}

/**
 * Wraps `ErrorConstructor.prepareStackTrace` (the current one, or Node's default formatting when
 * there is none). `fallback` formats when the constructor has no hook of its own (Jest's context
 * realm falls back to the outer realm's). Not installed when leak debugging or Node's own source
 * maps are on, which need the real traces.
 */
function install(ErrorConstructor, fallback = nodeDefault) {
    if (process.env.PULUMI_DEBUG_PROMISE_LEAKS || process.sourceMapsEnabled) {
        return;
    }
    const previous = ErrorConstructor.prepareStackTrace;
    const format = typeof previous === "function" ? previous : fallback;
    ErrorConstructor.prepareStackTrace = function prepareStackTrace(error, trace) {
        switch (pulumiCapture(error, trace)) {
            case "promise":
                return "";
            case "callsites":
                return nodeDefault(error, trace);
            default:
                return format(error, trace);
        }
    };
}

module.exports = { install, nodeDefault, pulumiCapture };

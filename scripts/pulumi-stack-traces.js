// Pulumi's runtime records the call sites of every resource (resource.js, `Resource.callsites`) by
// parsing `new Error().stack`, taken with no frame limit, for the source position the engine shows.
// Under Jest, whose formatter maps every frame through source maps, that was a large part of a test
// run. `install` wraps an Error constructor's `prepareStackTrace` so that those traces are formatted
// as V8 does, without source maps; every other error is formatted exactly as before. (The runtime's
// per-promise traces are not taken at all: pulumi-runtime-patches.js.)
"use strict";
const path = require("node:path");

const RESOURCE = `${path.sep}@pulumi${path.sep}pulumi${path.sep}resource.js`;

/** Whether this is the trace `Resource.callsites` takes. */
function isCallsitesTrace(error, trace) {
    const top = trace[0];
    if (top === undefined || error === null || typeof error !== "object" || error.message !== "") {
        return false;
    }
    return (top.getFileName() ?? "").endsWith(RESOURCE) && top.getFunctionName() === "callsites";
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
        return isCallsitesTrace(error, trace) ? nodeDefault(error, trace) : format(error, trace);
    };
}

module.exports = { install, isCallsitesTrace, nodeDefault };

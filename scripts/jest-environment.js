// Jest's Node environment, plus cheap call-site traces for Pulumi's resources (see
// pulumi-stack-traces.js). Jest formats every stack trace through source maps; the Pulumi runtime
// takes one per resource for its own bookkeeping. Test failures keep Jest's formatting.
"use strict";
const { TestEnvironment } = require("jest-environment-node");
const { install, nodeDefault } = require("./pulumi-stack-traces");

class PulumiTestEnvironment extends TestEnvironment {
    async setup() {
        await super.setup();
        // Jest's runner has just put its formatter on this process's Error: wrap it. Modules run in
        // the test's own realm, whose Error has no formatter and falls back to the process's.
        install(Error);
        install(this.global.Error, (error, trace) =>
            typeof Error.prepareStackTrace === "function"
                ? Error.prepareStackTrace(error, trace)
                : nodeDefault(error, trace),
        );
    }
}

module.exports = PulumiTestEnvironment;

// Jest transform for the @pulumi/pulumi files that pulumi-runtime-patches.js rewrites, so that the
// tests load the SDK as the command-line tools do. Every other file under node_modules stays
// untransformed (jest.config.js).
"use strict";
const { createHash } = require("node:crypto");
const fs = require("node:fs");
const { patchSource } = require("./pulumi-runtime-patches");

const OWN_SOURCE = [__filename, require.resolve("./pulumi-runtime-patches")]
    .map((file) => fs.readFileSync(file, "utf8"))
    .join("\n");

module.exports = {
    process(source, filename) {
        return { code: patchSource(filename, source) ?? source };
    },
    getCacheKey(source, filename) {
        return createHash("sha256").update(filename).update(source).update(OWN_SOURCE).digest("hex");
    },
};

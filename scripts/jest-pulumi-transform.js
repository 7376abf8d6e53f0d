// Jest transform for @pulumi/pulumi's resource.js: alias URNs computed when read, as the
// command-line tools load it (pulumi-lazy-aliases.js explains why). Every other file under
// node_modules stays untransformed (jest.config.js).
"use strict";
const { createHash } = require("node:crypto");
const fs = require("node:fs");
const { patchResourceSource } = require("./pulumi-lazy-aliases");

const OWN_SOURCE = [__filename, require.resolve("./pulumi-lazy-aliases")]
    .map((file) => fs.readFileSync(file, "utf8"))
    .join("\n");

module.exports = {
    process(source) {
        return { code: patchResourceSource(source) ?? source };
    },
    getCacheKey(source, filename) {
        return createHash("sha256").update(filename).update(source).update(OWN_SOURCE).digest("hex");
    },
};

// Tests are transpiled by swc (no type-checking: `npm run typecheck` does that once, with
// TypeScript 7), which keeps each test file's start-up well under a second.
const os = require("node:os");

// The two files of @pulumi/pulumi's runtime that are rewritten as the command-line tools load them
// (scripts/pulumi-runtime-patches.js), relative to node_modules.
const PATCHED_SDK_FILES = "@pulumi[\\\\/]pulumi[\\\\/](resource|runtime[\\\\/]debuggable)\\.js$";

/** @type {import('jest').Config} */
module.exports = {
    // At least two workers, also on a 2-core machine: `npm test` runs the type-checker, ESLint and
    // Prettier beside Jest, and one worker (Jest's default there) would leave a core idle once they end.
    maxWorkers: Math.max(2, (os.availableParallelism?.() ?? os.cpus().length) - 1),
    // Jest's node environment, with cheap stack traces for the Pulumi runtime's bookkeeping.
    testEnvironment: "<rootDir>/scripts/jest-environment.js",
    roots: ["<rootDir>/test", "<rootDir>/policies"],
    testMatch: ["**/*.test.ts"],
    transform: {
        "^.+\\.ts$": ["@swc/jest", { jsc: { parser: { syntax: "typescript" }, target: "es2022" } }],
        [`[\\\\/]${PATCHED_SDK_FILES}`]: "<rootDir>/scripts/jest-pulumi-transform.js",
    },
    // Nothing else under node_modules is transformed.
    transformIgnorePatterns: [`[\\\\/]node_modules[\\\\/](?!${PATCHED_SDK_FILES})`, "\\.pnp\\.[^\\\\/]+$"],
    // @pulumi/pulumi's typescript-shim loads TypeScript's compiler on import; load it on first use.
    moduleNameMapper: { "^(\\.\\.?/)+typescript-shim$": "<rootDir>/scripts/lazy-typescript-shim.js" },
    moduleFileExtensions: ["ts", "js", "json"],
    testPathIgnorePatterns: ["/node_modules/"],
    // Each test file runs whole Pulumi programs; give slow CI machines room.
    testTimeout: 30000,
};

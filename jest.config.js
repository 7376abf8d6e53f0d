// Tests are transpiled by swc (no type-checking: `npm run typecheck` does that once, with
// TypeScript 7), which keeps each test file's start-up well under a second. Nothing under
// node_modules is transformed: the tests load @pulumi/pulumi exactly as `pulumi up` does.
const os = require("node:os");

/** @type {import('jest').Config} */
module.exports = {
    // At least two workers, also on a 2-core machine: `npm test` runs the type-checker, ESLint and
    // Prettier beside Jest, and one worker (Jest's default there) would leave a core idle once they end.
    maxWorkers: Math.max(2, (os.availableParallelism?.() ?? os.cpus().length) - 1),
    testEnvironment: "node",
    roots: ["<rootDir>/test", "<rootDir>/policies"],
    testMatch: ["**/*.test.ts"],
    transform: {
        "^.+\\.ts$": ["@swc/jest", { jsc: { parser: { syntax: "typescript" }, target: "es2022" } }],
    },
    setupFiles: ["<rootDir>/test/support/node-stack-depth.js"],
    // The shipped stacks are planned once per run and shared by the test files (test/support/shipped-plans.ts).
    globalSetup: "<rootDir>/test/support/global-setup.ts",
    globalTeardown: "<rootDir>/test/support/global-teardown.ts",
    moduleFileExtensions: ["ts", "js", "json"],
    testPathIgnorePatterns: ["/node_modules/"],
    // Each test file runs whole Pulumi programs; give slow CI machines room.
    testTimeout: 30000,
};

// `node scripts/jest.js [jest args]`: Jest, started with Node flags measured to pay off for this test
// suite (each test plans whole Pulumi programs, allocating a lot of short-lived promises):
// - --max-semi-space-size=128: a larger young generation, so that the promises of a plan die there
//   instead of being copied and promoted (jest CPU -20 to -25%);
// - --experimental-async-context-frame on Node 22.7 to 23 (the default from Node 24): Jest's
//   AsyncLocalStorage without a hook on every promise (jest CPU -15%);
// - --no-opt: V8's optimizing compiler (TurboFan) off; Node 22 has no other optimizing tier on by
//   default. Each test file loads and runs the program's and the SDK's code a few times only, and
//   optimizing it cost more than it saved (jest CPU 10.9 -> 9.8 s, wall 5.7 -> 5.1 s, Node 22; the
//   flag is still accepted by Node 24 and 25).
// Jest's workers inherit the flags.
"use strict";
const { spawn } = require("node:child_process");
const path = require("node:path");

const [major, minor] = process.versions.node.split(".").map(Number);
const flags = ["--max-semi-space-size=128", "--no-opt"];
if ((major === 22 && minor >= 7) || major === 23) {
    flags.push("--experimental-async-context-frame");
}
const jest = path.join(path.dirname(require.resolve("jest/package.json")), "bin", "jest.js");
const child = spawn(process.execPath, [...flags, jest, ...process.argv.slice(2)], { stdio: "inherit" });
child.on("exit", (code, signal) => {
    if (signal) {
        process.kill(process.pid, signal);
    } else {
        process.exitCode = code ?? 1;
    }
});

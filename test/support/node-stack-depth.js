// Jest setup file: stack traces as deep as Node's default (10 frames), the depth the program has
// under `pulumi up`. Jest raises it to 100 for its failure reports, and @pulumi/pulumi takes a stack
// trace for each promise of its runtime (runtime/debuggable.js), each frame formatted through Jest's
// source maps: at 100 frames that was about a third of the CPU of a test file that plans.
"use strict";
Error.stackTraceLimit = 10;

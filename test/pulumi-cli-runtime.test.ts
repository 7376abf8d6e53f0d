/**
 * `pulumi up` compiles the program with the CLI's own TypeScript runner (ts-node vendored in
 * @pulumi/pulumi, the project's TypeScript 6), not with swc as the plan and the tests do. This
 * loads each Pulumi program of the repository that way, so a tsconfig the CLI cannot use fails here.
 */
import { execFile } from "node:child_process";
import * as path from "node:path";
import { promisify } from "node:util";
import { PROJECT_DIR } from "../plan/config-sources";

const run = promisify(execFile);
const LOADER = path.join(__dirname, "support", "load-like-pulumi-cli.js");

describe("programs as the Pulumi CLI loads them", () => {
    it.each([
        ["the platform", PROJECT_DIR, "infra/index.ts"],
        ["the state backend bootstrap", path.join(PROJECT_DIR, "bootstrap"), "index.ts"],
    ])("%s compiles transpile-only and exports the program function", async (_name, dir, main) => {
        const { stdout } = await run(process.execPath, [LOADER, dir, main], { cwd: PROJECT_DIR });
        expect(JSON.parse(stdout)).toEqual({ transpileOnly: true, exports: "function" });
    });
});

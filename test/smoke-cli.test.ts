/**
 * `npm run smoke` as a user runs it: a real subprocess (npm, scripts/run-ts.js, smoke/cli.ts) with
 * AZURE_OPENAI_AD_TOKEN set, against the fake data plane in this process. One run is a subprocess
 * (the failing one, whose exit code fails the workflow's job); the passing one calls the same main here.
 */
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { PROJECT_DIR } from "../plan/config-sources";
import { main as smokeMain } from "../smoke/cli";
import { documentOf, planStack } from "./helpers";
import { type FakeDataPlane, startFakeDataPlane } from "./smoke-fake";

const TOKEN = "x";

let tmp: string;
let fake: FakeDataPlane;

beforeAll(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), "smoke-cli-"));
    fake = await startFakeDataPlane(
        {
            reasoning: { family: "reasoning" },
            chat: { family: "chat" },
            transcribe: { family: "speech-to-text" },
            image: { family: "image-generation" },
        },
        TOKEN,
    );
});
afterAll(async () => {
    await fake.close();
    fs.rmSync(tmp, { recursive: true, force: true });
});

/** Runs the CLI without blocking this process, which serves the fake. */
function run(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; out: string; err: string }> {
    return new Promise((resolve, reject) => {
        const child = spawn("npm", ["run", "--silent", "smoke", "--", ...args], {
            cwd: PROJECT_DIR,
            env,
            stdio: ["ignore", "pipe", "pipe"],
        });
        let out = "";
        let err = "";
        child.stdout.on("data", (chunk: Buffer) => (out += chunk.toString()));
        child.stderr.on("data", (chunk: Buffer) => (err += chunk.toString()));
        child.on("error", reject);
        child.on("close", (code) => resolve({ code, out, err }));
    });
}

async function devOutputs(endpoint: string, rename?: [string, string]): Promise<string> {
    const outputs: Record<string, unknown> = structuredClone(documentOf(await planStack("dev")).outputs);
    const region = (outputs["regions"] as Record<string, { endpoint: string; deployments: { name: string }[] }>)[
        "eastus2"
    ];
    if (region) {
        region.endpoint = endpoint;
        for (const deployment of region.deployments) {
            if (rename && deployment.name === rename[0]) {
                deployment.name = rename[1];
            }
        }
    }
    return JSON.stringify(outputs, null, 2);
}

const BASE_ENV = { PATH: process.env["PATH"] ?? "", HOME: os.homedir(), AZURE_OPENAI_AD_TOKEN: TOKEN };

/** The same command's main in this process: one subprocess run shows how the command reaches the shell. */
async function runInProcess(
    args: string[],
    env: NodeJS.ProcessEnv,
): Promise<{ code: number; out: string; err: string }> {
    const written = { out: "", err: "" };
    jest.spyOn(process.stdout, "write").mockImplementation((chunk: unknown) => {
        written.out += String(chunk);
        return true;
    });
    jest.spyOn(process.stderr, "write").mockImplementation((chunk: unknown) => {
        written.err += String(chunk);
        return true;
    });
    try {
        return { code: await smokeMain(args, env), ...written };
    } finally {
        jest.restoreAllMocks();
    }
}

describe("npm run smoke", () => {
    it("prints the table and exits 0 when every deployment answers; 1 naming the one that answers 404", async () => {
        const good = path.join(tmp, "good.json");
        fs.writeFileSync(good, await devOutputs(fake.endpoint));
        const ok = await runInProcess(["--stack", "dev", "--outputs", good], BASE_ENV);
        expect([ok.code, ok.err]).toEqual([0, ""]);
        expect(ok.out).toMatch(/^reasoning +gpt-5\.4-mini 2026-03-17 +reasoning +ok +\d+ ms +[0-9a-f-]{36}$/m);
        expect(ok.out).toContain("smoke dev: all 3 deployments answered, 1 skipped");

        // The stack's outputs name a deployment the account does not serve.
        const renamed = path.join(tmp, "renamed.json");
        fs.writeFileSync(renamed, await devOutputs(fake.endpoint, ["chat", "chat-v2"]));
        // The failing run is the real subprocess: its exit code is what fails the deploy workflow's smoke job.
        const failed = await run(["--stack", "dev", "--outputs", renamed, "--auth-wait", "0"], BASE_ENV);
        expect(failed.code).toBe(1);
        expect(failed.out).toMatch(/^chat-v2 +gpt-5\.4-nano 2026-03-17 +chat +404 DeploymentNotFound/m);
        expect(failed.out).toContain('✗ chat-v2: DeploymentNotFound: no deployment "chat-v2" answers');
        expect(failed.out + failed.err).not.toContain(`Bearer ${TOKEN}`);
    });
});

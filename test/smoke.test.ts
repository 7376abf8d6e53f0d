/**
 * `npm run smoke` end to end, in process: the stack outputs of the real plan (endpoints pointed at
 * the fake data plane on 127.0.0.1), the real `openai` AzureOpenAI client, the fake answering per
 * the stored inference spec. Asserts exit codes, the table and the advice; bounds are made small
 * through the CLI's own options so that retries and timeouts take milliseconds.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { main } from "../smoke/cli";
import { documentOf, planStack } from "./helpers";
import {
    type Answer,
    type FakeDataPlane,
    type FakeDeployment,
    MEDIA_PREVIEW_API_VERSION,
    SPEC_API_VERSION,
    startFakeDataPlane,
} from "./smoke-fake";

const TOKEN = "fake-entra-token-d41d8cd98f00";
const ENV = { AZURE_OPENAI_AD_TOKEN: TOKEN };
/** Small bounds: per request 2 s, 401/403 back-off within 0.3 s, 429 waits within 0.5 s. */
const FAST = ["--timeout", "2", "--auth-wait", "0.3", "--throttle-wait", "0.5"];

const DEV_DEPLOYMENTS: Record<string, FakeDeployment> = {
    reasoning: { family: "reasoning" },
    chat: { family: "chat" },
    transcribe: { family: "speech-to-text" },
    image: { family: "image-generation" },
};

let tmp: string;
let fake: FakeDataPlane | undefined;

beforeAll(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), "smoke-"));
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));
afterEach(async () => {
    await fake?.close();
    fake = undefined;
});

/** The dev plan's real outputs with each region's endpoint replaced by the fake's. */
async function outputsFile(
    endpoint: string,
    stack = "dev",
    edit?: (outputs: Record<string, unknown>) => void,
): Promise<string> {
    const outputs: Record<string, unknown> = structuredClone(documentOf(await planStack(stack)).outputs);
    for (const region of Object.values(outputs["regions"] as Record<string, Record<string, unknown>>)) {
        region["endpoint"] = endpoint;
    }
    edit?.(outputs);
    const file = path.join(tmp, `${stack}-${Math.random().toString(36).slice(2)}.json`);
    fs.writeFileSync(file, JSON.stringify(outputs, null, 2));
    return file;
}

async function smoke(
    argv: string[],
    env: NodeJS.ProcessEnv = ENV,
): Promise<{ code: number; out: string; err: string }> {
    let out = "";
    let err = "";
    const stdout = jest.spyOn(process.stdout, "write").mockImplementation((chunk) => {
        out += String(chunk);
        return true;
    });
    const stderr = jest.spyOn(process.stderr, "write").mockImplementation((chunk) => {
        err += String(chunk);
        return true;
    });
    try {
        const code = await main(argv, env);
        return { code, out, err };
    } finally {
        stdout.mockRestore();
        stderr.mockRestore();
    }
}

async function withAnswers(answers: Record<string, readonly Answer[]>): Promise<FakeDataPlane> {
    const deployments = Object.fromEntries(
        Object.entries(DEV_DEPLOYMENTS).map(([name, d]) => [
            name,
            { ...d, ...(answers[name] ? { answers: answers[name] } : {}) },
        ]),
    );
    fake = await startFakeDataPlane(deployments, TOKEN);
    return fake;
}

/** The table row of a deployment, split into its columns. */
function rowOf(out: string, deployment: string): string[] {
    const line = out.split("\n").find((l) => l.startsWith(`${deployment} `));
    if (!line) {
        throw new Error(`no row for ${deployment} in:\n${out}`);
    }
    return line.split(/ {2,}/);
}

describe("npm run smoke against the fake data plane", () => {
    it("calls every deployment with its family's cheapest request and exits 0 when all answer", async () => {
        const plane = await withAnswers({});
        const { code, out, err } = await smoke([
            "--stack",
            "dev",
            "--outputs",
            await outputsFile(plane.endpoint),
            "--images",
            ...FAST,
        ]);
        expect([code, err]).toEqual([0, ""]);
        expect(plane.requests.map((r) => [r.deployment, r.operation, r.status])).toEqual([
            ["reasoning", "chat/completions", 200],
            ["chat", "chat/completions", 200],
            ["transcribe", "audio/transcriptions", 200],
            ["image", "images/generations", 200],
        ]);
        expect(plane.requests.every((r) => r.bearerValid && !r.apiKeyHeader)).toBe(true);
        // Each family at the version its shipped models need: GA for chat and reasoning, the
        // preview that knows gpt-4o-mini-transcribe and gpt-image's quality "low" for the others.
        expect(plane.requests.map((r) => [r.deployment, r.apiVersion])).toEqual([
            ["reasoning", SPEC_API_VERSION],
            ["chat", SPEC_API_VERSION],
            ["transcribe", MEDIA_PREVIEW_API_VERSION],
            ["image", MEDIA_PREVIEW_API_VERSION],
        ]);
        expect(plane.requests[0]?.body).toEqual({
            model: "reasoning",
            messages: [{ role: "user", content: "Reply with OK." }],
            max_completion_tokens: 16,
        });
        expect(plane.requests[2]?.body).toEqual({
            file: { type: "audio/wav", bytes: 32_044 },
            model: "transcribe",
            response_format: "json",
        });
        expect(plane.requests[3]?.body).toMatchObject({ n: 1, size: "1024x1024", quality: "low" });
        expect(rowOf(out, "chat").slice(0, 4)).toEqual(["chat", "gpt-5.4-nano 2026-03-17", "chat", "ok"]);
        expect(rowOf(out, "transcribe")[1]).toBe("gpt-4o-mini-transcribe 2025-12-15");
        expect(rowOf(out, "image")[5]).toMatch(/^[0-9a-f-]{36}$/);
        expect(out).toMatch(/^Deployment +Model +Family +Result +Latency +Request id$/m);
        expect(out).toContain("smoke dev: all 4 deployments answered.");
        expect(out + err).not.toContain(TOKEN);
    });

    it("ignores OPENAI_BASE_URL and AZURE_OPENAI_API_KEY of the environment: the stack's endpoint, a bearer token", async () => {
        const plane = await withAnswers({});
        const saved = { base: process.env["OPENAI_BASE_URL"], key: process.env["AZURE_OPENAI_API_KEY"] };
        process.env["OPENAI_BASE_URL"] = "http://127.0.0.1:9/elsewhere";
        process.env["AZURE_OPENAI_API_KEY"] = "a-key-that-must-not-be-sent";
        try {
            const { code } = await smoke(["--stack", "dev", "--outputs", await outputsFile(plane.endpoint), ...FAST]);
            expect(code).toBe(0);
            expect(plane.requests.map((r) => [r.bearerValid, r.apiKeyHeader])).toEqual([
                [true, false],
                [true, false],
                [true, false],
            ]);
        } finally {
            for (const [name, value] of [
                ["OPENAI_BASE_URL", saved.base],
                ["AZURE_OPENAI_API_KEY", saved.key],
            ] as const) {
                if (value === undefined) {
                    delete process.env[name];
                } else {
                    process.env[name] = value;
                }
            }
        }
    });

    it("--api-version overrides every family's version: at GA the fake refuses gpt-image's quality low, naming the version", async () => {
        const plane = await withAnswers({});
        const file = await outputsFile(plane.endpoint);
        const { code, out } = await smoke([
            "--stack",
            "dev",
            "--outputs",
            file,
            "--images",
            "--api-version",
            SPEC_API_VERSION,
            ...FAST,
        ]);
        expect(code).toBe(1);
        expect(plane.requests.map((r) => [r.deployment, r.apiVersion, r.status])).toEqual([
            ["reasoning", SPEC_API_VERSION, 200],
            ["chat", SPEC_API_VERSION, 200],
            ["transcribe", SPEC_API_VERSION, 200],
            ["image", SPEC_API_VERSION, 400],
        ]);
        expect(rowOf(out, "image")[3]).toMatch(/^400 /);
        expect(out).toContain(
            `'quality': "low" is not valid at api-version ${SPEC_API_VERSION} (allowed: standard, hd)`,
        );
        expect(out).toContain(`the model may need a newer api-version than ${SPEC_API_VERSION} (--api-version)`);

        const preview = await smoke([
            "--stack",
            "dev",
            "--outputs",
            file,
            "--images",
            "--api-version",
            MEDIA_PREVIEW_API_VERSION,
            ...FAST,
        ]);
        expect(preview.code).toBe(0);
        expect(plane.requests.slice(4).map((r) => [r.deployment, r.apiVersion, r.status])).toEqual([
            ["reasoning", MEDIA_PREVIEW_API_VERSION, 200],
            ["chat", MEDIA_PREVIEW_API_VERSION, 200],
            ["transcribe", MEDIA_PREVIEW_API_VERSION, 200],
            ["image", MEDIA_PREVIEW_API_VERSION, 200],
        ]);
    });

    it("a version the data plane does not serve answers 404 Resource not found, and the advice names the version", async () => {
        const plane = await withAnswers({});
        const { code, out } = await smoke([
            "--stack",
            "dev",
            "--outputs",
            await outputsFile(plane.endpoint),
            "--api-version",
            "2023-01-01",
            ...FAST,
        ]);
        expect(code).toBe(1);
        expect(plane.requests.every((r) => r.status === 404 && r.apiVersion === "2023-01-01")).toBe(true);
        expect(plane.requests).toHaveLength(3);
        expect(out).toContain(
            "does not serve this operation at api-version 2023-01-01; pass one it serves with --api-version",
        );
    });

    it("calls embeddings with one word, and skips image generation unless --images", async () => {
        fake = await startFakeDataPlane({ ...DEV_DEPLOYMENTS, embed: { family: "embeddings" } }, TOKEN);
        const file = await outputsFile(fake.endpoint, "dev", (outputs) => {
            const region = (outputs["regions"] as Record<string, { deployments: unknown[] }>)["eastus2"];
            region?.deployments.push({
                name: "embed",
                family: "embeddings",
                model: "text-embedding-3-small",
                version: "1",
            });
        });
        const { code, out } = await smoke(["--stack", "dev", "--outputs", file, ...FAST]);
        expect(code).toBe(0);
        expect(fake.requests.map((r) => r.deployment)).toEqual(["reasoning", "chat", "transcribe", "embed"]);
        expect(fake.requests[3]?.body).toEqual({ model: "embed", input: "ping", encoding_format: "float" });
        expect(rowOf(out, "image")[3]).toBe("skipped (--images)");
        expect(out).toContain("all 4 deployments answered, 1 skipped (image generation costs money: --images)");
    });

    it("exits 1 naming the deployment on 404 DeploymentNotFound, listing the names the stack declares", async () => {
        const plane = await withAnswers({ chat: ["404"] });
        const { code, out } = await smoke(["--stack", "dev", "--outputs", await outputsFile(plane.endpoint), ...FAST]);
        expect(code).toBe(1);
        expect(rowOf(out, "chat")[3]).toBe("404 DeploymentNotFound");
        expect(rowOf(out, "reasoning")[3]).toBe("ok");
        expect(out).toContain(
            `✗ chat: DeploymentNotFound: no deployment "chat" answers at ${plane.endpoint}. The stack declares reasoning, chat, transcribe, image in eastus2`,
        );
        expect(out).toContain("smoke dev: 1 of 3 deployments failed");
    });

    it("a deployment the account does not have is the fake's own 404 too", async () => {
        fake = await startFakeDataPlane({ reasoning: { family: "reasoning" } }, TOKEN);
        const { code, out } = await smoke(["--stack", "dev", "--outputs", await outputsFile(fake.endpoint), ...FAST]);
        expect(code).toBe(1);
        expect(["chat", "transcribe"].map((name) => rowOf(out, name)[3])).toEqual([
            "404 DeploymentNotFound",
            "404 DeploymentNotFound",
        ]);
    });

    it("waits out a role assignment that is still propagating (401, 401, then 200)", async () => {
        const plane = await withAnswers({ reasoning: ["401", "401", "ok"] });
        const { code, out } = await smoke(["--stack", "dev", "--outputs", await outputsFile(plane.endpoint), ...FAST]);
        expect(code).toBe(0);
        expect(rowOf(out, "reasoning")[3]).toBe("ok after 3 tries");
        expect(plane.requests.filter((r) => r.deployment === "reasoning").map((r) => r.status)).toEqual([
            401, 401, 200,
        ]);
    });

    it.each([
        ["401", "401 PermissionDenied"],
        ["403", "403 PermissionDenied"],
    ] as const)(
        "gives up on %s within the back-off budget and names the role and scope to grant",
        async (answer, label) => {
            const plane = await withAnswers({ chat: [answer] });
            const started = Date.now();
            const { code, out } = await smoke([
                "--stack",
                "dev",
                "--outputs",
                await outputsFile(plane.endpoint),
                ...FAST,
            ]);
            expect(code).toBe(1);
            expect(Date.now() - started).toBeLessThan(5000);
            const tries = plane.requests.filter((r) => r.deployment === "chat").length;
            expect(tries).toBeGreaterThan(2);
            expect(tries).toBeLessThan(12);
            expect(rowOf(out, "chat")[3]).toBe(label);
            expect(out).toContain(
                `${label} after ${tries} tries over 0.3 s: grant the identity running the smoke test the "Cognitive Services OpenAI User" role on the account of ${plane.endpoint} (scope: that account, or its resource group)`,
            );
            expect(out).toContain("can take several minutes to propagate");
        },
    );

    it("a token the data plane refuses is a 401 too (the token is never printed)", async () => {
        const plane = await withAnswers({});
        const { code, out, err } = await smoke(
            ["--stack", "dev", "--outputs", await outputsFile(plane.endpoint), ...FAST],
            { AZURE_OPENAI_AD_TOKEN: "expired-token-7f3a" },
        );
        expect(code).toBe(1);
        expect(rowOf(out, "reasoning")[3]).toBe("401 Unauthorized");
        expect(plane.requests.every((r) => !r.bearerValid)).toBe(true);
        expect(out + err).not.toContain("expired-token-7f3a");
    });

    it("tells a network-rule 403 apart: the runner must reach the account", async () => {
        const plane = await withAnswers({ reasoning: ["403-network"] });
        const { code, out } = await smoke(["--stack", "dev", "--outputs", await outputsFile(plane.endpoint), ...FAST]);
        expect(code).toBe(1);
        expect(rowOf(out, "reasoning")[3]).toBe("403 network rules");
        expect(out).toContain("add the runner's egress address to network.ipRules");
        expect(plane.requests.filter((r) => r.deployment === "reasoning")).toHaveLength(1);
    });

    it("honours Retry-After on 429 and then succeeds", async () => {
        const plane = await withAnswers({ chat: [{ status: 429, retryAfterMs: 150 }, "ok"] });
        const { code, out } = await smoke(["--stack", "dev", "--outputs", await outputsFile(plane.endpoint), ...FAST]);
        expect(code).toBe(0);
        expect(rowOf(out, "chat")[3]).toBe("ok after 2 tries");
    });

    it("fails at once on 429 when Retry-After exceeds what is left of the wait, naming the capacity", async () => {
        const plane = await withAnswers({ chat: [{ status: 429, retryAfterSeconds: 30 }] });
        const { code, out } = await smoke(["--stack", "dev", "--outputs", await outputsFile(plane.endpoint), ...FAST]);
        expect(code).toBe(1);
        expect(plane.requests.filter((r) => r.deployment === "chat")).toHaveLength(1);
        expect(out).toContain(
            '✗ chat: 429 asking to retry after 30 s, beyond the 0.5 s left to wait (waited 0 s): "chat" runs at capacity 10 (GlobalStandard). Raise regions.eastus2.deployments.chat.capacity',
        );
    });

    it("keeps honouring Retry-After until the bounded total wait is spent", async () => {
        const plane = await withAnswers({ chat: [{ status: 429, retryAfterSeconds: 0.2 }] });
        const { code, out } = await smoke(["--stack", "dev", "--outputs", await outputsFile(plane.endpoint), ...FAST]);
        expect(code).toBe(1);
        expect(plane.requests.filter((r) => r.deployment === "chat")).toHaveLength(3);
        expect(out).toContain("✗ chat: 429 asking to retry after 0.2 s, beyond the 0.1 s left to wait (waited 0.4 s)");
    });

    it("reports a 500 with Azure's request id", async () => {
        const plane = await withAnswers({ transcribe: ["500"] });
        const { code, out } = await smoke(["--stack", "dev", "--outputs", await outputsFile(plane.endpoint), ...FAST]);
        expect(code).toBe(1);
        const row = rowOf(out, "transcribe");
        expect(row[3]).toBe("500 InternalServerError");
        expect(row[5]).toMatch(/^[0-9a-f-]{36}$/);
        expect(out).toContain("open a support request quoting the request id");
        expect(plane.requests.filter((r) => r.deployment === "transcribe")).toHaveLength(1);
    });

    it("names the content filter that refused a harmless prompt", async () => {
        const plane = await withAnswers({ reasoning: ["content-filter"] });
        const file = await outputsFile(plane.endpoint, "prod");
        const { code, out } = await smoke(["--stack", "prod", "--outputs", file, ...FAST]);
        expect(code).toBe(1);
        expect(out).toContain(
            'The prompt of a harmless request was blocked by content filter "strict" (violence (medium))',
        );
    });

    it("names the filter and category when a completion comes back withheld (HTTP 200, finish_reason content_filter)", async () => {
        const plane = await withAnswers({ chat: ["completion-filtered"] });
        const { code, out } = await smoke([
            "--stack",
            "prod",
            "--outputs",
            await outputsFile(plane.endpoint, "prod"),
            ...FAST,
        ]);
        expect(code).toBe(1);
        expect(rowOf(out, "chat")[3]).toBe("content filter");
        expect(out).toContain(
            '✗ chat: The completion of a harmless request was blocked by content filter "strict" (sexual (medium))',
        );
    });

    it("times out on a hang with the client's timeout, and says how the host resolves for a private stack", async () => {
        const plane = await withAnswers({ reasoning: ["hang"] });
        const file = await outputsFile(plane.endpoint, "prod");
        const started = Date.now();
        const { code, out } = await smoke(["--stack", "prod", "--outputs", file, ...FAST.slice(2), "--timeout", "0.3"]);
        expect(code).toBe(1);
        expect(Date.now() - started).toBeLessThan(6000);
        expect(rowOf(out, "reasoning")[3]).toBe("timeout");
        expect(out).toMatch(
            new RegExp(
                `✗ reasoning: No answer from ${plane.endpoint} within 0.3 s. 127.0.0.1 resolves to 127.0.0.1 \\(private, as the stack is\\)`,
            ),
        );
        expect(out).toContain("(private endpoint)");
    });
});

describe("npm run smoke refuses bad input with exit 2", () => {
    it.each([
        [["--stak", "dev"], "unknown option --stak; did you mean --stack?"],
        [["--stack", "dev", "--image"], "unknown option --image; did you mean --images?"],
        [["--outputs", "x.json"], "--stack is required"],
        [["--stack", "dev", "--timeout", "soon"], '--timeout: got "soon"; allowed: a number of seconds'],
        [["--stack", "dev", "--api-version", "latest"], '--api-version: got "latest"; allowed: YYYY-MM-DD'],
        [
            ["--stack", "dev", "--outputs", "/nonexistent/out.json"],
            "--outputs /nonexistent/out.json: cannot read it (ENOENT)",
        ],
    ])("%j", async (argv, message) => {
        const { code, out, err } = await smoke(argv);
        expect([code, out]).toEqual([2, ""]);
        expect(err).toContain(message);
        expect(err).toContain("usage: npm run smoke");
        expect(err).not.toMatch(/\n\s+at /);
    });

    it.each([
        [
            "http://aoai-dev.openai.azure.com/",
            'regions.eastus2.endpoint: got "http://aoai-dev.openai.azure.com/"; allowed: an https:// URL',
        ],
        ["not a url", 'regions.eastus2.endpoint: got "not a url"'],
    ])("refuses the endpoint %s", async (endpoint, message) => {
        const { code, err } = await smoke(["--stack", "dev", "--outputs", await outputsFile(endpoint)]);
        expect(code).toBe(2);
        expect(err).toContain(message);
    });

    it("refuses outputs that are not JSON or lack regions, naming the key", async () => {
        const notJson = path.join(tmp, "not.json");
        fs.writeFileSync(notJson, "Current stack outputs (0):");
        expect((await smoke(["--stack", "dev", "--outputs", notJson])).err).toContain(`${notJson}: not JSON`);
        const noRegions = path.join(tmp, "empty.json");
        fs.writeFileSync(noRegions, "{}");
        const result = await smoke(["--stack", "dev", "--outputs", noRegions]);
        expect([result.code, result.err]).toEqual([2, expect.stringContaining("regions: got undefined") as unknown]);
        const badFamily = await outputsFile("https://a.openai.azure.com/", "dev", (outputs) => {
            const region = (outputs["regions"] as Record<string, { deployments: { family: string }[] }>)["eastus2"];
            if (region?.deployments[0]) {
                region.deployments[0].family = "text-to-speech";
            }
        });
        expect((await smoke(["--stack", "dev", "--outputs", badFamily])).err).toContain(
            'regions.eastus2.deployments[0].family: got "text-to-speech"; allowed: chat, reasoning, embeddings, speech-to-text, image-generation',
        );
    });

    it("--help prints every option and exits 0", async () => {
        const { code, out } = await smoke(["--help"]);
        expect(code).toBe(0);
        for (const option of [
            "--stack",
            "--outputs",
            "--images",
            "--api-version",
            "--timeout",
            "--auth-wait",
            "--throttle-wait",
        ]) {
            expect(out).toContain(option);
        }
    });
});

describe("npm run smoke reads the outputs from the Pulumi CLI", () => {
    const systemPath = process.env["PATH"] ?? "";

    /** A stand-in `pulumi` first on PATH: a shell script (cheap to start) that records its arguments. */
    function standInPulumi(script: string): { bin: string; env: NodeJS.ProcessEnv } {
        const bin = fs.mkdtempSync(path.join(tmp, "bin-"));
        fs.writeFileSync(path.join(bin, "pulumi"), `#!/bin/sh\n${script}\n`, { mode: 0o755 });
        return { bin, env: { ...ENV, PATH: `${bin}${path.delimiter}${systemPath}` } };
    }

    it("runs `pulumi stack output --json --show-secrets=false --stack <name>` without a shell", async () => {
        const plane = await withAnswers({});
        const outputs = await outputsFile(plane.endpoint);
        const { bin, env } = standInPulumi(
            `printf '%s\\n' "$@" > "$(dirname "$0")/args"; cat ${JSON.stringify(outputs)}`,
        );
        const { code, err } = await smoke(["--stack", "dev", ...FAST], env);
        expect([code, err]).toEqual([0, ""]);
        expect(fs.readFileSync(path.join(bin, "args"), "utf8").trim().split("\n")).toEqual([
            "stack",
            "output",
            "--json",
            "--show-secrets=false",
            "--stack",
            "dev",
        ]);
        expect(plane.requests).toHaveLength(3);
    });

    it("exits 2 when the Pulumi CLI fails, with its message and no stack trace", async () => {
        const { env } = standInPulumi(`echo "error: no stack named 'qa' found" >&2; exit 255`);
        const { code, err } = await smoke(["--stack", "qa"], env);
        expect(code).toBe(2);
        expect(err).toContain(
            "pulumi stack output --json --show-secrets=false --stack qa failed (exit 255): error: no stack named 'qa' found",
        );
        expect(err).not.toMatch(/\n\s+at /);
    });

    it("exits 2 when the Pulumi CLI is not installed, pointing at --outputs", async () => {
        const env = { ...ENV, PATH: fs.mkdtempSync(path.join(tmp, "empty-")) };
        const { code, err } = await smoke(["--stack", "dev"], env);
        expect(code).toBe(2);
        expect(err).toContain("the Pulumi CLI is not on PATH; install it, or pass --outputs FILE");
    });
});

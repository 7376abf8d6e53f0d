import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { promisify } from "node:util";
import { main as planCli } from "../plan/cli";
import { buildPlan, PROJECT_DIR } from "../plan/plan";
import { documentOf, planConfig, stackConfig, variant } from "./helpers";

const run = promisify(execFile);

/** Runs the plan command as a user would, returning its exit code and output. */
async function planCommand(args: readonly string[]): Promise<{ code: number; stdout: string; stderr: string }> {
    try {
        const { stdout, stderr } = await run(process.execPath, ["scripts/run-ts.js", "plan/cli.ts", ...args], {
            cwd: PROJECT_DIR,
            maxBuffer: 32 * 1024 * 1024,
        });
        return { code: 0, stdout, stderr };
    } catch (error) {
        const failed = error as { code: number; stdout: string; stderr: string };
        return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
    }
}

/**
 * Runs the plan command's main in this process (from the project directory, as npm runs it),
 * returning its exit code and what it wrote: no second load of the SDK in a subprocess.
 */
async function planMain(args: readonly string[]): Promise<{ code: number; stdout: string; stderr: string }> {
    const written = { stdout: "", stderr: "" };
    const capture = (stream: "stdout" | "stderr") =>
        jest.spyOn(process[stream], "write").mockImplementation((chunk: unknown) => {
            written[stream] += String(chunk);
            return true;
        });
    capture("stdout");
    capture("stderr");
    const cwd = process.cwd();
    process.chdir(PROJECT_DIR);
    try {
        const code = await planCli(args);
        return { code, ...written };
    } finally {
        process.chdir(cwd);
        jest.restoreAllMocks();
    }
}

describe("plan command", () => {
    it("prints exactly one JSON document with the contract's fields for prod", async () => {
        const { code, stdout } = await planCommand(["--stack", "prod", "--json", "--date", "2026-11-28"]);
        expect(code).toBe(0);
        const document = JSON.parse(stdout) as Record<string, unknown>;
        expect(document).toMatchObject({ project: "aoai-platform", stack: "prod" });
        expect(Object.keys(document)).toEqual(
            expect.arrayContaining(["project", "stack", "resources", "outputs", "warnings"]),
        );
        const resources = document["resources"] as Record<string, string | null | boolean | string[] | object>[];
        const urns = new Set(resources.map((r) => r["urn"]));
        for (const resource of resources) {
            expect(Object.keys(resource).sort()).toEqual([
                "dependsOn",
                "inputs",
                "name",
                "parent",
                "protect",
                "type",
                "urn",
            ]);
            expect(resource["type"]).toMatch(/^[\w-]+:[\w/.-]*:\w+$/);
            // URNs as the engine forms them: the parent's type is prefixed to the child's.
            const parent = resource["parent"] as string | null;
            const parentType = parent ? parent.split("::")[2]! : "";
            const qualifiedType = `${parentType && parentType !== "pulumi:pulumi:Stack" ? `${parentType}$` : ""}${resource["type"] as string}`;
            expect(resource["urn"]).toBe(
                `urn:pulumi:prod::aoai-platform::${qualifiedType}::${resource["name"] as string}`,
            );
            for (const dependency of resource["dependsOn"] as string[]) {
                expect(urns).toContain(dependency);
            }
        }
        const lock = resources.find((r) => r["type"] === "azure-native:authorization:ManagementLockByScope")!;
        expect((lock["inputs"] as Record<string, string>)["scope"]).toMatch(
            /^\/subscriptions\/[0-9a-f-]{36}\/resourceGroups\/[^/]+\/providers\/Microsoft\.\w+\/\w+\/[^/]+$/,
        );
    });

    it("exits 2 with a message for a stack that has no file, and for a bad date", async () => {
        // The command's own main, in this process: the subprocess above already shows how the
        // exit code and the output reach the shell; this is the command's handling of bad input.
        const missing = await planMain(["--stack", "qa"]);
        expect(missing.code).toBe(2);
        expect(missing.stderr).toContain(
            'no stack "qa": there is no Pulumi.qa.yaml in .; stacks here: dev, prod, staging',
        );
        const badDate = await planMain(["--stack", "dev", "--date", "tomorrow"]);
        expect(badDate.code).toBe(2);
        expect(badDate.stderr).toContain('--date: got "tomorrow"; allowed: a date as YYYY-MM-DD');
    });
});

describe("--help", () => {
    it.each([
        ["plan", "../plan/cli"],
        ["plan:diff", "../plan/diff-cli"],
        ["bench", "../bench/run"],
    ])("npm run %s -- --help prints the usage and exits 0", async (script, module) => {
        const written: string[] = [];
        jest.spyOn(process.stdout, "write").mockImplementation((chunk: unknown) => {
            written.push(String(chunk));
            return true;
        });
        try {
            // eslint-disable-next-line @typescript-eslint/no-require-imports
            const { main } = require(module) as { main: (argv: readonly string[]) => Promise<number> };
            expect(await main(["--help"])).toBe(0);
        } finally {
            jest.restoreAllMocks();
        }
        expect(written.join("")).toMatch(new RegExp(`^usage: npm run ${script} -- .*\\n[^]*Exit codes: 0 `));
    });
});

describe("plan warnings", () => {
    it("carry lifecycle warnings for models retiring within the window", async () => {
        const config = variant(stackConfig("dev"), (c) => {
            const deployments = (c["regions"] as Record<string, { deployments: Record<string, unknown> }>)["eastus2"]!
                .deployments;
            deployments["whisper"] = { model: "whisper", version: "001", deploymentType: "Standard", capacity: 1 };
        });
        const plan = documentOf(await planConfig("dev", config));
        expect(plan.warnings).toContainEqual(expect.stringContaining("whisper 001 retires on 2026-12-15 (in 17 days)"));
    });

    it("warn when the catalog is older than the stack accepts", async () => {
        const plan = documentOf(await planConfig("dev", stackConfig("dev"), new Date("2027-01-15T00:00:00Z")));
        expect(plan.warnings).toContainEqual(expect.stringContaining("The model catalog's facts are from 2026-10-05"));
    });
});

describe("secure values in a stack file", () => {
    it("are secrets to the plan, never a failure", async () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "aoai-plan-"));
        try {
            fs.writeFileSync(
                path.join(dir, "Pulumi.yaml"),
                `name: aoai-platform\nmain: ${path.join(PROJECT_DIR, "infra", "index.ts")}\n`,
            );
            const stackFile = fs.readFileSync(path.join(PROJECT_DIR, "Pulumi.dev.yaml"), "utf8");
            fs.writeFileSync(
                path.join(dir, "Pulumi.dev.yaml"),
                stackFile.replace(
                    "config:\n",
                    "config:\n  azure-native:clientSecret:\n    secure: AAABAHNlY3JldC1jaXBoZXJ0ZXh0\n",
                ),
            );
            const result = await buildPlan({ stack: "dev", projectDir: dir, now: new Date("2026-11-28T00:00:00Z") });
            expect(result.exitCode).toBe(0);
            expect(JSON.stringify(result.document)).not.toContain("AAABAHNlY3JldC1jaXBoZXJ0ZXh0");
        } finally {
            fs.rmSync(dir, { recursive: true, force: true });
        }
    });

    it("refuses a secret value for one of the product's own keys, without printing it", async () => {
        const config = Object.fromEntries(
            Object.entries(stackConfig("dev")).map(([key, value]) => [`aoai-platform:${key}`, value]),
        );
        config["aoai-platform:namePrefix"] = "leakyprefix";
        const result = await buildPlan({
            stack: "dev",
            config,
            secretKeys: ["aoai-platform:namePrefix"],
            now: new Date("2026-11-28T00:00:00Z"),
        });
        expect(result.exitCode).toBe(2);
        expect(result.errorText).toContain(
            "  - namePrefix: got a secret value (pulumi config set --secret); allowed: a plain value",
        );
        expect(result.errorText).not.toContain("leakyprefix");
        expect(result.registered).toEqual([]);
    });
});

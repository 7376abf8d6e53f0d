/**
 * The GitHub Actions workflows, checked offline: each validates against SchemaStore's GitHub
 * workflow schema (test/support/github-workflow.schema.json, Apache-2.0) with ajv, and each keeps the security
 * properties the product promises — least permissions per job, no pull request code run with write
 * access, every action pinned to a full commit SHA, Azure sign-in by OIDC only.
 */
import Ajv from "ajv";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { parse as parseYaml } from "yaml";
import { listStacks, PROJECT_DIR } from "../plan/config-sources";
import { PLAN_DIFF_MARKER } from "../plan/render-diff";

const WORKFLOW_DIR = path.join(PROJECT_DIR, ".github", "workflows");

/**
 * Every action the workflows use, pinned to the commit its release tag points at. Each SHA was looked
 * up in public workflows that pin the same release (several independent repositories agreeing on
 * SHA and tag); docs/ci.md lists how. Renovate or Dependabot can take over from here.
 */
const PINNED: Readonly<Record<string, { sha: string; version: string }>> = {
    "actions/checkout": { sha: "de0fac2e4500dabe0009e67214ff5f5447ce83dd", version: "v6.0.2" },
    "actions/setup-node": { sha: "2028fbc5c25fe9cf00d9f06a71cc4710d4507903", version: "v6.0.0" },
    "actions/upload-artifact": { sha: "b7c566a772e6b6bfb58ed0dc250532a479d7789f", version: "v6.0.0" },
    "actions/download-artifact": { sha: "018cc2cf5baa6db3ef3c5f8a56943fffe632ef53", version: "v6.0.0" },
    "azure/login": { sha: "532459ea530d8321f2fb9bb10d1e0bcf23869a43", version: "v3.0.0" },
    "pulumi/actions": { sha: "8e5e406f4007fca908480587cb9893c07090f58d", version: "v7.0.0" },
    "peter-evans/create-pull-request": { sha: "271a8d0340265f705b14b6d32b9829c1cb33d45e", version: "v7.0.8" },
};

type Mapping = Record<string, unknown>;

interface Step extends Mapping {
    uses?: string;
    run?: string;
    with?: Mapping;
}

interface Job extends Mapping {
    permissions?: unknown;
    steps?: Step[];
    uses?: string;
    if?: string;
    env?: Mapping;
    needs?: string | string[];
    environment?: unknown;
    strategy?: { matrix?: { stack?: string[] } };
}

interface Workflow {
    readonly file: string;
    readonly text: string;
    readonly on: Mapping;
    readonly permissions: unknown;
    readonly env: Mapping;
    readonly jobs: Record<string, Job>;
}

function load(file: string): Workflow {
    const text = fs.readFileSync(path.join(WORKFLOW_DIR, file), "utf8");
    const document = parseYaml(text) as Mapping;
    return {
        file,
        text,
        on: (document["on"] ?? {}) as Mapping,
        permissions: document["permissions"],
        env: (document["env"] ?? {}) as Mapping,
        jobs: (document["jobs"] ?? {}) as Record<string, Job>,
    };
}

const FILES = fs
    .readdirSync(WORKFLOW_DIR)
    .filter((file) => /\.ya?ml$/.test(file))
    .sort();
const WORKFLOWS = FILES.map(load);

function workflow(file: string): Workflow {
    const found = WORKFLOWS.find((w) => w.file === file);
    if (!found) {
        throw new Error(`no workflow ${file}`);
    }
    return found;
}

/**
 * SchemaStore's workflow schema, compiled once. Not strict: the schema uses keywords and patterns
 * written for editors (markdownDescription, unicode escapes) that ajv's strict mode refuses.
 */
const validateAgainstSchema = new Ajv({ allErrors: true, strict: false }).compile(
    JSON.parse(fs.readFileSync(path.join(__dirname, "support", "github-workflow.schema.json"), "utf8")) as object,
);

/** The schema's complaints about a workflow's text, one line each ("" when it is valid). */
function schemaErrors(text: string): string[] {
    return validateAgainstSchema(parseYaml(text))
        ? []
        : (validateAgainstSchema.errors ?? []).map((error) => `${error.instancePath || "/"} ${error.message ?? ""}`);
}

function steps(job: Job): Step[] {
    return job.steps ?? [];
}

function actionOf(step: Step): string | undefined {
    return step.uses?.split("@")[0];
}

describe("workflow files", () => {
    it("are the six the product ships", () => {
        expect(FILES).toEqual([
            "catalog-sync.yml",
            "deploy-stack.yml",
            "deploy.yml",
            "drift.yml",
            "pr-comment.yml",
            "pull-request.yml",
        ]);
    });

    it.each(FILES)("%s validates against the GitHub workflow schema", (file) => {
        expect(schemaErrors(workflow(file).text)).toEqual([]);
    });

    it("the validator does reject a broken workflow", () => {
        const broken = "on: push\njobs:\n  build:\n    runs_on: ubuntu-latest\n    steps: []\n";
        expect(schemaErrors(broken)).toContain("/jobs/build must have required property 'runs-on'");
    });
});

describe.each(FILES)("%s", (file) => {
    const wf = workflow(file);

    it("denies every permission at the top and grants each job only what it needs", () => {
        expect(wf.permissions).toEqual({});
        for (const [name, job] of Object.entries(wf.jobs)) {
            expect([name, typeof job.permissions]).toEqual([name, "object"]);
            const granted = Object.entries((job.permissions ?? {}) as Mapping);
            for (const [scope, level] of granted) {
                expect([name, scope, level === "read" || level === "write"]).toEqual([name, scope, true]);
            }
            expect(granted.some(([scope, level]) => scope === "contents" && level === "write")).toBe(false);
        }
    });

    it("pins every action to a full commit SHA with its release as a comment", () => {
        const lines = wf.text.split("\n").filter((line) => /^\s*(-\s+)?uses:/.test(line));
        expect(lines.length).toBeGreaterThan(0);
        for (const line of lines) {
            const local = /uses:\s+\.\/\.github\/workflows\/[\w-]+\.yml\s*$/.test(line);
            const match = /uses:\s+([\w.-]+\/[\w.-]+)@([0-9a-f]{40}) # (v\d+\.\d+\.\d+)\s*$/.exec(line);
            expect([line, local || match !== null]).toEqual([line, true]);
            if (match) {
                expect([match[1], match[2], match[3]]).toEqual([
                    match[1],
                    PINNED[match[1] ?? ""]?.sha,
                    PINNED[match[1] ?? ""]?.version,
                ]);
            }
        }
    });

    it("signs in to Azure by OIDC only, never with a stored client secret", () => {
        expect(wf.text).not.toMatch(/client[-_]?secret|AZURE_CREDENTIALS|creds:/i);
        for (const [name, job] of Object.entries(wf.jobs)) {
            const logins = steps(job).filter((step) => actionOf(step) === "azure/login");
            const pulumi = steps(job).filter((step) => actionOf(step) === "pulumi/actions");
            if (logins.length > 0 || pulumi.length > 0) {
                expect([name, (job.permissions as Mapping)["id-token"]]).toEqual([name, "write"]);
                expect([name, job.env?.["ARM_USE_OIDC"]]).toEqual([name, "true"]);
                expect([name, logins.length]).toEqual([name, 1]);
            }
            for (const login of logins) {
                expect(Object.keys(login.with ?? {}).sort()).toEqual(["client-id", "subscription-id", "tenant-id"]);
            }
        }
    });

    it("takes Node from .nvmrc", () => {
        for (const job of Object.values(wf.jobs)) {
            for (const step of steps(job).filter((s) => actionOf(s) === "actions/setup-node")) {
                expect(String(step.with?.["node-version-file"])).toMatch(/(^|\/)\.nvmrc$/);
                expect(step.with?.["node-version"]).toBeUndefined();
            }
        }
    });

    it("never runs pull request code with a privileged token", () => {
        expect(Object.keys(wf.on)).not.toContain("pull_request_target");
        if ("workflow_run" in wf.on) {
            for (const job of Object.values(wf.jobs)) {
                expect(steps(job).some((step) => actionOf(step) === "actions/checkout")).toBe(false);
                expect(steps(job).some((step) => /\bnpm\b|\bnode\b/.test(step.run ?? ""))).toBe(false);
            }
        }
        for (const job of Object.values(wf.jobs)) {
            for (const step of steps(job).filter((s) => actionOf(s) === "actions/checkout")) {
                expect(step.with?.["persist-credentials"]).toBe(false);
            }
        }
    });

    it("keeps the Pulumi CLI at the version of the SDK", () => {
        const sdk = (
            JSON.parse(fs.readFileSync(path.join(PROJECT_DIR, "package.json"), "utf8")) as {
                dependencies: Record<string, string>;
            }
        ).dependencies["@pulumi/pulumi"];
        if (wf.text.includes("pulumi/actions@")) {
            expect(wf.env["PULUMI_VERSION"]).toBe(sdk);
        }
    });
});

describe("pull-request.yml", () => {
    const wf = workflow("pull-request.yml");

    it("tests, plans and diffs without any secret, so that forks get it too", () => {
        for (const name of ["test", "plan"]) {
            const job = wf.jobs[name] ?? {};
            expect(JSON.stringify(job)).not.toMatch(/secrets\.|vars\.|id-token/);
            expect(job.permissions).toEqual({ contents: "read" });
        }
        expect(
            steps(wf.jobs["test"] ?? {})
                .map((step) => step.run)
                .filter(Boolean),
        ).toEqual(["npm ci --no-audit --no-fund", "npm test"]);
    });

    it("plans every stack on base and head, diffs them and fails on a mandatory violation", () => {
        const plan = wf.jobs["plan"] ?? {};
        const checkouts = steps(plan).filter((step) => actionOf(step) === "actions/checkout");
        expect(checkouts.map((step) => step.with?.["path"])).toEqual(["head", "base"]);
        expect(checkouts[1]?.with?.["ref"]).toBe("${{ github.event.pull_request.base.sha }}");
        const script = steps(plan)
            .map((step) => step.run ?? "")
            .join("\n");
        expect(script).toContain('npm run --silent plan -- --stack "$stack" --json --date "$plan_date"');
        expect(script).toContain('npm run --silent plan:diff -- "$PLANS/base" "$PLANS/head"');
        expect(script).toMatch(/1\) echo "::error title=Policy::.*status=1 ;;/);
        expect(steps(plan).find((step) => actionOf(step) === "actions/upload-artifact")?.if).toBe("always()");
    });

    it("previews online per stack only with Azure and a backend configured, and never for forks", () => {
        const preview = wf.jobs["preview"] ?? {};
        expect(preview.if).toContain("vars.AZURE_CLIENT_ID != ''");
        expect(preview.if).toContain("vars.PULUMI_BACKEND_URL != ''");
        expect(preview.if).toContain("github.event.pull_request.head.repo.full_name == github.repository");
        expect(preview.strategy?.matrix?.stack).toEqual(expect.arrayContaining(listStacks(PROJECT_DIR)));
        expect(preview.strategy?.matrix?.stack).toHaveLength(listStacks(PROJECT_DIR).length);
        const step = steps(preview).find((s) => actionOf(s) === "pulumi/actions");
        expect(step?.with).toMatchObject({
            command: "preview",
            "stack-name": "${{ matrix.stack }}",
            "comment-on-pr": true,
            policyPacks: "policies",
            policyPackConfigs: "policies/config/${{ matrix.stack }}.json",
        });
    });
});

describe("pr-comment.yml", () => {
    const wf = workflow("pr-comment.yml");

    it("updates one comment found by the marker the renderer writes, for the run's own pull request", () => {
        expect(wf.on).toEqual({ workflow_run: { workflows: ["Pull request"], types: ["completed"] } });
        expect(wf.text).toContain(`marker='${PLAN_DIFF_MARKER}'`);
        expect(wf.text).toContain('[ "$pr_head" != "$RUN_HEAD_SHA" ]');
        expect(wf.jobs["comment"]?.permissions).toEqual({ actions: "read", "pull-requests": "write" });
    });
});

describe("deploy.yml and deploy-stack.yml", () => {
    const deploy = workflow("deploy.yml");
    const stage = workflow("deploy-stack.yml");

    it("roll out dev, then staging, then prod on a push to main, one at a time", () => {
        expect(deploy.on).toEqual({ push: { branches: ["main"] }, workflow_dispatch: {} });
        expect(Object.keys(deploy.jobs)).toEqual(["dev", "staging", "prod"]);
        expect([deploy.jobs["staging"]?.needs, deploy.jobs["prod"]?.needs]).toEqual(["dev", "staging"]);
        for (const [name, job] of Object.entries(deploy.jobs)) {
            expect(job.uses).toBe("./.github/workflows/deploy-stack.yml");
            expect(job["with"]).toEqual({ stack: name });
            expect(job.permissions).toEqual({ contents: "read", "id-token": "write" });
        }
        expect(deploy.jobs["dev"]?.if).toContain("vars.PULUMI_BACKEND_URL != ''");
    });

    it("run each stage in its GitHub environment: up with the policy pack, then a preview expecting no changes", () => {
        const job = stage.jobs["up"] ?? {};
        expect(job.environment).toBe("${{ inputs.stack }}");
        const pulumi = steps(job).filter((step) => actionOf(step) === "pulumi/actions");
        expect(pulumi.map((step) => step.with?.["command"])).toEqual(["up", "preview"]);
        for (const step of pulumi) {
            expect(step.with).toMatchObject({
                policyPacks: "policies",
                policyPackConfigs: "policies/config/${{ inputs.stack }}.json",
            });
        }
        expect(pulumi[1]?.with?.["expect-no-changes"]).toBe(true);
    });
});

describe("drift.yml", () => {
    const wf = workflow("drift.yml");

    it("previews every stack with --refresh --expect-no-changes on a schedule and keeps one issue", () => {
        expect(Object.keys(wf.on).sort()).toEqual(["schedule", "workflow_dispatch"]);
        const preview = wf.jobs["preview"] ?? {};
        expect(preview.strategy?.matrix?.stack).toHaveLength(listStacks(PROJECT_DIR).length);
        expect(wf.text).toContain('pulumi preview --stack "$STACK" --refresh --expect-no-changes');
        const report = wf.jobs["report"] ?? {};
        expect(report.permissions).toEqual({ issues: "write" });
        expect(report.if).toBe("always() && needs.preview.result != 'skipped'");
        expect(wf.text).toContain("gh issue list --label drift --state open");
    });
});

describe("catalog-sync.yml", () => {
    const wf = workflow("catalog-sync.yml");

    it("syncs every stack's regions weekly and on demand, read-only in Azure, and opens one pull request", () => {
        expect(Object.keys(wf.on).sort()).toEqual(["schedule", "workflow_dispatch"]);
        const sync = wf.jobs["sync"] ?? {};
        expect(sync.permissions).toEqual({ contents: "read", "id-token": "write" });
        expect(wf.text).toContain("for file in Pulumi.*.yaml; do");
        expect(wf.text).toContain(
            'npm run --silent catalog:sync -- --subscription "$AZURE_SUBSCRIPTION_ID" --stack "$stack" --write',
        );
        const pr = wf.jobs["pull-request"] ?? {};
        expect(pr.permissions).toEqual({ contents: "read" });
        expect(pr.if).toBe("needs.sync.outputs.changed == 'true'");
        const create = steps(pr).find((step) => actionOf(step) === "peter-evans/create-pull-request");
        expect(create?.with).toMatchObject({
            "body-path": "sync/report.md",
            token: "${{ secrets.CATALOG_SYNC_TOKEN }}",
        });
    });
});

describe("repository hygiene", () => {
    const github = path.join(PROJECT_DIR, ".github");

    it("CODEOWNERS names owners for the prod stack file and the policy configs", () => {
        const owners = new Map(
            fs
                .readFileSync(path.join(github, "CODEOWNERS"), "utf8")
                .split("\n")
                .map((line) => line.trim())
                .filter((line) => line !== "" && !line.startsWith("#"))
                .map((line) => {
                    const [pattern = "", ...names] = line.split(/\s+/);
                    return [pattern, names] as const;
                }),
        );
        for (const pattern of ["/Pulumi.prod.yaml", "/policies/config/"]) {
            expect([pattern, (owners.get(pattern) ?? []).every((name) => /^@[\w-]+\/[\w-]+$/.test(name))]).toEqual([
                pattern,
                true,
            ]);
            expect(owners.get(pattern)?.length).toBeGreaterThan(0);
        }
    });

    it("Dependabot updates npm (the root and the policy pack workspace) and the pinned actions", () => {
        const config = parseYaml(fs.readFileSync(path.join(github, "dependabot.yml"), "utf8")) as {
            version: number;
            updates: { "package-ecosystem": string; directory?: string; directories?: string[] }[];
        };
        expect(config.version).toBe(2);
        const directories = (ecosystem: string): string[] =>
            config.updates
                .filter((update) => update["package-ecosystem"] === ecosystem)
                .flatMap((update) => update.directories ?? [update.directory ?? ""]);
        expect(directories("npm").sort()).toEqual(["/", "/policies"]);
        expect(directories("github-actions")).toEqual(["/"]);
    });
});

describe("ESC values for the offline plan (deploy gate and pull requests)", () => {
    const stage = workflow("deploy-stack.yml");
    const pr = workflow("pull-request.yml");
    const up = stage.jobs["up"] ?? {};
    const planEsc = pr.jobs["plan-esc"] ?? {};

    function stepNamed(job: Job, prefix: string): Step {
        const found = steps(job).find((step) => typeof step["name"] === "string" && step["name"].startsWith(prefix));
        if (!found) {
            throw new Error(`no step named ${prefix}…`);
        }
        return found;
    }
    /** A shell function's text, from `name() {` to its closing brace at the same indentation. */
    function shellFunction(script: string, name: string): string {
        const match = new RegExp(`^( *)${name}\\(\\) \\{[\\s\\S]*?^\\1\\}$`, "m").exec(script);
        return match?.[0] ?? "";
    }

    it("the deploy gate lists and opens the stack's environments before the plan, passes them, and removes them", () => {
        const names = steps(up).map((step) => {
            const name = step["name"];
            return typeof name === "string" ? name : (step.uses ?? step.run ?? "");
        });
        const at = (prefix: string): number => names.findIndex((n) => n.startsWith(prefix));
        expect(at("List the ESC environments")).toBeGreaterThan(names.indexOf("npm ci --no-audit --no-fund"));
        expect([at("Open them"), at("Offline plan"), at("Remove the opened ESC values")]).toEqual([
            at("List the ESC environments") + 1,
            at("List the ESC environments") + 2,
            at("List the ESC environments") + 3,
        ]);
        expect(stepNamed(up, "Remove the opened ESC values").if).toBe("always()");
        expect(stepNamed(up, "Offline plan").run).toContain('npm run plan -- --stack "$STACK" "${args[@]}"');
    });

    it("pull requests: plan skips ESC stacks, plan-esc plans them, only for this repository's branches, the token in one step", () => {
        expect(stepNamed(pr.jobs["plan"] ?? {}, "Plan every stack").run).toMatch(
            /if grep -qE '\^environment:' "\$file"; then\n.*plan-esc job"\n\s+continue\n/,
        );
        expect(planEsc.permissions).toEqual({ contents: "read" });
        expect(planEsc.if).toContain("github.event.pull_request.head.repo.full_name == github.repository");
        expect(planEsc.env).toBeUndefined();
        const withSecrets = steps(planEsc).filter((step) => /secrets\./.test(JSON.stringify(step)));
        expect(withSecrets.map((step) => step["name"])).toEqual([
            "Open them (values for the offline plan; never printed; the only step with the token)",
        ]);
        expect((withSecrets[0]?.["env"] as Mapping | undefined)?.["PULUMI_ACCESS_TOKEN"]).toBe(
            "${{ secrets.PULUMI_ACCESS_TOKEN }}",
        );
        expect(stepNamed(planEsc, "Plan them").run).toContain('npm run --silent plan -- --stack "$stack" "${args[@]}"');
        expect(stepNamed(planEsc, "Remove the opened ESC values").if).toBe("always()");
    });

    it("both install the ESC CLI the same pinned way and share the same functions; no step prints a values file", () => {
        for (const wf of [stage, pr]) {
            expect(wf.env["ESC_VERSION"]).toMatch(/^\d+\.\d+\.\d+$/);
            expect(wf.text).toContain(
                'curl -fsSL https://get.pulumi.com/esc/install.sh | sh -s -- --version "$ESC_VERSION"',
            );
            for (const line of wf.text.split("\n")) {
                expect(/\b(cat|less|head|tail)\b.*esc-values|esc-values.*\|\s*(cat|tee)\b/.test(line)).toBe(false);
            }
        }
        expect(stage.env["ESC_VERSION"]).toBe(pr.env["ESC_VERSION"]);
        for (const name of ["esc_names", "open_esc"]) {
            const deployText = shellFunction(stage.text, name);
            expect(deployText).not.toBe("");
            expect(shellFunction(pr.text, name)).toBe(deployText);
        }
    });

    describe("run as GitHub runs a step (bash -eo pipefail), with stand-ins for curl, esc and npm", () => {
        let tmp: string;
        beforeAll(() => {
            tmp = fs.mkdtempSync(path.join(os.tmpdir(), "esc-workflow-"));
        });
        afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

        /** A workspace with the stack file, stand-ins on PATH and in ~/.pulumi/bin, and a runner temp dir. */
        function workspace(stackFile: string): { dir: string; env: NodeJS.ProcessEnv; log: string } {
            const dir = fs.mkdtempSync(path.join(tmp, "ws-"));
            const bin = path.join(dir, "bin");
            const escBin = path.join(dir, "home", ".pulumi", "bin");
            fs.mkdirSync(bin);
            fs.mkdirSync(escBin, { recursive: true });
            fs.mkdirSync(path.join(dir, "temp"));
            fs.writeFileSync(path.join(dir, "Pulumi.prod.yaml"), stackFile);
            const log = path.join(dir, "log");
            const standIn = (file: string, body: string): void =>
                fs.writeFileSync(file, `#!/bin/sh\necho "$(basename "$0") $*" >> ${JSON.stringify(log)}\n${body}`, {
                    mode: 0o755,
                });
            standIn(path.join(bin, "curl"), "");
            standIn(path.join(bin, "npm"), "");
            // What `esc env open --format json` prints: values in plain text, which must never reach the log.
            standIn(path.join(escBin, "esc"), 'echo "{\\"pulumiConfig\\": {\\"aoai-platform:x\\": \\"SECRET-$3\\"}}"');
            return {
                dir,
                log,
                env: {
                    PATH: `${bin}${path.delimiter}${process.env["PATH"] ?? ""}`,
                    HOME: path.join(dir, "home"),
                    NODE_PATH: path.join(PROJECT_DIR, "node_modules"),
                    RUNNER_TEMP: path.join(dir, "temp"),
                    STACK: "prod",
                    STACKS: "prod",
                    ESC_VERSION: String(stage.env["ESC_VERSION"]),
                    PULUMI_ORG: "acme",
                },
            };
        }

        function runStep(step: Step, ws: { dir: string; env: NodeJS.ProcessEnv }): string {
            const script = path.join(ws.dir, "step.sh");
            fs.writeFileSync(script, step.run ?? "exit 9");
            const result = spawnSync("bash", ["--noprofile", "--norc", "-eo", "pipefail", script], {
                cwd: ws.dir,
                encoding: "utf8",
                env: ws.env,
            });
            expect([result.status, result.stderr]).toEqual([0, ""]);
            return result.stdout;
        }

        it.each([
            ["deploy-stack.yml up", up, ["List the ESC", "Open them", "Offline plan"]],
            ["pull-request.yml plan-esc", planEsc, ["List the ESC", "Open them", "Plan them"]],
        ])(
            "%s: opens each environment in order (org-qualified) and plans with one --esc-values each",
            (_, job, names) => {
                const ws = workspace(
                    "environment:\n  - aoai/prod\n  - shared/base\n  - other-org/x/y\nconfig:\n  aoai-platform:environment: prod\n",
                );
                const out = names.map((name) => runStep(stepNamed(job, name), ws)).join("");
                const values = path.join(ws.dir, "temp", "esc-values", "prod");
                const log = fs.readFileSync(ws.log, "utf8").trim().split("\n");
                expect(log).toEqual([
                    `curl -fsSL https://get.pulumi.com/esc/install.sh`,
                    "esc env open acme/aoai/prod --format json",
                    "esc env open acme/shared/base --format json",
                    "esc env open other-org/x/y --format json",
                    expect.stringMatching(/^npm run (--silent )?plan -- --stack prod /) as unknown,
                ]);
                expect(log[4]?.split(" --stack prod ")[1]).toBe(
                    ["01", "02", "03"].map((n) => `--esc-values ${path.join(values, `${n}.json`)}`).join(" "),
                );
                expect(JSON.parse(fs.readFileSync(path.join(values, "02.json"), "utf8"))).toEqual({
                    pulumiConfig: { "aoai-platform:x": "SECRET-acme/shared/base" },
                });
                expect(out).toContain("Pulumi.prod.yaml: opened ESC environment acme/aoai/prod");
                expect(out).not.toContain("SECRET-");
                runStep(stepNamed(job, "Remove the opened ESC values"), ws);
                expect(fs.existsSync(path.join(ws.dir, "temp", "esc-values"))).toBe(false);
            },
        );

        it("the deploy gate of a stack without environment: installs nothing and plans as before", () => {
            const ws = workspace("config:\n  aoai-platform:environment: prod\n");
            const out = ["List the ESC", "Open them", "Offline plan"].map((name) => runStep(stepNamed(up, name), ws));
            expect(out[0]).toContain("Pulumi.prod.yaml imports no ESC environment");
            expect(fs.readFileSync(ws.log, "utf8").trim().split("\n")).toEqual(["npm run plan -- --stack prod"]);
        });

        it("refuses inline environment values, which cannot be opened by name", () => {
            const ws = workspace("environment:\n  imports: [aoai/prod]\n  values: { a: 1 }\n");
            const script = path.join(ws.dir, "step.sh");
            fs.writeFileSync(script, stepNamed(up, "List the ESC").run ?? "");
            const result = spawnSync("bash", ["--noprofile", "--norc", "-eo", "pipefail", script], {
                cwd: ws.dir,
                encoding: "utf8",
                env: ws.env,
            });
            expect(result.status).toBe(2);
            expect(result.stderr).toContain("Pulumi.prod.yaml: inline environment values cannot be opened by name");
        });
    });
});

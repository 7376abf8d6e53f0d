/**
 * The smoke test in the rollout: after `pulumi up` of each stack, deploy-stack.yml's `smoke` job
 * calls every deployment before the stage (and so the next environment) may finish. The runner
 * choice is a script in the workflow; it is run here on the real plans' outputs.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { parse as parseYaml } from "yaml";
import { PROJECT_DIR } from "../plan/config-sources";
import { documentOf, planStack } from "./helpers";

interface Step {
    readonly id?: string;
    readonly uses?: string;
    readonly run?: string;
    readonly env?: Record<string, string>;
    readonly with?: Record<string, unknown>;
}
interface Job {
    readonly needs?: string;
    readonly "runs-on"?: unknown;
    readonly environment?: string;
    readonly outputs?: Record<string, string>;
    readonly env?: Record<string, string>;
    readonly steps: Step[];
}

const workflow = parseYaml(
    fs.readFileSync(path.join(PROJECT_DIR, ".github", "workflows", "deploy-stack.yml"), "utf8"),
) as {
    on: { workflow_call: { inputs: Record<string, { default?: string; description: string }> } };
    jobs: Record<string, Job>;
};
const up = workflow.jobs["up"];
const smoke = workflow.jobs["smoke"];

describe("deploy-stack.yml runs the smoke test after pulumi up", () => {
    it("in a job that needs the up job, in the stage's environment, with the CLI sign-in only", () => {
        expect(Object.keys(workflow.jobs)).toEqual(["up", "smoke"]);
        expect(smoke?.needs).toBe("up");
        expect(smoke?.environment).toBe("${{ inputs.stack }}");
        expect(smoke?.["runs-on"]).toBe("${{ fromJSON(needs.up.outputs.smoke-runs-on) }}");
        expect(smoke?.env?.["AZURE_TOKEN_CREDENTIALS"]).toBe("AzureCliCredential");
        const runs = (smoke?.steps ?? []).map((step) => step.run).filter(Boolean);
        expect(runs).toEqual([
            "npm ci --no-audit --no-fund",
            'npm run smoke -- --stack "$STACK" --outputs stack-outputs.json',
        ]);
        const uploaded = up?.steps.find((step) => step.uses?.startsWith("actions/upload-artifact@"));
        const downloaded = smoke?.steps.find((step) => step.uses?.startsWith("actions/download-artifact@"));
        expect(downloaded?.with?.["name"]).toBe(uploaded?.with?.["name"]);
        expect(up?.outputs?.["smoke-runs-on"]).toBe("${{ steps.outputs.outputs.smoke-runs-on }}");
    });

    it("documents the runner label a private stack needs", () => {
        const input = workflow.on.workflow_call.inputs["private-runner-label"];
        expect(input?.default).toBe("");
        expect(input?.description).toContain("must sit in, or be peered with, the stack's network");
    });

    describe("picks the runner from the stack's outputs", () => {
        const step = up?.steps.find((s) => s.id === "outputs");
        let tmp: string;
        beforeAll(() => {
            tmp = fs.mkdtempSync(path.join(os.tmpdir(), "smoke-workflow-"));
        });
        afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

        type Outputs = { regions: Record<string, Record<string, unknown>> };
        const asShipped = (outputs: Outputs): Outputs => outputs;
        /** The same outputs with every account's network open (public access on, firewall Allow). */
        const opened = (outputs: Outputs): Outputs => ({
            ...outputs,
            regions: Object.fromEntries(
                Object.entries(outputs.regions).map(([r, region]) => [r, { ...region, networkRestricted: false }]),
            ),
        });
        /** As a stack deployed before networkRestricted was an output. */
        const withoutRestriction = (outputs: Outputs): Outputs => ({
            ...outputs,
            regions: Object.fromEntries(
                Object.entries(outputs.regions).map(([r, { networkRestricted: _dropped, ...region }]) => [r, region]),
            ),
        });

        it.each([
            // Public, but its firewall denies all but 203.0.113.0/24: a GitHub-hosted runner gets 403.
            ["dev", "as shipped", "", ["self-hosted", "aoai-dev"], asShipped],
            ["dev", "opened", "", "ubuntu-latest", opened],
            ["dev", "without networkRestricted", "", ["self-hosted", "aoai-dev"], withoutRestriction],
            ["prod", "as shipped", "", ["self-hosted", "aoai-prod"], asShipped],
            // A private endpoint needs the network's runner even if the output said otherwise.
            ["prod", "opened", "vnet-runners", ["self-hosted", "vnet-runners"], opened],
        ])("%s (%s, label input %j) runs on %j", async (stack, _how, label, expected, transform) => {
            const dir = fs.mkdtempSync(path.join(tmp, `${stack}-`));
            const outputs = path.join(dir, "outputs.json");
            const planned = documentOf(await planStack(stack)).outputs as Outputs;
            fs.writeFileSync(outputs, JSON.stringify(transform(planned)));
            // A stand-in for the Pulumi CLI, which the up job has on PATH after pulumi/actions.
            fs.writeFileSync(path.join(dir, "pulumi"), `#!/bin/sh\ncat ${JSON.stringify(outputs)}\n`, { mode: 0o755 });
            const githubOutput = path.join(dir, "github-output");
            // As GitHub runs a `run:` step on Linux: bash --noprofile --norc -eo pipefail <file>.
            const script = path.join(dir, "step.sh");
            fs.writeFileSync(script, step?.run ?? "exit 9");
            const result = spawnSync("bash", ["--noprofile", "--norc", "-eo", "pipefail", script], {
                cwd: dir,
                encoding: "utf8",
                env: {
                    PATH: `${dir}${path.delimiter}${process.env["PATH"] ?? ""}`,
                    STACK: stack,
                    PRIVATE_RUNNER_LABEL: label,
                    GITHUB_OUTPUT: githubOutput,
                },
            });
            expect([result.status, result.stderr]).toEqual([0, ""]);
            const line = fs.readFileSync(githubOutput, "utf8").trim();
            expect(line.startsWith("smoke-runs-on=")).toBe(true);
            expect(JSON.parse(line.slice("smoke-runs-on=".length))).toEqual(expected);
            expect(fs.existsSync(path.join(dir, "stack-outputs.json"))).toBe(true);
        });
    });
});

/** The errors a newcomer meets first: each says where, what was given and what would work. Exit 2. */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { main as planCli } from "../plan/cli";
import { main as benchCli } from "../bench/run";
import { main as diffCli } from "../plan/diff-cli";
import { main as configReferenceCli } from "../scripts/config-reference";
import { main as catalogSyncCli } from "../tools/catalog-sync/cli";
import { main as catalogSchemaCli } from "../tools/catalog-sync/json-schema";
import { buildPlan, PROJECT_DIR } from "../plan/plan";
import { TEST_DATE } from "./helpers";

/** Runs an entry point in this process, returning its exit code and what it wrote to stderr. */
async function run(
    main: (argv: readonly string[]) => Promise<number>,
    argv: readonly string[],
): Promise<{ code: number; stderr: string }> {
    const written: string[] = [];
    const spy = jest.spyOn(process.stderr, "write").mockImplementation((chunk: unknown) => {
        written.push(String(chunk));
        return true;
    });
    try {
        return { code: await main(argv), stderr: written.join("") };
    } finally {
        spy.mockRestore();
    }
}

describe("errors a newcomer meets", () => {
    let dir: string;
    beforeAll(() => {
        dir = fs.mkdtempSync(path.join(os.tmpdir(), "aoai-errors-"));
        fs.writeFileSync(
            path.join(dir, "Pulumi.yaml"),
            `name: aoai-platform\nruntime: nodejs\nmain: ${path.join(PROJECT_DIR, "infra", "index.ts")}\n`,
        );
    });
    afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

    it("a YAML error names the file, the line and the column", async () => {
        fs.writeFileSync(
            path.join(dir, "Pulumi.broken.yaml"),
            "config:\n  aoai-platform:environment: dev\n  aoai-platform:tags:\n    owner: [unclosed\n",
        );
        const result = await buildPlan({ stack: "broken", projectDir: dir, now: TEST_DATE });
        expect(result.exitCode).toBe(2);
        expect(result.errorText).toMatch(/Pulumi\.broken\.yaml:\d+:\d+: invalid YAML: /);
        expect(result.errorText).not.toMatch(/\n\s+at /);
        fs.writeFileSync(path.join(dir, "Pulumi.dup.yaml"), "config:\n  a:b: 1\n  a:b: 2\n");
        const duplicate = await buildPlan({ stack: "dup", projectDir: dir, now: TEST_DATE });
        expect(duplicate.errorText).toMatch(/Pulumi\.dup\.yaml:3:3: invalid YAML: Map keys must be unique/);
    });

    it("an unknown stack lists the stacks that exist", async () => {
        const { code, stderr } = await run(planCli, ["--stack", "qa"]);
        expect(code).toBe(2);
        expect(stderr).toContain('no stack "qa": there is no Pulumi.qa.yaml');
        expect(stderr).toContain("stacks here: dev, prod, staging");
    });

    it.each([
        ["unknown option --jsn; did you mean --json?", planCli, ["--stack", "dev", "--jsn"]],
        ["unknown option --stak; did you mean --stack?", planCli, ["--stak", "dev"]],
        ["did you mean --policy-pack-config?", planCli, ["--stack", "dev", "--policy-pak-config", "x.json"]],
        ["did you mean --esc-values?", planCli, ["--stack", "dev", "--esc-value", "x.json"]],
        ["unknown option --formt; did you mean --format?", diffCli, ["a.json", "b.json", "--formt", "text"]],
        ["did you mean --no-diagrams?", diffCli, ["a.json", "b.json", "--no-diagram"]],
        // Every command parses its options alike (tools/command-line/parse.ts): a typo never runs it.
        ["unknown option --form; did you mean --from?", catalogSyncCli, ["--form", "dir"]],
        [
            "unknown option --chek; did you mean --check?",
            (argv: readonly string[]) => Promise.resolve(catalogSchemaCli(argv)),
            ["--chek"],
        ],
        ["unknown option --chek; did you mean --check?", configReferenceCli, ["--chek"]],
        ["unknown option --rusn; did you mean --runs?", benchCli, ["--rusn", "3"]],
        ['--runs: got "0"; allowed: a whole number, at least 1', benchCli, ["--runs", "0"]],
        ["--stack: a value is required", planCli, ["--stack"]],
        ['unexpected argument "extra"', planCli, ["--stack", "dev", "extra"]],
    ] as const)("%s", async (message, main, argv) => {
        const { code, stderr } = await run(main, argv);
        expect(code).toBe(2);
        expect(stderr).toContain(message);
    });

    it('a policy pack config that does not exist says "not found", not "invalid"', async () => {
        const { code, stderr } = await run(planCli, [
            "--stack",
            "dev",
            "--policy-pack-config",
            "policies/config/qa.json",
        ]);
        expect(code).toBe(2);
        expect(stderr).toContain("Policy pack config policies/config/qa.json not found");
        expect(stderr).toContain("files in policies/config: dev.json, prod.json, staging.json");
        expect(stderr).not.toContain("invalid");
    });
});

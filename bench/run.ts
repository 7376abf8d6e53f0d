/**
 * `npm run bench [-- --runs N] [--test-runs N] [--skip-test] [--baseline <git-rev> [--baseline-patch <file>]] [--write]`:
 * measures what users of this product wait for — type-check, the full `npm test` (beside the same
 * command of an older commit, `--baseline`, and of that commit with a patch applied,
 * `--baseline-patch`), the offline plan of every shipped stack, plans of
 * generated stacks of 1, 4 and 16 regions × 8 deployments, and the deploy critical path — as child
 * processes, several interleaved runs each (median and spread), and checks the budgets. Prints the
 * tables; only with `--write` does it write `bench/results.json` and the results section of
 * `bench/README.md`. Exit 0 when every budget is met, 1 when one is missed, 2 on bad arguments or a
 * failing command.
 */
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { type GraphResource, criticalPath } from "./critical-path";
import { parseCommandLine } from "../tools/command-line/parse";
import { type Command, runOnce, type Sample, summarize, type Summary, usageSource } from "./measure";

const PROJECT_DIR = path.resolve(__dirname, "..");
const SCRATCH_DIR = path.join(__dirname, "tmp");
const RESULTS_JSON = path.join(__dirname, "results.json");
const README = path.join(__dirname, "README.md");
const README_START = "<!-- bench:start -->";
const README_END = "<!-- bench:end -->";

/** The date every plan is made for, so that lifecycle checks do not change the plans between runs. */
const PLAN_DATE = "2026-11-28";
const SHIPPED_STACKS = ["dev", "staging", "prod"] as const;
const GENERATED_REGIONS = [1, 4, 16] as const;
const GENERATED_DEPLOYMENTS = 8;

const BUDGETS = {
    typecheckMs: 2000,
    /** npm test's CPU time (whole process tree) over the baseline commit's, medians of the same run. */
    testCpuOverBaseline: 1.2,
    prodPlanOverBareLoad: 3,
    scalingRatio: 4,
    largePlanRssMb: 500,
} as const;

interface Options {
    readonly runs: number;
    readonly testRuns: number;
    readonly write: boolean;
    /** A git revision whose `npm test` is measured beside this tree's. */
    readonly baseline?: string;
    /** A patch (`git apply`) whose effect on the baseline's `npm test` is measured in the same rounds. */
    readonly baselinePatch?: string;
}

interface PlanFacts {
    readonly resources: number;
    readonly azureResources: number;
    readonly criticalPath: number;
    readonly chain: readonly string[];
    readonly exitCode: number;
}

interface Measure {
    readonly id: string;
    readonly label: string;
    readonly command: Command;
}

export interface Budget {
    readonly name: string;
    readonly limit: string;
    readonly actual: string;
    readonly ok: boolean;
    /** A comparison shown beside the budgets that is not one (no limit; never fails the bench). */
    readonly informational?: true;
}

const OPTIONS = {
    runs: { type: "string" },
    "test-runs": { type: "string" },
    "skip-test": { type: "boolean" },
    baseline: { type: "string" },
    "baseline-patch": { type: "string" },
    write: { type: "boolean" },
    help: { type: "boolean", short: "h" },
} as const;

function parseOptions(argv: readonly string[]): Options | string {
    const parsed = parseCommandLine(argv, OPTIONS, false);
    if (typeof parsed === "string") {
        return parsed;
    }
    const values = parsed.values;
    const count = (option: "runs" | "test-runs", fallback: number, least: number): number | string => {
        const text = values[option];
        const value = text === undefined ? fallback : Number(text);
        return Number.isInteger(value) && value >= least
            ? value
            : `--${option}: got ${JSON.stringify(text)}; allowed: a whole number, at least ${least}`;
    };
    const runs = count("runs", 5, 1);
    const testRuns = values["skip-test"] === true ? 0 : count("test-runs", 3, 0);
    if (typeof runs === "string" || typeof testRuns === "string") {
        return typeof runs === "string" ? runs : (testRuns as string);
    }
    const baseline = values.baseline;
    if (values["skip-test"] === true && (baseline !== undefined || values["baseline-patch"] !== undefined)) {
        return "--skip-test skips npm test, which --baseline and --baseline-patch measure: give one or the other";
    }
    let baselinePatch = values["baseline-patch"];
    if (baselinePatch !== undefined) {
        if (!fs.existsSync(baselinePatch) || !fs.statSync(baselinePatch).isFile()) {
            return `--baseline-patch: got ${JSON.stringify(baselinePatch)}; allowed: a patch file (there is no such file)`;
        }
        if (baseline === undefined) {
            return "--baseline-patch needs --baseline (the revision to apply it to)";
        }
        baselinePatch = path.resolve(baselinePatch);
    }
    return {
        runs,
        testRuns,
        write: values.write === true,
        ...(baseline === undefined ? {} : { baseline }),
        ...(baselinePatch === undefined ? {} : { baselinePatch }),
    };
}

function packageScripts(): Record<string, string> {
    const manifest = JSON.parse(fs.readFileSync(path.join(PROJECT_DIR, "package.json"), "utf8")) as {
        scripts?: Record<string, string>;
    };
    return manifest.scripts ?? {};
}

/**
 * The `@pulumi/azure-native/<service>` modules the program imports (not type-only) and the classes
 * it creates (from the shipped plans' resource types): what a bare process has to load.
 */
export function programModules(infraDir: string, types: Iterable<string>): Map<string, Set<string>> {
    const modules = new Map<string, Set<string>>();
    const add = (service: string, member?: string): void => {
        const members = modules.get(service) ?? new Set<string>();
        if (member) {
            members.add(member);
        }
        modules.set(service, members);
    };
    const walk = (dir: string): void => {
        for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
            const file = path.join(dir, entry.name);
            if (entry.isDirectory()) {
                walk(file);
            } else if (entry.name.endsWith(".ts")) {
                const source = fs.readFileSync(file, "utf8");
                for (const match of source.matchAll(
                    /^import\s+(?!type\b)[^;]*?from\s+"@pulumi\/azure-native\/([\w-]+)"/gm,
                )) {
                    add(match[1]!);
                }
            }
        }
    };
    walk(infraDir);
    for (const type of types) {
        const [pkg, service, member] = type.split(":");
        if (pkg === "azure-native" && service && member) {
            add(service, member);
        }
    }
    return modules;
}

/** A `node -e` command that loads @pulumi/pulumi and the program's azure-native modules and classes. */
function bareLoadCommand(modules: Map<string, Set<string>>): Command {
    const spec = [...modules].sort(([a], [b]) => (a < b ? -1 : 1)).map(([service, members]) => [service, [...members]]);
    const script =
        `require("@pulumi/pulumi");` +
        `for (const [service, members] of ${JSON.stringify(spec)}) {` +
        ` const m = require("@pulumi/azure-native/" + service); for (const name of members) void m[name]; }`;
    return { shell: `node -e '${script}'` };
}

/** The plan's JSON document, from a run of the plan command (exit 0, or 1 for a policy violation). */
function planResources(sample: Sample, label: string): GraphResource[] {
    if (sample.exitCode !== 0 && sample.exitCode !== 1) {
        throw new Error(`${label} exited ${sample.exitCode}:\n${sample.stderr}`);
    }
    return (JSON.parse(sample.stdout) as { resources: GraphResource[] }).resources;
}

function planFacts(resources: readonly GraphResource[], exitCode: number): PlanFacts {
    const found = criticalPath(resources);
    return {
        resources: found.resources,
        azureResources: found.azureResources,
        criticalPath: found.length,
        chain: found.chain,
        exitCode,
    };
}

const ms = (value: number): string => (value >= 10000 ? `${(value / 1000).toFixed(1)} s` : `${Math.round(value)} ms`);
const mb = (value: number | null): string => (value === null ? "n/a" : `${Math.round(value)} MB`);

function timeCell(summary: Summary): string {
    return `${ms(summary.medianMs)} (${ms(summary.minMs)}–${ms(summary.maxMs)})`;
}

/** One CPU median over another's, shown beside the budgets. */
function cpuComparison(name: string, over: Summary, under: Summary): Budget {
    const ratio = over.cpuMedianMs !== null && under.cpuMedianMs !== null ? over.cpuMedianMs / under.cpuMedianMs : null;
    return {
        name,
        limit: "—",
        actual:
            ratio === null
                ? "no CPU measure"
                : `${ratio.toFixed(2)}× (${ms(over.cpuMedianMs!)} ÷ ${ms(under.cpuMedianMs!)})`,
        ok: true,
        informational: true,
    };
}

/** npm test's CPU over the baseline's, medians of the interleaved runs. */
function testCpuBudget(current: Summary, baseline: Summary, label: string): Budget {
    if (current.cpuMedianMs === null || baseline.cpuMedianMs === null) {
        return {
            name: `npm test CPU ÷ ${label}`,
            limit: `≤ ${BUDGETS.testCpuOverBaseline}×`,
            actual: "no CPU time measured",
            ok: false,
        };
    }
    const ratio = current.cpuMedianMs / baseline.cpuMedianMs;
    return {
        name: "npm test CPU ÷ baseline's, medians",
        limit: `≤ ${BUDGETS.testCpuOverBaseline}×`,
        actual: `${ratio.toFixed(2)}× (${ms(current.cpuMedianMs)} ÷ ${ms(baseline.cpuMedianMs)})`,
        ok: ratio <= BUDGETS.testCpuOverBaseline,
    };
}

export function markdownTables(
    measures: readonly Measure[],
    summaries: ReadonlyMap<string, Summary>,
    plans: ReadonlyMap<string, PlanFacts>,
    budgets: readonly Budget[],
): string {
    const lines = [
        "| Measure | Median (min–max) | CPU (median) | Peak RSS | Runs |",
        "| --- | --- | --- | --- | --- |",
    ];
    for (const measure of measures) {
        const summary = summaries.get(measure.id);
        if (summary) {
            const cpu = summary.cpuMedianMs === null ? "n/a" : ms(summary.cpuMedianMs);
            lines.push(
                `| ${measure.label} | ${timeCell(summary)} | ${cpu} | ${mb(summary.peakRssMaxMb)} | ${summary.runs} |`,
            );
        }
    }
    lines.push(
        "",
        "| Stack | Resources (Azure) | Deploy critical path | Plan median | Per resource |",
        "| --- | --- | --- | --- | --- |",
    );
    for (const [id, facts] of plans) {
        const summary = summaries.get(id);
        const perResource = summary ? `${(summary.medianMs / facts.resources).toFixed(1)} ms` : "n/a";
        lines.push(
            `| ${id.replace(/^plan:/, "")} | ${facts.resources} (${facts.azureResources}) | ${facts.criticalPath} | ${
                summary ? ms(summary.medianMs) : "n/a"
            } | ${perResource} |`,
        );
    }
    lines.push("", "| Budget | Limit | Measured | Met |", "| --- | --- | --- | --- |");
    for (const budget of budgets) {
        const met = budget.informational ? "(comparison)" : budget.ok ? "yes" : "**no**";
        lines.push(`| ${budget.name} | ${budget.limit} | ${budget.actual} | ${met} |`);
    }
    return lines.join("\n");
}

function textTable(rows: readonly (readonly string[])[]): string {
    const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => (row[column] ?? "").length)));
    return rows.map((row) => row.map((cell, column) => cell.padEnd(widths[column]!)).join("  ")).join("\n");
}

/**
 * A git worktree of `revision` (with `patch` applied, when given) with its dependencies installed
 * (`npm ci`), outside the project so that none of this tree's checks sees its files; reused by later
 * runs once complete (its name holds the commit and the patch's hash; remove it with
 * `git worktree remove <dir>`). Returns the message for the user when git refuses the revision or
 * the patch.
 */
function baselineTree(
    revision: string,
    log: (text: string) => void,
    patch?: string,
): { dir: string; commit: string } | string {
    const git = (args: readonly string[], cwd: string): string =>
        execFileSync("git", args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
    const why = (error: unknown): string => {
        const stderr = (error as { stderr?: unknown }).stderr;
        return (typeof stderr === "string" && stderr.trim() !== "" ? stderr : (error as Error).message).trim();
    };
    let commit: string;
    try {
        commit = git(["rev-parse", "--verify", "--quiet", `${revision}^{commit}`], PROJECT_DIR).trim();
    } catch {
        return `--baseline: got ${JSON.stringify(revision)}; allowed: a commit, tag or branch of this repository`;
    }
    const patchId = patch ? `-${createHash("sha256").update(fs.readFileSync(patch)).digest("hex").slice(0, 8)}` : "";
    const dir = path.join(os.tmpdir(), `aoai-bench-baseline-${commit.slice(0, 12)}${patchId}`);
    // Written once the worktree is whole (checked out, patch applied): a run cut short is redone.
    const ready = path.join(dir, ".bench-tree-ready");
    if (!fs.existsSync(ready)) {
        log(`baseline: git worktree of ${commit.slice(0, 12)} in ${dir}`);
        if (fs.existsSync(dir)) {
            try {
                git(["worktree", "remove", "--force", dir], PROJECT_DIR);
            } catch {
                fs.rmSync(dir, { recursive: true, force: true });
            }
        }
        git(["worktree", "prune"], PROJECT_DIR);
        git(["worktree", "add", "--detach", dir, commit], PROJECT_DIR);
        if (patch) {
            log(`baseline: git apply ${path.relative(PROJECT_DIR, patch)}`);
            try {
                git(["apply", patch], dir);
            } catch (error) {
                git(["worktree", "remove", "--force", dir], PROJECT_DIR);
                return `--baseline-patch: ${path.relative(PROJECT_DIR, patch)} does not apply to ${commit.slice(0, 7)}: ${why(error)}`;
            }
        }
        fs.writeFileSync(ready, `${commit}${patch ? ` + ${path.relative(PROJECT_DIR, patch)}` : ""}\n`);
    }
    if (!fs.existsSync(path.join(dir, "node_modules", ".package-lock.json"))) {
        log("baseline: npm ci");
        execFileSync("npm", ["ci", "--no-audit", "--no-fund"], { cwd: dir, stdio: ["ignore", "ignore", "inherit"] });
    }
    return { dir, commit };
}

function updateReadme(section: string): boolean {
    if (!fs.existsSync(README)) {
        return false;
    }
    const text = fs.readFileSync(README, "utf8");
    const start = text.indexOf(README_START);
    const end = text.indexOf(README_END);
    if (start < 0 || end < start) {
        return false;
    }
    fs.writeFileSync(README, `${text.slice(0, start + README_START.length)}\n\n${section}\n\n${text.slice(end)}`);
    return true;
}

const USAGE =
    "usage: npm run bench -- [--runs N] [--test-runs N] [--skip-test] [--baseline <git-rev> [--baseline-patch <file>]] [--write]";

export async function main(argv: readonly string[]): Promise<number> {
    if (argv.includes("--help") || argv.includes("-h")) {
        // Before parsing, so that help is there even beside a mistake.
        process.stdout.write(
            `${USAGE}\n\nMeasures type-check, npm test (beside --baseline's, and beside that commit with\n` +
                "--baseline-patch applied, interleaved), plans of the shipped and\n" +
                "generated stacks and the deploy critical path, prints the tables and checks the budgets\n" +
                "(bench/README.md). Writes bench/results.json and bench/README.md's results only with --write.\n" +
                "Exit codes: 0 every budget met, 1 a budget missed, 2 bad arguments or a failing command.\n",
        );
        return 0;
    }
    const options = parseOptions(argv);
    if (typeof options === "string") {
        process.stderr.write(`${options}\n${USAGE}\n`);
        return 2;
    }
    const scripts = packageScripts();
    const planScript = scripts["plan"];
    const typecheckScript = scripts["typecheck"];
    if (!planScript?.includes("plan/cli.ts") || !typecheckScript) {
        process.stderr.write('package.json needs a "typecheck" script and a "plan" script running plan/cli.ts\n');
        return 2;
    }
    const log = (text: string): void => void process.stderr.write(`${text}\n`);
    // The baseline trees first: a revision or patch git refuses is reported before minutes of measuring.
    const baselineOrError =
        options.baseline !== undefined && options.testRuns > 0 ? baselineTree(options.baseline, log) : undefined;
    if (typeof baselineOrError === "string") {
        process.stderr.write(`${baselineOrError}\n`);
        return 2;
    }
    const baseline = baselineOrError;
    const patchedOrError =
        baseline && options.baselinePatch !== undefined
            ? baselineTree(options.baseline!, log, options.baselinePatch)
            : undefined;
    if (typeof patchedOrError === "string") {
        process.stderr.write(`${patchedOrError}\n`);
        return 2;
    }
    const patched = patchedOrError;
    const run = (command: Command): Promise<Sample> => runOnce(command, PROJECT_DIR, SCRATCH_DIR);
    const childNode = (await run({ shell: "node --version" })).stdout.trim();

    // Plans: the same command as `npm run plan -- --json`; generated stacks through the same loader and flags.
    const planMeasures: Measure[] = [
        ...SHIPPED_STACKS.map((stack) => ({
            id: `plan:${stack}`,
            label: `plan ${stack}`,
            command: { shell: `${planScript} --stack ${stack} --json --date ${PLAN_DATE}` },
        })),
        ...GENERATED_REGIONS.map((regions) => ({
            id: `plan:${regions}x${GENERATED_DEPLOYMENTS}`,
            label: `plan ${regions} region${regions === 1 ? "" : "s"} × ${GENERATED_DEPLOYMENTS}`,
            command: {
                shell: `${planScript.replace("plan/cli.ts", "bench/plan-generated.ts")} ${regions} ${GENERATED_DEPLOYMENTS} ${PLAN_DATE}`,
            },
        })),
    ];

    log(`bench: ${options.runs} runs, ${options.testRuns} npm test runs, usage from ${usageSource()}`);
    log("warm-up: one untimed run of every plan (file cache, and the plans' graphs)");
    const plans = new Map<string, PlanFacts>();
    const shippedTypes = new Set<string>();
    for (const measure of planMeasures) {
        const sample = await run(measure.command);
        const resources = planResources(sample, measure.label);
        plans.set(measure.id, planFacts(resources, sample.exitCode));
        if (SHIPPED_STACKS.some((stack) => measure.id === `plan:${stack}`)) {
            resources.forEach((resource) => shippedTypes.add(resource.type));
        }
    }
    const measures: Measure[] = [
        {
            id: "bare-load",
            label: "bare node: load @pulumi/pulumi + the program's azure-native modules",
            command: bareLoadCommand(programModules(path.join(PROJECT_DIR, "infra"), shippedTypes)),
        },
        { id: "typecheck", label: "type-check (typecheck script, TypeScript 7)", command: { shell: typecheckScript } },
        ...planMeasures,
    ];
    await run(measures[0]!.command);
    await run(measures[1]!.command);

    // Interleaved rounds, so that every measure sees the same background load (the ratios compare them).
    const samples = new Map<string, Sample[]>();
    for (let round = 1; round <= options.runs; round++) {
        log(`round ${round}/${options.runs}`);
        for (const measure of measures) {
            const sample = await run(measure.command);
            if (sample.exitCode !== 0 && !(measure.id.startsWith("plan:") && sample.exitCode === 1)) {
                log(`${measure.label} exited ${sample.exitCode}:\n${sample.stderr}`);
                return 2;
            }
            samples.set(measure.id, [...(samples.get(measure.id) ?? []), { ...sample, stdout: "", stderr: "" }]);
        }
    }
    const testMeasure: Measure = {
        id: "npm-test",
        label: "npm test (everything CI runs)",
        command: { shell: "npm test" },
    };
    const baselineMeasure: Measure | undefined = baseline && {
        id: "npm-test:baseline",
        label: `npm test of ${baseline.commit.slice(0, 7)} (--baseline ${options.baseline ?? ""})`,
        command: { shell: "npm test" },
    };
    const patchedMeasure: Measure | undefined = patched && {
        id: "npm-test:baseline-patched",
        label: `npm test of ${patched.commit.slice(0, 7)} with ${path.relative(PROJECT_DIR, options.baselinePatch!)}`,
        command: { shell: "npm test" },
    };
    const testFailures: string[] = [];
    const runTest = async (measure: Measure, cwd: string, round: number): Promise<void> => {
        log(`${measure.label} ${round}/${options.testRuns}`);
        const sample = await runOnce(measure.command, cwd, SCRATCH_DIR);
        if (sample.exitCode !== 0) {
            testFailures.push(`${measure.id} run ${round} exited ${sample.exitCode}`);
            log(
                `${measure.label} exited ${sample.exitCode}; its output ends:\n${sample.stdout.slice(-3000)}${sample.stderr.slice(-3000)}`,
            );
        }
        samples.set(measure.id, [...(samples.get(measure.id) ?? []), { ...sample, stdout: "", stderr: "" }]);
    };
    // Interleaved with the baselines', in turns (each goes first in some round), so that all see the same load.
    const sides: [Measure, string][] = [
        [testMeasure, PROJECT_DIR],
        ...(baseline && baselineMeasure ? [[baselineMeasure, baseline.dir] as [Measure, string]] : []),
        ...(patched && patchedMeasure ? [[patchedMeasure, patched.dir] as [Measure, string]] : []),
    ];
    for (let round = 1; round <= options.testRuns; round++) {
        const shift = (round - 1) % sides.length;
        for (const [measure, cwd] of [...sides.slice(shift), ...sides.slice(0, shift)]) {
            await runTest(measure, cwd, round);
        }
    }
    const allMeasures = [
        ...measures,
        ...(options.testRuns > 0 ? [testMeasure] : []),
        ...(baselineMeasure ? [baselineMeasure] : []),
        ...(patchedMeasure ? [patchedMeasure] : []),
    ];
    const summaries = new Map(allMeasures.map((measure) => [measure.id, summarize(samples.get(measure.id) ?? [])]));

    const get = (id: string): Summary => summaries.get(id)!;
    const bare = get("bare-load");
    const prod = get("plan:prod");
    const one = get(`plan:1x${GENERATED_DEPLOYMENTS}`);
    const sixteen = get(`plan:16x${GENERATED_DEPLOYMENTS}`);
    const onePath = plans.get(`plan:1x${GENERATED_DEPLOYMENTS}`)!;
    const sixteenPath = plans.get(`plan:16x${GENERATED_DEPLOYMENTS}`)!;
    const budgets: Budget[] = [
        {
            name: "type-check, median",
            limit: `≤ ${ms(BUDGETS.typecheckMs)}`,
            actual: ms(get("typecheck").medianMs),
            ok: get("typecheck").medianMs <= BUDGETS.typecheckMs,
        },
        ...(options.testRuns > 0
            ? [
                  {
                      name: "full npm test passes",
                      limit: "every run",
                      actual:
                          testFailures.length > 0
                              ? testFailures.join(", ")
                              : `${options.testRuns} of ${options.testRuns}`,
                      ok: testFailures.length === 0,
                  },
              ]
            : []),
        ...(baselineMeasure ? [testCpuBudget(get("npm-test"), get(baselineMeasure.id), baselineMeasure.label)] : []),
        ...(baselineMeasure && patchedMeasure
            ? [
                  cpuComparison(
                      "patched baseline's npm test CPU ÷ the baseline's",
                      get(patchedMeasure.id),
                      get(baselineMeasure.id),
                  ),
                  cpuComparison("npm test CPU ÷ the patched baseline's", get("npm-test"), get(patchedMeasure.id)),
              ]
            : []),
        {
            name: "plan prod ÷ bare load, medians",
            limit: `≤ ${BUDGETS.prodPlanOverBareLoad}×`,
            actual: `${(prod.medianMs / bare.medianMs).toFixed(2)}× (${ms(prod.medianMs)} ÷ ${ms(bare.medianMs)})`,
            ok: prod.medianMs <= BUDGETS.prodPlanOverBareLoad * bare.medianMs,
        },
        {
            name: `plan 16×${GENERATED_DEPLOYMENTS} ÷ plan 1×${GENERATED_DEPLOYMENTS}, medians`,
            limit: `≤ ${BUDGETS.scalingRatio}×`,
            actual: `${(sixteen.medianMs / one.medianMs).toFixed(2)}× (${ms(sixteen.medianMs)} ÷ ${ms(one.medianMs)})`,
            ok: sixteen.medianMs <= BUDGETS.scalingRatio * one.medianMs,
        },
        {
            name: `plan 16×${GENERATED_DEPLOYMENTS}, peak RSS (worst run)`,
            limit: `< ${BUDGETS.largePlanRssMb} MB`,
            actual: mb(sixteen.peakRssMaxMb),
            ok: sixteen.peakRssMaxMb !== null && sixteen.peakRssMaxMb < BUDGETS.largePlanRssMb,
        },
        {
            name: "deploy critical path, 16 regions vs 1",
            limit: "equal",
            actual: `${sixteenPath.criticalPath} vs ${onePath.criticalPath}`,
            ok: sixteenPath.criticalPath === onePath.criticalPath,
        },
    ];

    const commandLine = `npm run bench${argv.length > 0 ? ` -- ${argv.join(" ")}` : ""}`;
    const environment = `Node ${childNode}, ${os.cpus().length} CPUs (${os.cpus()[0]?.model.trim() ?? "unknown"}), ${Math.round(os.totalmem() / 2 ** 30)} GB`;
    const marginalMs = (sixteen.medianMs - one.medianMs) / (sixteenPath.resources - onePath.resources);
    const tables = markdownTables(allMeasures, summaries, plans, budgets);
    const markdown = [
        `Measured with \`${commandLine}\` on ${new Date().toISOString().slice(0, 10)} (${environment}; peak RSS from ${
            usageSource() === "gnu-time" ? "GNU time, largest process of the tree" : "each Node process's own report"
        }; ${options.runs} interleaved runs per measure, ${options.testRuns} of npm test${
            baseline
                ? ` interleaved with ${options.testRuns} of commit ${baseline.commit.slice(0, 7)}'s${
                      patched ? ` and ${options.testRuns} of it patched` : ""
                  }`
                : ""
        }; plans dated ${PLAN_DATE}).`,
        "",
        tables,
        "",
        `Marginal plan cost between 1 and 16 regions: ${marginalMs.toFixed(1)} ms per registered resource.`,
    ].join("\n");

    const rows: string[][] = [["measure", "median", "min", "max", "spread", "cpu", "peak rss"]];
    for (const measure of allMeasures) {
        const summary = get(measure.id);
        rows.push([
            measure.label,
            ms(summary.medianMs),
            ms(summary.minMs),
            ms(summary.maxMs),
            `${Math.round(summary.spread * 100)}%`,
            summary.cpuMedianMs === null ? "n/a" : ms(summary.cpuMedianMs),
            mb(summary.peakRssMaxMb),
        ]);
    }
    const planRows: string[][] = [["stack", "resources", "azure", "critical path", "plan median", "per resource"]];
    for (const [id, facts] of plans) {
        planRows.push([
            id.replace(/^plan:/, ""),
            String(facts.resources),
            String(facts.azureResources),
            String(facts.criticalPath),
            ms(get(id).medianMs),
            `${(get(id).medianMs / facts.resources).toFixed(1)} ms`,
        ]);
    }
    const budgetRows: string[][] = [["budget", "limit", "measured", "met"]];
    for (const budget of budgets) {
        budgetRows.push([
            budget.name,
            budget.limit,
            budget.actual,
            budget.informational ? "-" : budget.ok ? "yes" : "NO",
        ]);
    }
    process.stdout.write(
        `${environment}\n\n${textTable(rows)}\n\n${textTable(planRows)}\n\n${textTable(budgetRows)}\n\n` +
            `marginal plan cost, 1 → 16 regions: ${marginalMs.toFixed(1)} ms per resource\n` +
            `critical path of 16×${GENERATED_DEPLOYMENTS}: ${sixteenPath.chain.join(" → ")}\n`,
    );

    const results = {
        date: new Date().toISOString(),
        command: commandLine,
        environment: { node: childNode, platform: `${os.platform()} ${os.arch()}`, cpus: os.cpus().length },
        usageSource: usageSource(),
        planDate: PLAN_DATE,
        measures: Object.fromEntries(
            allMeasures.map((measure) => [
                measure.id,
                {
                    label: measure.label,
                    command: measure.command.shell,
                    ...get(measure.id),
                    samples: (samples.get(measure.id) ?? []).map(({ wallMs, cpuMs, peakRssMb, exitCode }) => ({
                        wallMs: Math.round(wallMs),
                        cpuMs: cpuMs === null ? null : Math.round(cpuMs),
                        peakRssMb: peakRssMb === null ? null : Math.round(peakRssMb),
                        exitCode,
                    })),
                },
            ]),
        ),
        plans: Object.fromEntries(plans),
        marginalMsPerResource: marginalMs,
        budgets,
    };
    if (options.write) {
        fs.writeFileSync(RESULTS_JSON, `${JSON.stringify(results, null, 2)}\n`);
        // Formatted as Prettier formats Markdown here, so that `npm run format:check` stays clean.
        // Loaded here, not on import: it is large, and nothing else in the bench needs it.
        const prettier = await import("prettier");
        const formatted = (
            await prettier.format(markdown, { ...(await prettier.resolveConfig(README)), filepath: README })
        ).trimEnd();
        log(
            updateReadme(formatted)
                ? "wrote bench/results.json and the results section of bench/README.md"
                : "wrote bench/results.json; bench/README.md has no bench markers, left alone",
        );
    } else {
        log("nothing written (--write writes bench/results.json and bench/README.md's results)");
    }
    const missed = budgets.filter((budget) => !budget.ok);
    log(missed.length === 0 ? "every budget met" : `budgets missed: ${missed.map((b) => b.name).join("; ")}`);
    return missed.length === 0 ? 0 : 1;
}

/**
 * Plans of the shipped stacks on the test date, computed once per Jest run and shared by every test
 * file: the first worker that needs a stack's plan makes it (holding a lock file) and writes the
 * result into the run's cache directory; the others read it. The directory is made by
 * global-setup.ts and removed by global-teardown.ts, so a plan never outlives the run that made it
 * (no key to get wrong). Outside a Jest run (no directory), each process plans for itself. Variants
 * that several test files plan alike are shared the same way (helpers.planConfigPerRun).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import type { buildPlan as BuildPlan, PlanOptions, PlanResult } from "../../plan/plan";
import { SHIPPED_PLANS_DIR } from "./global-setup";

/** How long a worker waits for another one's plan before making its own. */
const WAIT_MS = 120_000;
const POLL_MS = 25;

interface Cached {
    readonly result?: PlanResult;
    readonly thrown?: string;
}

/**
 * `buildPlan` of plan/plan.ts, loaded on first use: it loads @pulumi/pulumi, which a test file that
 * only reads the run's shared plans (or plans nothing) does without.
 */
export async function buildPlan(options: PlanOptions): Promise<PlanResult> {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const planner = require("../../plan/plan") as { buildPlan: typeof BuildPlan };
    return planner.buildPlan(options);
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

function read(file: string, key: string): PlanResult | undefined {
    if (!fs.existsSync(file)) {
        return undefined;
    }
    const cached = JSON.parse(fs.readFileSync(file, "utf8")) as Cached;
    if (cached.thrown !== undefined) {
        throw new Error(`planning ${key} failed in another test worker: ${cached.thrown}`);
    }
    return cached.result;
}

/** The plan of shipped stack `stack` on `now`, from the run's cache when there is one. */
export function shippedPlan(stack: string, now: Date): Promise<PlanResult> {
    return planOncePerRun(`${stack}@${now.toISOString()}`, () => buildPlan({ stack, now }));
}

/** Plans already asked for by key (Jest loads this module once per test file): each is asked for once per file. */
const inThisProcess = new Map<string, Promise<PlanResult>>();

/**
 * The plan `make` makes, made once per run under `key` (a pure function of the key: the same key
 * must always make the same plan) and shared by the workers, from the run's cache when there is one.
 */
export function planOncePerRun(key: string, make: () => Promise<PlanResult>): Promise<PlanResult> {
    let plan = inThisProcess.get(key);
    if (!plan) {
        plan = fromRunCache(key, make);
        inThisProcess.set(key, plan);
    }
    return plan;
}

async function fromRunCache(key: string, make: () => Promise<PlanResult>): Promise<PlanResult> {
    const dir = process.env[SHIPPED_PLANS_DIR];
    if (!dir || !fs.existsSync(dir)) {
        return make();
    }
    const file = path.join(dir, `${key.replace(/[^\w.@+-]/g, "-")}.json`);
    const lock = `${file}.lock`;
    let owner = false;
    try {
        fs.closeSync(fs.openSync(lock, "wx"));
        owner = true;
    } catch {
        // Another worker is planning it, or has planned it.
    }
    if (owner) {
        let cached: Cached;
        let failure: Error | undefined;
        try {
            cached = { result: await make() };
        } catch (error) {
            failure = error instanceof Error ? error : new Error(JSON.stringify(error));
            cached = { thrown: error instanceof Error ? (error.stack ?? error.message) : String(error) };
        }
        // Written whole, then renamed: a reader never sees half a file.
        fs.writeFileSync(`${file}.tmp`, JSON.stringify(cached));
        fs.renameSync(`${file}.tmp`, file);
        if (failure !== undefined) {
            throw failure;
        }
        // Read back as every other worker reads it, so that all see the same (JSON) plan.
        return read(file, key)!;
    }
    for (let waited = 0; waited < WAIT_MS; waited += POLL_MS) {
        const result = read(file, key);
        if (result) {
            return result;
        }
        await sleep(POLL_MS);
    }
    return make();
}

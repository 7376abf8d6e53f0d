/**
 * `npm run plan:diff -- <base> <head> [--format markdown|text|json] [--base-label L] [--head-label L]
 * [--output FILE] [--no-diagrams]`
 *
 * `<base>` and `<head>` are either two plan documents (`npm run plan -- --stack S --json > f.json`)
 * or two directories holding one `<stack>.json` per stack, so that CI diffs every stack into one
 * comment. In a directory, an empty or unreadable `<stack>.json` means that plan failed; what it
 * printed is read from `<stack>.err` beside it, if present. A stack on one side only is new or gone.
 *
 * Exit codes: 0 the diff was written (whatever it says); 2 bad arguments or unreadable input.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { parseCommandLine } from "../tools/command-line/parse";
import { compareStack, type PlanLike, type PlanSide, type StackComparison } from "./diff";
import { renderDiffMarkdown, renderDiffText } from "./render-diff";

const USAGE =
    "usage: npm run plan:diff -- <base.json|base-dir> <head.json|head-dir> [--format markdown|text|json] " +
    "[--base-label LABEL] [--head-label LABEL] [--output FILE] [--no-diagrams]";

const HELP = `${USAGE}

Compares two offline plans (files from npm run plan -- --stack S --json, or directories of
<stack>.json) and prints what would be created, changed, replaced or deleted; secrets stay hidden.
  --format FORMAT     markdown (default, for a pull-request comment), text or json
  --base-label LABEL  what to call the base side (default: base)
  --head-label LABEL  what to call the head side (default: head)
  --output, -o FILE   write there instead of stdout
  --no-diagrams       leave out the Mermaid diagram of each stack
Exit codes: 0 the diff was written, 2 bad arguments or unreadable input.
`;

const EXIT_OK = 0;
const EXIT_USAGE = 2;

type Format = "markdown" | "text" | "json";

interface Arguments {
    readonly base: string;
    readonly head: string;
    readonly format: Format;
    readonly baseLabel?: string;
    readonly headLabel?: string;
    readonly output?: string;
    readonly diagrams: boolean;
}

/** What the parser returns for --help or -h given as an option. */
const HELP_REQUESTED: unique symbol = Symbol("--help");

const OPTIONS = {
    format: { type: "string" },
    "base-label": { type: "string" },
    "head-label": { type: "string" },
    output: { type: "string", short: "o" },
    "no-diagrams": { type: "boolean" },
    help: { type: "boolean", short: "h" },
} as const;

function parseArguments(argv: readonly string[]): Arguments | typeof HELP_REQUESTED | string {
    const parsed = parseCommandLine(argv, OPTIONS, true);
    if (typeof parsed === "string") {
        return parsed;
    }
    const { values, positionals } = parsed;
    if (values["help"] === true) {
        return HELP_REQUESTED;
    }
    const format = values["format"] ?? "markdown";
    if (format !== "markdown" && format !== "text" && format !== "json") {
        return `--format: got ${JSON.stringify(format)}; allowed: markdown, text, json`;
    }
    const text = (name: "base-label" | "head-label" | "output"): string | undefined => {
        const value = values[name];
        return typeof value === "string" && value !== "" ? value : undefined;
    };
    const baseLabel = text("base-label");
    const headLabel = text("head-label");
    const output = text("output");
    const [base, head, ...rest] = positionals;
    if (!base || !head || rest.length > 0) {
        return `expected exactly two paths (base, head); got ${positionals.length}`;
    }
    return {
        base,
        head,
        format,
        diagrams: values["no-diagrams"] !== true,
        ...(baseLabel ? { baseLabel } : {}),
        ...(headLabel ? { headLabel } : {}),
        ...(output ? { output } : {}),
    };
}

/** Checks the shape the diff relies on, so that a wrong file fails with a clear message. */
export function asPlan(value: unknown, source: string): PlanLike {
    const document = value as Partial<PlanLike> | null;
    if (
        typeof document !== "object" ||
        document === null ||
        typeof document.stack !== "string" ||
        typeof document.project !== "string" ||
        !Array.isArray(document.resources)
    ) {
        throw new Error(`${source} is not a plan document (npm run plan -- --stack <name> --json)`);
    }
    return document as PlanLike;
}

/** Reads one side of one stack from a directory: the plan, its failure, or nothing. */
function readSide(directory: string, stack: string): PlanSide {
    const file = path.join(directory, `${stack}.json`);
    if (!fs.existsSync(file)) {
        return { kind: "missing" };
    }
    const text = fs.readFileSync(file, "utf8");
    const errorFile = path.join(directory, `${stack}.err`);
    const printed = fs.existsSync(errorFile) ? fs.readFileSync(errorFile, "utf8").trim() : "";
    if (text.trim() === "") {
        return { kind: "failed", error: printed || "the plan printed no document" };
    }
    try {
        return { kind: "plan", plan: asPlan(JSON.parse(text), file) };
    } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        return { kind: "failed", error: printed || `${path.basename(file)}: ${reason}` };
    }
}

function stacksIn(directory: string): string[] {
    return fs
        .readdirSync(directory)
        .filter((file) => file.endsWith(".json"))
        .map((file) => file.slice(0, -".json".length));
}

/** Compares two plan files, or two directories of them (stacks sorted by name). */
export function loadComparisons(base: string, head: string): StackComparison[] {
    const baseIsDirectory = fs.statSync(base).isDirectory();
    const headIsDirectory = fs.statSync(head).isDirectory();
    if (baseIsDirectory !== headIsDirectory) {
        throw new Error("give two plan files or two directories, not one of each");
    }
    if (!baseIsDirectory) {
        const basePlan = asPlan(JSON.parse(fs.readFileSync(base, "utf8")), base);
        const headPlan = asPlan(JSON.parse(fs.readFileSync(head, "utf8")), head);
        return [compareStack(headPlan.stack, { kind: "plan", plan: basePlan }, { kind: "plan", plan: headPlan })];
    }
    const stacks = [...new Set([...stacksIn(base), ...stacksIn(head)])].sort();
    return stacks.map((stack) => compareStack(stack, readSide(base, stack), readSide(head, stack)));
}

export function main(argv: readonly string[]): Promise<number> {
    const parsed = parseArguments(argv);
    if (parsed === HELP_REQUESTED) {
        process.stdout.write(HELP);
        return Promise.resolve(EXIT_OK);
    }
    if (typeof parsed === "string") {
        process.stderr.write(`${parsed}\n${USAGE}\n`);
        return Promise.resolve(EXIT_USAGE);
    }
    let comparisons: StackComparison[];
    try {
        comparisons = loadComparisons(parsed.base, parsed.head);
    } catch (error) {
        process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
        return Promise.resolve(EXIT_USAGE);
    }
    const rendered =
        parsed.format === "json"
            ? `${JSON.stringify(
                  comparisons.map(({ head: _head, ...rest }) => rest),
                  null,
                  2,
              )}\n`
            : parsed.format === "text"
              ? renderDiffText(comparisons)
              : renderDiffMarkdown(comparisons, {
                    diagrams: parsed.diagrams,
                    ...(parsed.baseLabel ? { baseLabel: parsed.baseLabel } : {}),
                    ...(parsed.headLabel ? { headLabel: parsed.headLabel } : {}),
                });
    if (parsed.output) {
        fs.writeFileSync(parsed.output, rendered);
    } else {
        process.stdout.write(rendered);
    }
    return Promise.resolve(EXIT_OK);
}

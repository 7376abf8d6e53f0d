/**
 * `npm run catalog:sync -- (--subscription <id> (--regions a,b | --stack <name>) | --from <dir>) [--write]`:
 * compares the model catalog with Microsoft's Models API and prints the drift. Exit 0: the catalog matches;
 * 1: it drifted (with --write: the data file was updated); 2: bad input.
 */
import { readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { z } from "zod";
import {
    ConfigSourceError,
    readEscValuesFile,
    readProjectFile,
    readStackFile,
    resolveStackConfig,
} from "../../plan/config-sources";
import { CATALOG_FILE, parseCatalog } from "../../policies/catalog/models";
import { type CatalogFile } from "../../policies/catalog/schema";
import { explainLiveError, fetchRegions, type LiveOptions, SyncInputError } from "./azure";
import { writeJsonSchema } from "./json-schema";
import { applyDrift, compare, type DeclaredQuota, type RegionObservation, renderReport } from "./drift";
import { parseCommandLine } from "../command-line/parse";

const ROOT = path.resolve(__dirname, "..", "..");
export const EXIT_MATCH = 0;
export const EXIT_DRIFT = 1;
export const EXIT_INVALID = 2;

const USAGE =
    "usage: npm run catalog:sync -- (--subscription <id> (--regions a,b | --stack <name>) | --from <dir>) [--stack <name> [--esc-values <file>]] [--write] [--date YYYY-MM-DD]";
const HELP = `${USAGE}

Compares the model catalog (policies/catalog/catalog.json) with Microsoft's Models API and prints the drift.
  --subscription <id>   ask the live API (DefaultAzureCredential; Reader on the subscription is enough)
  --regions a,b         the regions to ask about
  --stack <name>        the regions of the stack, and its declared quota to check against the Usages API, from its
                        configuration as the Pulumi CLI merges it (Pulumi.<name>.yaml over ESC over Pulumi.yaml)
  --esc-values <file>   for a stack that imports ESC environments: what \`esc env open <org/project/env> --format json\`
                        printed (repeat per environment, in order), as npm run plan takes it
  --from <dir>          offline: <region>.json files holding a Models API response body ({"value": [...]}),
                        optional <region>.usages.json holding a Usages API response body
  --write               update the data file (and its JSON Schema); changed facts cite the Models API; asOf moves to
                        the day only when every region asked about listed OpenAI models (docs/models.md)
  --catalog <file>      the catalog file to compare and write (default: policies/catalog/catalog.json)
  --date YYYY-MM-DD     the day to judge on (default: today)
Exit codes: 0 the catalog matches, 1 it drifted, 2 bad input.
`;

const listBody = z
    .object({ value: z.array(z.record(z.string(), z.unknown())), nextLink: z.string().nullish() })
    .loose();

interface Arguments {
    readonly subscription?: string;
    readonly regions?: readonly string[];
    readonly stack?: string;
    readonly escValues: readonly string[];
    readonly from?: string;
    readonly write: boolean;
    readonly catalog: string;
    readonly today: string;
}

const HELP_REQUESTED: unique symbol = Symbol("--help");

const OPTIONS = {
    subscription: { type: "string" },
    regions: { type: "string" },
    stack: { type: "string" },
    "esc-values": { type: "string", multiple: true },
    from: { type: "string" },
    write: { type: "boolean" },
    catalog: { type: "string" },
    date: { type: "string" },
    help: { type: "boolean", short: "h" },
} as const;

function parseArguments(argv: readonly string[]): Arguments | typeof HELP_REQUESTED | string {
    const parsed = parseCommandLine(argv, OPTIONS, false);
    if (typeof parsed === "string") {
        return parsed;
    }
    const values = parsed.values;
    if (values.help) {
        return HELP_REQUESTED;
    }
    if (values.from !== undefined && values.subscription !== undefined) {
        return "--from and --subscription: give one of them, not both";
    }
    if (values.from === undefined && values.subscription === undefined) {
        return "--subscription <id> or --from <dir> is required";
    }
    if (
        values.subscription !== undefined &&
        !/^[0-9a-f]{8}-([0-9a-f]{4}-){3}[0-9a-f]{12}$/i.test(values.subscription)
    ) {
        return `--subscription: got ${JSON.stringify(values.subscription)}; allowed: a subscription id (a GUID)`;
    }
    if (values.subscription !== undefined && values.regions === undefined && values.stack === undefined) {
        return "--subscription needs --regions a,b or --stack <name>";
    }
    const regions = values.regions?.split(",").map((region) => region.trim());
    const bad = regions?.find((region) => !/^[a-z0-9]+$/.test(region));
    if (bad !== undefined) {
        return `--regions: got ${JSON.stringify(bad)}; allowed: Azure region names, comma-separated (e.g. swedencentral,eastus2)`;
    }
    if (values.stack !== undefined && !/^[A-Za-z0-9_.-]+$/.test(values.stack)) {
        return `--stack: got ${JSON.stringify(values.stack)}; allowed: a stack name (Pulumi.<name>.yaml)`;
    }
    if (values["esc-values"] !== undefined && values.stack === undefined) {
        return "--esc-values: needs --stack <name> (the values of the ESC environments that stack imports)";
    }
    const today = values.date ?? new Date().toISOString().slice(0, 10);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(today) || Number.isNaN(Date.parse(today))) {
        return `--date: got ${JSON.stringify(today)}; allowed: a date as YYYY-MM-DD`;
    }
    return {
        ...(values.subscription !== undefined ? { subscription: values.subscription } : {}),
        ...(regions ? { regions } : {}),
        ...(values.stack !== undefined ? { stack: values.stack } : {}),
        escValues: (values["esc-values"] ?? []).map((file) => path.resolve(file)),
        ...(values.from !== undefined ? { from: path.resolve(values.from) } : {}),
        write: values.write ?? false,
        catalog: path.resolve(values.catalog ?? CATALOG_FILE),
        today,
    };
}

/**
 * The regions and declared quota of a stack, from the configuration `pulumi up` sees: the plan's reader merges
 * Pulumi.<stack>.yaml over its ESC environments (`escValues`, opened by the user) over Pulumi.yaml's config.
 */
export function readStack(
    stack: string,
    escValues: readonly string[] = [],
    root = ROOT,
): { regions: string[]; quota: DeclaredQuota } {
    const project = readProjectFile(root);
    const resolved = resolveStackConfig(
        project,
        stack,
        readStackFile(root, stack),
        escValues.map((file) => readEscValuesFile(file)),
    );
    const key = (name: string) => `${project.name}:${name}`;
    const regionsValue = resolved.config[key("regions")];
    const regions =
        typeof regionsValue === "object" && regionsValue !== null && !Array.isArray(regionsValue)
            ? Object.keys(regionsValue)
            : [];
    if (regions.length === 0) {
        throw new SyncInputError(
            `--stack ${stack}: ${key("regions")} names no region (got ${JSON.stringify(regionsValue ?? null)}); ` +
                "allowed: a mapping of region names to their settings",
        );
    }
    const quota = resolved.config[key("quota")];
    return {
        regions,
        quota: typeof quota === "object" && quota !== null && !Array.isArray(quota) ? (quota as DeclaredQuota) : {},
    };
}

function readBody(file: string): Record<string, unknown>[] {
    let raw: unknown;
    try {
        raw = JSON.parse(readFileSync(file, "utf8"));
    } catch (error) {
        throw new SyncInputError(`${file}: not a JSON file (${(error as Error).message})`);
    }
    const result = listBody.safeParse(raw);
    if (!result.success) {
        throw new SyncInputError(
            `${file}: got ${JSON.stringify(raw).slice(0, 80)}; allowed: a Models or Usages API response body, {"value": [...]}`,
        );
    }
    return result.data.value;
}

/** Offline: one `<region>.json` (Models API body) per region, optionally `<region>.usages.json`. */
export function readDirectory(dir: string, regions?: readonly string[]): RegionObservation[] {
    let files: string[];
    try {
        files = readdirSync(dir);
    } catch {
        throw new SyncInputError(`--from: got ${JSON.stringify(dir)}; allowed: a directory of <region>.json files`);
    }
    const found = files.filter((f) => /^[a-z0-9]+\.json$/.test(f)).map((f) => f.slice(0, -".json".length));
    const wanted = regions ?? found.sort();
    if (wanted.length === 0) {
        throw new SyncInputError(`--from: ${dir} holds no <region>.json file (e.g. swedencentral.json)`);
    }
    return wanted.map((region) => {
        if (!found.includes(region)) {
            throw new SyncInputError(`--from: ${dir} has no ${region}.json for region ${region}`);
        }
        const usagesFile = path.join(dir, `${region}.usages.json`);
        return {
            region,
            models: readBody(path.join(dir, `${region}.json`)),
            ...(files.includes(`${region}.usages.json`) ? { usages: readBody(usagesFile) } : {}),
        };
    });
}

export interface SyncDependencies {
    /** The live fetch; tests pass the real one with a fake server's endpoint and certificate. */
    readonly fetch?: (options: Omit<LiveOptions, "credential">) => Promise<RegionObservation[]>;
    readonly out?: (text: string) => void;
    readonly err?: (text: string) => void;
    /** The Pulumi project whose stacks --stack names (default: this repository). */
    readonly projectDir?: string;
}

async function defaultFetch(options: Omit<LiveOptions, "credential">): Promise<RegionObservation[]> {
    // Loaded only for a live run: @azure/identity is not needed offline.
    const { DefaultAzureCredential } = await import("@azure/identity");
    return fetchRegions({ ...options, credential: new DefaultAzureCredential() });
}

export async function main(argv: readonly string[], deps: SyncDependencies = {}): Promise<number> {
    const out = deps.out ?? ((text: string) => process.stdout.write(text));
    const err = deps.err ?? ((text: string) => process.stderr.write(text));
    const parsed = parseArguments(argv);
    if (parsed === HELP_REQUESTED) {
        out(HELP);
        return EXIT_MATCH;
    }
    if (typeof parsed === "string") {
        err(`${parsed}\n${USAGE}\n`);
        return EXIT_INVALID;
    }
    let file: CatalogFile;
    try {
        file = parseCatalog(readFileSync(parsed.catalog, "utf8"), parsed.catalog);
    } catch (error) {
        err(`${(error as Error).message}\n`);
        return EXIT_INVALID;
    }
    let observations: RegionObservation[];
    let quota: DeclaredQuota = {};
    try {
        const stack =
            parsed.stack !== undefined ? readStack(parsed.stack, parsed.escValues, deps.projectDir) : undefined;
        quota = stack?.quota ?? {};
        const regions = parsed.regions ?? stack?.regions;
        if (parsed.from !== undefined) {
            observations = readDirectory(parsed.from, regions);
        } else {
            observations = await (deps.fetch ?? defaultFetch)({
                subscriptionId: parsed.subscription!,
                regions: regions!,
            });
        }
    } catch (error) {
        // Ordinary failures (bad input, no sign-in, no network) are one line and exit 2; anything else is a bug.
        const refusal =
            error instanceof SyncInputError || error instanceof ConfigSourceError
                ? error
                : explainLiveError(error, "https://management.azure.com");
        if (refusal) {
            err(`${refusal.message}\n`);
            return EXIT_INVALID;
        }
        throw error;
    }
    const report = compare(file, observations, parsed.today, quota);
    out(renderReport(report));
    const next = parsed.write ? applyDrift(file, report) : undefined;
    if (next) {
        // Checked as the program will read it, before anything is written.
        parseCatalog(JSON.stringify(next), parsed.catalog);
        // Written beside the file and renamed over it: a failed write (a full disk, a read-only folder) leaves
        // the catalog as it was instead of half a file.
        const temporary = `${parsed.catalog}.${process.pid}.tmp`;
        try {
            writeFileSync(temporary, `${JSON.stringify(next, null, 2)}\n`);
            renameSync(temporary, parsed.catalog);
        } catch (error) {
            rmSync(temporary, { force: true });
            const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
            err(`--write: cannot write ${parsed.catalog} (${reason}); the catalog was not changed\n`);
            return EXIT_INVALID;
        }
        const asOf =
            report.unobserved.length > 0
                ? `asOf stays ${next.asOf}: ${report.unobserved.join(", ")} was not checked`
                : `asOf ${next.asOf}`;
        out(`Wrote ${path.relative(process.cwd(), parsed.catalog)} (${asOf}).\n`);
        if (parsed.catalog === CATALOG_FILE) {
            writeJsonSchema(out);
        }
    } else if (parsed.write) {
        out(`Nothing written: ${report.regions.length === 0 ? "no region was checked" : "no fact changed"}.\n`);
    }
    return report.items.length === 0 ? EXIT_MATCH : EXIT_DRIFT;
}

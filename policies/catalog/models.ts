/**
 * The model catalog, read from `catalog.json` (the one data file; `npm run catalog:sync` refreshes it from
 * Microsoft's Models API). This module checks the file against its schema, expands the named region sets and
 * resolves each model's lifecycle from the dated statements of its sources. It imports nothing outside this folder
 * but zod: it lives in the policy pack, which must publish on its own, and the program imports it from here.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { type CatalogFile, catalogFileSchema, type LifecycleStatement, type ModelEntry } from "./schema";
import type { CatalogModel, CatalogSource, DeploymentType, LifecycleStage, ModelLifecycle } from "./types";

/** Where the data file lives, next to this module (also inside the packed policy pack). */
export const CATALOG_FILE = join(__dirname, "catalog.json");

/** Parses and checks catalog text; the error names every offending path. */
export function parseCatalog(text: string, origin = CATALOG_FILE): CatalogFile {
    let raw: unknown;
    try {
        raw = JSON.parse(text);
    } catch (error) {
        throw new Error(`${origin} is not valid JSON: ${(error as Error).message}`);
    }
    const result = catalogFileSchema.safeParse(raw);
    if (!result.success) {
        const issues = result.error.issues.map((issue) => `  ${issue.path.join(".") || "(root)"}: ${issue.message}`);
        throw new Error(`${origin} does not match the catalog schema:\n${issues.join("\n")}`);
    }
    checkReferences(result.data, origin);
    return result.data;
}

/** Cross-references a schema cannot express: source ids, region sets, successors. */
function checkReferences(file: CatalogFile, origin: string): void {
    const problems: string[] = [];
    const known = (id: string, where: string) => {
        if (file.sources[id] === undefined) {
            problems.push(`${where}: unknown source ${JSON.stringify(id)}`);
        }
    };
    known(file.limits.source, "limits.source");
    known(file.tier1Quota.source, "tier1Quota.source");
    file.models.forEach((model, index) => {
        const at = `models.${index} (${model.name} ${model.version})`;
        model.sources.forEach((id) => known(id, `${at}.sources`));
        model.lifecycle.forEach((statement) => known(statement.source, `${at}.lifecycle`));
        for (const [type, items] of Object.entries(model.deploymentTypes)) {
            try {
                expandRegions(file.regionSets, items ?? []);
            } catch (error) {
                problems.push(`${at}.deploymentTypes.${type}: ${(error as Error).message}`);
            }
        }
        const successor = model.successor;
        if (successor && !file.models.some((m) => m.name === successor.model && m.version === successor.version)) {
            problems.push(`${at}.successor: ${successor.model} ${successor.version} is not in the catalog`);
        }
    });
    if (problems.length > 0) {
        throw new Error(`${origin} has broken references:\n  ${problems.join("\n  ")}`);
    }
}

/** Expands region names and `@set` references, keeping the first occurrence's order. */
export function expandRegions(
    sets: CatalogFile["regionSets"],
    items: string | readonly string[],
    seen: readonly string[] = [],
): string[] {
    const out: string[] = [];
    for (const item of typeof items === "string" ? [items] : items) {
        if (!item.startsWith("@")) {
            out.push(item);
            continue;
        }
        const name = item.slice(1);
        const set = sets[name];
        if (set === undefined) {
            throw new Error(`unknown region set ${JSON.stringify(item)}`);
        }
        if (seen.includes(name)) {
            throw new Error(`region set ${JSON.stringify(item)} includes itself`);
        }
        out.push(...expandRegions(sets, set, [...seen, name]));
    }
    return [...new Set(out)];
}

/** Stages under which a model is still open to new subscriptions. */
const OPEN_STAGES: readonly LifecycleStage[] = ["Preview", "GA", "Legacy"];

/**
 * The lifecycle the sources agree on, latest-dated source first: each statement overrides the facts it names, in
 * the order of its source's date. A newer source that lists the model as open (Preview, GA, Legacy) on a day after an
 * older "no new customers" date supersedes that date: the model evidently stayed open (gpt-5 2025-08-07: S2's
 * 2026-08-07 against the 2026-10-05 schedule's GA).
 */
export function resolveLifecycle(
    statements: readonly LifecycleStatement[],
    sources: Readonly<Record<string, { readonly date: string }>>,
): ModelLifecycle {
    const dated = statements
        .map((statement, order) => ({ statement, order, date: sources[statement.source]?.date ?? "0000-00-00" }))
        .sort((a, b) => a.date.localeCompare(b.date) || a.order - b.order);
    let stage: LifecycleStage | undefined;
    const facts: { deprecationDate?: string; retirementDate?: string; replacement?: string } = {};
    const factSources: Record<string, string> = {};
    for (const { statement, date } of dated) {
        if (statement.stage !== undefined) {
            stage = statement.stage;
            factSources.stage = statement.source;
            if (
                OPEN_STAGES.includes(statement.stage) &&
                facts.deprecationDate !== undefined &&
                facts.deprecationDate <= date &&
                statement.deprecationDate === undefined
            ) {
                delete facts.deprecationDate;
                delete factSources.deprecationDate;
            }
        }
        for (const key of ["deprecationDate", "retirementDate", "replacement"] as const) {
            const value = statement[key];
            if (value !== undefined) {
                facts[key] = value;
                factSources[key] = statement.source;
            }
        }
    }
    return { stage: stage ?? "GA", ...facts, sources: factSources };
}

function toModel(file: CatalogFile, entry: ModelEntry): CatalogModel {
    const deploymentTypes: Partial<Record<DeploymentType, readonly string[]>> = {};
    for (const [type, items] of Object.entries(entry.deploymentTypes)) {
        deploymentTypes[type as DeploymentType] = expandRegions(file.regionSets, items ?? []);
    }
    return {
        format: "OpenAI",
        name: entry.name,
        version: entry.version,
        family: entry.family,
        deploymentTypes,
        lifecycle: resolveLifecycle(entry.lifecycle, file.sources),
        access: entry.access,
        ...(entry.provisioned ? { provisioned: entry.provisioned } : {}),
        ...(entry.successor ? { successor: entry.successor } : {}),
        sources: [...new Set([...entry.sources, ...entry.lifecycle.map((s) => s.source)])],
        ...(entry.note !== undefined ? { note: entry.note } : {}),
    };
}

/** Everything the program and the policy pack read, built from one catalog file. */
export interface Catalog {
    readonly asOf: string;
    readonly sources: Readonly<Record<string, CatalogSource>>;
    readonly models: readonly CatalogModel[];
    readonly knownRegions: readonly string[];
    readonly maxDeploymentsPerAccount: number;
}

export function buildCatalog(file: CatalogFile): Catalog {
    const models = file.models.map((entry) => toModel(file, entry));
    return {
        asOf: file.asOf,
        sources: file.sources,
        models,
        knownRegions: [...new Set(models.flatMap((m) => Object.values(m.deploymentTypes).flat()))].sort(),
        maxDeploymentsPerAccount: file.limits.maxDeploymentsPerAccount,
    };
}

/** The catalog file as shipped (read once). */
export const CATALOG_DATA: CatalogFile = parseCatalog(readFileSync(CATALOG_FILE, "utf8"));
const CATALOG = buildCatalog(CATALOG_DATA);

/** Date of the newest facts in the catalog (`asOf` in catalog.json). */
export const CATALOG_FACTS_AS_OF: string = CATALOG.asOf;

/** The public sources the facts came from, by id. */
export const SOURCES: Readonly<Record<string, CatalogSource>> = CATALOG.sources;

/** Every (model, version) the catalog knows, with regions expanded and lifecycle resolved. */
export const MODEL_CATALOG: readonly CatalogModel[] = CATALOG.models;

/** Max deployments per resource (Microsoft's quotas and limits page). */
export const MAX_DEPLOYMENTS_PER_ACCOUNT: number = CATALOG.maxDeploymentsPerAccount;

/** Every region named by any model, sorted: public-cloud (commercial) Azure only. */
export const KNOWN_REGIONS: readonly string[] = CATALOG.knownRegions;

export function findModel(name: string, version: string, models = MODEL_CATALOG): CatalogModel | undefined {
    return models.find((m) => m.name === name && m.version === version);
}

function isOnOrBefore(isoDate: string | undefined, now: Date): boolean {
    return isoDate !== undefined && Date.parse(`${isoDate}T00:00:00Z`) <= now.getTime();
}

/** Lifecycle as of `now`: dates in the catalog win over the recorded stage once they have passed. */
export function effectiveStage(model: CatalogModel, now: Date): LifecycleStage {
    const { lifecycle } = model;
    if (lifecycle.stage === "Retired" || isOnOrBefore(lifecycle.retirementDate, now)) {
        return "Retired";
    }
    if (lifecycle.stage === "Deprecated" || isOnOrBefore(lifecycle.deprecationDate, now)) {
        return "Deprecated";
    }
    return lifecycle.stage;
}

/** Whether a new subscription can deploy the model on that day (not retired, not closed to new customers). */
export function isOpenOn(model: CatalogModel, day: Date): boolean {
    const stage = effectiveStage(model, day);
    return stage !== "Retired" && stage !== "Deprecated" && Object.keys(model.deploymentTypes).length > 0;
}

function dayOf(isoDate: string): Date {
    return new Date(`${isoDate}T00:00:00Z`);
}

/** Why a model is not open to new subscriptions on `day`, for messages. */
function closedReason(model: CatalogModel, day: Date): string {
    const stage = effectiveStage(model, day);
    if (stage === "Retired") {
        return model.lifecycle.retirementDate ? `retires ${model.lifecycle.retirementDate}` : "retired";
    }
    if (stage === "Deprecated") {
        const since = model.lifecycle.deprecationDate ? ` from ${model.lifecycle.deprecationDate}` : "";
        return `Deprecated${since}: closed to new subscriptions`;
    }
    return "no deployment type is documented";
}

/** The newest version of a model that a new subscription can deploy on `day`. */
export function openVersionOn(name: string, day: Date, models = MODEL_CATALOG): CatalogModel | undefined {
    return models
        .filter((m) => m.name === name && isOpenOn(m, day))
        .sort((a, b) => b.version.localeCompare(a.version))[0];
}

/**
 * What to move to, on the day it is needed (the retirement date, or `now` when that has passed): Microsoft's
 * replacement and the project's suggested successor, each said to be unusable when it is; when neither can be
 * deployed that day the text says there is none.
 */
export function successorAdvice(
    model: CatalogModel,
    now: Date,
    where?: { readonly region: string; readonly deploymentType: DeploymentType },
    models: readonly CatalogModel[] = MODEL_CATALOG,
): string {
    const retirement = model.lifecycle.retirementDate;
    const day = retirement !== undefined && dayOf(retirement) > now ? dayOf(retirement) : now;
    const dayText = day.toISOString().slice(0, 10);
    const parts: string[] = [];
    let usable = false;
    const offeredHere = (candidate: CatalogModel) =>
        where === undefined || (candidate.deploymentTypes[where.deploymentType] ?? []).includes(where.region)
            ? ""
            : ` (not offered as ${where.deploymentType} in ${where.region})`;
    const replacement = model.lifecycle.replacement;
    if (replacement !== undefined) {
        const open = openVersionOn(replacement, day, models);
        if (open) {
            usable = true;
            parts.push(`Microsoft's replacement: ${replacement}${offeredHere(open)}`);
        } else {
            const versions = models.filter((m) => m.name === replacement);
            const why =
                versions.length === 0
                    ? "not in the catalog"
                    : versions.map((v) => `${v.version} ${closedReason(v, day)}`).join(", ");
            parts.push(`Microsoft's replacement: ${replacement}, not deployable on ${dayText} (${why})`);
        }
    }
    const successor = model.successor;
    if (successor !== undefined) {
        const candidate = findModel(successor.model, successor.version, models);
        const label = `${successor.model} ${successor.version}`;
        if (candidate && isOpenOn(candidate, day)) {
            usable = true;
            parts.push(
                `suggested successor (the project's pick): ${label}, ${successor.reason}${offeredHere(candidate)}`,
            );
        } else {
            parts.push(`suggested successor ${label} is not deployable on ${dayText} either`);
        }
    }
    if (!usable) {
        parts.push(
            `no successor deployable on ${dayText} is known: run npm run catalog:sync for Microsoft's newest models`,
        );
    }
    return `; ${parts.join("; ")}`;
}

/**
 * Compares what the Models and Usages APIs say per region with the catalog, and applies the differences to the
 * catalog file (`--write`). Facts that did not change keep their sources; changed ones get the Models API of that
 * day as their source.
 */
import { buildCatalog, effectiveStage, expandRegions } from "../../policies/catalog/models";
import type { CatalogFile, ModelEntry } from "../../policies/catalog/schema";
import {
    DEPLOYMENT_TYPES,
    type DeploymentType,
    type LifecycleStage,
    type ModelFamily,
} from "../../policies/catalog/types";
import { stageFromApi } from "./status";

/** The ARM api-version the sync asks for and is tested against (the stored spec's version). */
export const MODELS_API_VERSION = "2025-06-01";
export const MODELS_API_DOC_URL =
    "https://learn.microsoft.com/rest/api/aiservices/accountmanagement/models/list?view=rest-aiservices-accountmanagement-2025-06-01";

/** One entry of a Models API response (`Models_List`), as the SDK returns it or as `az rest` prints it. */
export interface ApiModel {
    readonly kind?: string;
    readonly model?: {
        readonly format?: string;
        readonly name?: string;
        readonly version?: string;
        readonly lifecycleStatus?: string;
        readonly capabilities?: Readonly<Record<string, string>>;
        readonly deprecation?: { readonly inference?: string | Date };
        readonly skus?: readonly { readonly name?: string; readonly deprecationDate?: string | Date }[];
    };
}

/** One entry of a Usages API response (`Usages_List`). */
export interface ApiUsage {
    readonly name?: { readonly value?: string };
    readonly limit?: number;
    readonly currentValue?: number;
}

export interface RegionObservation {
    readonly region: string;
    readonly models: readonly ApiModel[];
    /** Absent when the usages were not asked for (offline without `<region>.usages.json`). */
    readonly usages?: readonly ApiUsage[];
}

/** Quota a stack declares: region → deployment type → model → capacity units. */
export type DeclaredQuota = Readonly<Record<string, Readonly<Record<string, Readonly<Record<string, number>>>>>>;

export type DriftKind = "added" | "stage" | "retirement" | "type-added" | "type-removed" | "quota";

export interface DriftItem {
    readonly kind: DriftKind;
    readonly model?: string;
    readonly version?: string;
    readonly region?: string;
    readonly deploymentType?: DeploymentType;
    /** The catalog's value and the API's, for stage and retirement. */
    readonly from?: string;
    readonly to?: string;
    readonly text: string;
}

export interface DriftReport {
    readonly today: string;
    /** The regions whose Models API answer listed OpenAI models: the only ones compared, and the only ones written. */
    readonly regions: readonly string[];
    /** Regions asked about whose answer listed no OpenAI model: reported, never used for removals. */
    readonly unobserved: readonly string[];
    readonly items: readonly DriftItem[];
    /** Things worth knowing that are not drift (a region without OpenAI models, an unknown SKU name). */
    readonly notes: readonly string[];
    /** What `--write` adds for versions the catalog does not know. */
    readonly added: readonly ObservedVersion[];
}

export interface ObservedVersion {
    readonly name: string;
    readonly version: string;
    readonly stage?: LifecycleStage;
    readonly retirementDate?: string;
    readonly capabilities: Readonly<Record<string, string>>;
    /** region → deployment types offered there. */
    readonly regions: ReadonlyMap<string, ReadonlySet<DeploymentType>>;
}

function isoDay(value: string | Date | undefined): string | undefined {
    if (value === undefined) {
        return undefined;
    }
    const time = value instanceof Date ? value.getTime() : Date.parse(value);
    return Number.isNaN(time) ? undefined : new Date(time).toISOString().slice(0, 10);
}

/** `sku.name` as the catalog spells it (the API is not consistent about case); undefined when unknown. */
export function deploymentTypeOf(skuName: string): DeploymentType | undefined {
    return DEPLOYMENT_TYPES.find((type) => type.toLowerCase() === skuName.toLowerCase());
}

/** Gathers the OpenAI models of every region, keyed by `name@version`. */
function observe(
    observations: readonly RegionObservation[],
    today: string,
    notes: string[],
): Map<string, ObservedVersion> {
    const observed = new Map<
        string,
        Omit<ObservedVersion, "regions"> & { regions: Map<string, Set<DeploymentType>> }
    >();
    for (const { region, models } of observations) {
        const openAi = models.filter(
            (entry) => entry.model?.format === "OpenAI" && entry.model.name && entry.model.version,
        );
        if (openAi.length === 0) {
            // An empty answer is no evidence that every model left the region (a region without Azure OpenAI, a
            // subscription that cannot see it, a transient fault): it is not compared, so nothing is removed.
            notes.push(
                `${region}: the Models API lists no OpenAI models in this region; it was not compared (nothing removed) and does not count as checked.`,
            );
        }
        for (const { model } of openAi) {
            const name = model!.name!;
            const version = model!.version!;
            const key = `${name}@${version}`;
            const inference = isoDay(model!.deprecation?.inference);
            const stage = stageFromApi(model!.lifecycleStatus, inference, today);
            if (stage === undefined && model!.lifecycleStatus !== undefined) {
                notes.push(
                    `${name} ${version} in ${region}: unknown lifecycleStatus ${JSON.stringify(model!.lifecycleStatus)}.`,
                );
            }
            let entry = observed.get(key);
            if (!entry) {
                entry = {
                    name,
                    version,
                    ...(stage ? { stage } : {}),
                    ...(inference ? { retirementDate: inference } : {}),
                    capabilities: model!.capabilities ?? {},
                    regions: new Map(),
                };
                observed.set(key, entry);
            }
            const types = entry.regions.get(region) ?? new Set<DeploymentType>();
            for (const sku of model!.skus ?? []) {
                const type = sku.name ? deploymentTypeOf(sku.name) : undefined;
                if (type) {
                    types.add(type);
                } else {
                    notes.push(
                        `${name} ${version} in ${region}: SKU ${JSON.stringify(sku.name)} is not a deployment type the catalog knows; ignored.`,
                    );
                }
            }
            entry.regions.set(region, types);
        }
    }
    return observed;
}

/** Compares the APIs' answers with the catalog on `today` (YYYY-MM-DD). */
export function compare(
    file: CatalogFile,
    observations: readonly RegionObservation[],
    today: string,
    declaredQuota: DeclaredQuota = {},
): DriftReport {
    const catalog = buildCatalog(file);
    const day = new Date(`${today}T00:00:00Z`);
    const notes: string[] = [];
    const items: DriftItem[] = [];
    const added: ObservedVersion[] = [];
    const observed = observe(observations, today, notes);
    const regions = observations
        .filter((o) => [...observed.values()].some((seen) => seen.regions.has(o.region)))
        .map((o) => o.region);
    const unobserved = observations.map((o) => o.region).filter((region) => !regions.includes(region));

    for (const seen of [...observed.values()].sort((a, b) =>
        `${a.name}@${a.version}`.localeCompare(`${b.name}@${b.version}`),
    )) {
        const label = `${seen.name} ${seen.version}`;
        const model = catalog.models.find((m) => m.name === seen.name && m.version === seen.version);
        if (!model) {
            added.push(seen);
            const where = [...seen.regions].map(
                ([region, types]) => `${[...types].sort().join(", ") || "no SKU"} in ${region}`,
            );
            items.push({
                kind: "added",
                model: seen.name,
                version: seen.version,
                text: `+ ${label}: new version (${seen.stage ?? "stage not given"}${seen.retirementDate ? `, retires ${seen.retirementDate}` : ""}; ${where.join("; ")})`,
            });
            continue;
        }
        const current = effectiveStage(model, day);
        if (seen.stage !== undefined && seen.stage !== current) {
            items.push({
                kind: "stage",
                model: seen.name,
                version: seen.version,
                from: current,
                to: seen.stage,
                text: `~ ${label}: stage ${current} → ${seen.stage}`,
            });
        }
        const retirement = model.lifecycle.retirementDate;
        if (seen.retirementDate !== undefined && seen.retirementDate !== retirement) {
            items.push({
                kind: "retirement",
                model: seen.name,
                version: seen.version,
                from: retirement ?? "none",
                to: seen.retirementDate,
                text: `~ ${label}: retirement date ${retirement ?? "(none)"} → ${seen.retirementDate}`,
            });
        }
        for (const [region, apiTypes] of seen.regions) {
            for (const type of DEPLOYMENT_TYPES) {
                const inCatalog = (model.deploymentTypes[type] ?? []).includes(region);
                if (apiTypes.has(type) && !inCatalog) {
                    items.push({
                        kind: "type-added",
                        model: seen.name,
                        version: seen.version,
                        region,
                        deploymentType: type,
                        text: `+ ${label}: ${type} offered in ${region}`,
                    });
                } else if (!apiTypes.has(type) && inCatalog) {
                    items.push({
                        kind: "type-removed",
                        model: seen.name,
                        version: seen.version,
                        region,
                        deploymentType: type,
                        text: `- ${label}: ${type} no longer offered in ${region}`,
                    });
                }
            }
        }
    }
    // Versions the catalog offers in a region the API no longer lists there (retired ones are expected to go).
    for (const model of catalog.models) {
        if (effectiveStage(model, day) === "Retired") {
            continue;
        }
        const seen = observed.get(`${model.name}@${model.version}`);
        for (const region of regions) {
            if (seen?.regions.has(region)) {
                continue;
            }
            for (const type of DEPLOYMENT_TYPES) {
                if ((model.deploymentTypes[type] ?? []).includes(region)) {
                    items.push({
                        kind: "type-removed",
                        model: model.name,
                        version: model.version,
                        region,
                        deploymentType: type,
                        text: `- ${model.name} ${model.version}: ${type} in ${region}, not listed by the Models API there`,
                    });
                }
            }
        }
    }
    for (const { region, usages } of observations) {
        const declared = declaredQuota[region];
        if (!declared || !usages) {
            continue;
        }
        for (const [type, models] of Object.entries(declared)) {
            for (const [model, units] of Object.entries(models)) {
                const usageName = `OpenAI.${type}.${model}`.toLowerCase();
                const usage = usages.find((u) => u.name?.value?.toLowerCase() === usageName);
                if (usage?.limit === undefined) {
                    notes.push(
                        `quota.${region}.${type}.${model}: the Usages API has no ${`OpenAI.${type}.${model}`} row to compare with.`,
                    );
                } else if (units > usage.limit) {
                    items.push({
                        kind: "quota",
                        model,
                        region,
                        ...(deploymentTypeOf(type) ? { deploymentType: deploymentTypeOf(type)! } : {}),
                        text: `! quota.${region}.${type}.${model}: the stack declares ${units} units, the subscription's limit is ${usage.limit} (${usage.currentValue ?? 0} in use)`,
                    });
                }
            }
        }
    }
    return { today, regions, unobserved, items, notes, added };
}

export function renderReport(report: DriftReport): string {
    const checked = report.regions.length > 0 ? report.regions.join(", ") : "none";
    const unchecked = report.unobserved.length > 0 ? `; not checked: ${report.unobserved.join(", ")}` : "";
    const lines = [
        `Model catalog drift on ${report.today} (Models API ${MODELS_API_VERSION}; regions checked: ${checked}${unchecked})`,
        "",
    ];
    if (report.regions.length === 0 && report.items.length === 0) {
        lines.push("No region listed an OpenAI model: nothing was compared.");
    } else if (report.items.length === 0) {
        lines.push("The catalog matches the Models API in these regions.");
    } else {
        lines.push(
            `${report.items.length} difference${report.items.length === 1 ? "" : "s"}:`,
            ...report.items.map((item) => `  ${item.text}`),
        );
    }
    if (report.notes.length > 0) {
        lines.push("", "Notes:", ...report.notes.map((note) => `  ${note}`));
    }
    return `${lines.join("\n")}\n`;
}

/** A family for a version the catalog does not know: that of another version of the model, else from its capabilities. */
function familyOf(file: CatalogFile, seen: ObservedVersion): ModelFamily {
    const sibling = file.models.find((m) => m.name === seen.name);
    if (sibling) {
        return sibling.family;
    }
    const can = (capability: string) => seen.capabilities[capability] === "true";
    if (can("embeddings")) {
        return "embeddings";
    }
    if (can("imageGenerations")) {
        return "image-generation";
    }
    if (can("audio") || /transcribe|whisper/.test(seen.name)) {
        return "speech-to-text";
    }
    return /^o\d|reason/.test(seen.name) ? "reasoning" : "chat";
}

type RegionSets = CatalogFile["regionSets"];
type Items = string | readonly string[];

const asList = (items: Items | undefined): string[] =>
    items === undefined ? [] : typeof items === "string" ? [items] : [...items];

/** The names of the sets `items` includes, directly or through other sets. */
function setsUsed(sets: RegionSets, items: Items, into = new Set<string>()): Set<string> {
    for (const item of asList(items)) {
        const name = item.slice(1);
        if (item.startsWith("@") && !into.has(name)) {
            into.add(name);
            setsUsed(sets, sets[name] ?? [], into);
        }
    }
    return into;
}

/** `items` without `region`: only the references that hold it are opened, one level at a time. */
function without(sets: RegionSets, items: Items, region: string): string[] {
    return asList(items).flatMap((item) => {
        if (item === region) {
            return [];
        }
        if (item.startsWith("@") && expandRegions(sets, item).includes(region)) {
            return without(sets, sets[item.slice(1)]!, region);
        }
        return [item];
    });
}

interface RegionChange {
    readonly entry: ModelEntry;
    readonly type: DeploymentType;
}

/**
 * Applies the regions one region gained or lost. A named set is a claim about every model that uses it, so the rule
 * is: change the set itself when every (model, deployment type) that uses it changes the same way; otherwise keep
 * each reference whose meaning stays right and open only the one that holds the region (an added region is appended).
 * Retired models are not judged (the API no longer lists them), so they do not hold a set back; their region lists
 * are history, kept as they were by writing the region beside (or opening) their reference when a set they use changes.
 */
function applyRegionChange(
    next: CatalogFile,
    region: string,
    changes: readonly RegionChange[],
    add: boolean,
    retired: ReadonlySet<ModelEntry>,
): void {
    const sets = next.regionSets;
    const uses = (entry: ModelEntry) => Object.entries(entry.deploymentTypes) as [DeploymentType, Items][];
    const users = (name: string): RegionChange[] =>
        next.models
            .filter((entry) => !retired.has(entry))
            .flatMap((entry) =>
                uses(entry)
                    .filter(([, items]) => setsUsed(sets, items).has(name))
                    .map(([type]) => ({ entry, type })),
            );
    const changing = (user: RegionChange) => changes.some((c) => c.entry === user.entry && c.type === user.type);
    const history = [...retired].flatMap((entry) =>
        uses(entry)
            .filter(([type]) => !changing({ entry, type }))
            .map(([type, items]) => ({ entry, type, had: expandRegions(sets, items).includes(region) })),
    );
    const allChange = (name: string) => {
        const using = users(name);
        return using.length > 0 && using.every(changing);
    };
    if (!add) {
        for (const [name, list] of Object.entries(sets)) {
            if (list.includes(region) && list.length > 1 && allChange(name)) {
                sets[name] = list.filter((item) => item !== region);
            }
        }
    }
    for (const { entry, type } of changes) {
        const items = entry.deploymentTypes[type];
        let result: string[];
        if (add) {
            if (expandRegions(sets, items ?? []).includes(region)) {
                continue; // a set this entry uses already gained it
            }
            const set = asList(items).find((item) => item.startsWith("@") && allChange(item.slice(1)));
            if (set !== undefined) {
                sets[set.slice(1)]!.push(region);
                continue;
            }
            result = [...asList(items), region];
        } else {
            result = without(sets, items ?? [], region);
        }
        if (result.length === 0) {
            delete entry.deploymentTypes[type];
        } else {
            entry.deploymentTypes[type] = result.length === 1 ? result[0]! : [...new Set(result)];
        }
    }
    for (const { entry, type, had } of history) {
        const items = entry.deploymentTypes[type] ?? [];
        if (had !== expandRegions(sets, items).includes(region)) {
            entry.deploymentTypes[type] = had ? [...asList(items), region] : without(sets, items, region);
        }
    }
}

/**
 * The catalog file with the report's differences applied, the Models API of `report.today` their source; undefined
 * when there is nothing to write. `asOf` is the day the facts were checked: it moves to `report.today` only when every
 * region asked about answered with OpenAI models (an empty answer checked nothing), and never backwards.
 */
export function applyDrift(file: CatalogFile, report: DriftReport): CatalogFile | undefined {
    const changes = report.items.filter((item) => item.kind !== "quota");
    const complete = report.regions.length > 0 && report.unobserved.length === 0;
    const asOf = complete && report.today > file.asOf ? report.today : file.asOf;
    if (changes.length === 0 && asOf === file.asOf) {
        return undefined;
    }
    const next = structuredClone(file) as CatalogFile & { models: ModelEntry[] };
    const sourceId = `models-api-${report.today}`;
    next.sources[sourceId] = {
        title: `ARM Models API (Models_List, api-version ${MODELS_API_VERSION}) in ${report.regions.join(", ")}`,
        url: MODELS_API_DOC_URL,
        date: report.today,
    };
    const entryOf = (name?: string, version?: string) =>
        next.models.find((m) => m.name === name && m.version === version);
    const cite = (entry: ModelEntry) => {
        if (!entry.sources.includes(sourceId)) {
            entry.sources.push(sourceId);
        }
    };
    const regionChanges = new Map<string, { add: RegionChange[]; remove: RegionChange[] }>();
    for (const item of changes) {
        const entry = entryOf(item.model, item.version);
        if (!entry) {
            continue;
        }
        if (item.kind === "stage" || item.kind === "retirement") {
            let statement = entry.lifecycle.find((s) => s.source === sourceId);
            if (!statement) {
                statement = { source: sourceId };
                entry.lifecycle.push(statement);
            }
            if (item.kind === "stage") {
                statement.stage = item.to as LifecycleStage;
            } else {
                statement.retirementDate = item.to!;
            }
        } else if ((item.kind === "type-added" || item.kind === "type-removed") && item.deploymentType && item.region) {
            const byRegion = regionChanges.get(item.region) ?? { add: [], remove: [] };
            byRegion[item.kind === "type-added" ? "add" : "remove"].push({ entry, type: item.deploymentType });
            regionChanges.set(item.region, byRegion);
            cite(entry);
        }
    }
    const day = new Date(`${report.today}T00:00:00Z`);
    const built = buildCatalog(file).models;
    const retired = new Set(next.models.filter((_, index) => effectiveStage(built[index]!, day) === "Retired"));
    for (const [region, { add, remove }] of regionChanges) {
        applyRegionChange(next, region, remove, false, retired);
        applyRegionChange(next, region, add, true, retired);
    }
    for (const seen of report.added) {
        const deploymentTypes: Partial<Record<DeploymentType, string[]>> = {};
        for (const [region, types] of seen.regions) {
            for (const type of types) {
                (deploymentTypes[type] ??= []).push(region);
            }
        }
        next.models.push({
            name: seen.name,
            version: seen.version,
            family: familyOf(file, seen),
            // The Models API says nothing about registration or quota tiers: open until the docs say otherwise.
            access: "open",
            deploymentTypes,
            lifecycle: [
                {
                    source: sourceId,
                    ...(seen.stage ? { stage: seen.stage } : {}),
                    ...(seen.retirementDate ? { retirementDate: seen.retirementDate } : {}),
                },
            ],
            sources: [sourceId],
            note: `Added by npm run catalog:sync from the Models API on ${report.today}; check its access gate and family in Microsoft's docs.`,
        });
    }
    next.asOf = asOf;
    return next;
}

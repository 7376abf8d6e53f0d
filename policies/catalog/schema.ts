/**
 * The shape of `catalog.json`, the one data file that holds the model catalog. zod (the library the stack
 * configuration uses too) checks the file when it is loaded and renders `catalog.schema.json` for editors, so the
 * shape is written once. This file imports only zod, so the pack publishes with it.
 */
import { z } from "zod";

const isoDate = z.iso.date();
const sourceId = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9.-]*$/, "a source id (letters, digits, '.', '-')");
/** A region list item: a region name, or `@name` to include a named region set. */
const regionItem = z.string().regex(/^(@[a-z0-9-]+|[a-z0-9]+)$/, "a region name or @region-set");

export const DEPLOYMENT_TYPE_NAMES = [
    "Standard",
    "GlobalStandard",
    "DataZoneStandard",
    "ProvisionedManaged",
    "GlobalProvisionedManaged",
    "DataZoneProvisionedManaged",
    "GlobalBatch",
    "DataZoneBatch",
    "DeveloperTier",
] as const;
export const deploymentTypeSchema = z.enum(DEPLOYMENT_TYPE_NAMES);

export const MODEL_FAMILY_NAMES = ["reasoning", "chat", "speech-to-text", "image-generation", "embeddings"] as const;
export const modelFamilySchema = z.enum(MODEL_FAMILY_NAMES);

export const LIFECYCLE_STAGES = ["Preview", "GA", "Legacy", "Deprecated", "Retired"] as const;
export const lifecycleStageSchema = z.enum(LIFECYCLE_STAGES);

export const MODEL_ACCESS_NAMES = ["open", "limited-access", "quota-tier"] as const;
export const modelAccessSchema = z.enum(MODEL_ACCESS_NAMES);

export const sourceSchema = z
    .object({
        title: z.string().min(1),
        /** A public address: Microsoft Learn, the docs repository at a commit, or the ARM Models API. */
        url: z.url({ protocol: /^https$/ }),
        /** The date of the version read (`ms.date`), or the day the Models API was asked. */
        date: isoDate,
    })
    .strict();

/**
 * What one source says about a model's lifecycle. A statement names only the facts that source gives; when sources
 * disagree the latest-dated one wins (see `resolveLifecycle` in models.ts).
 */
export const lifecycleStatementSchema = z
    .object({
        source: sourceId,
        stage: lifecycleStageSchema.optional(),
        /** "No new customers": from this day only subscriptions that deployed the version before may deploy it. */
        deprecationDate: isoDate.optional(),
        /** From this day every call returns HTTP 410. */
        retirementDate: isoDate.optional(),
        /** The model Microsoft names as replacement (Microsoft's pick, not the project's). */
        replacement: z.string().min(1).optional(),
    })
    .strict();

export const successorSchema = z
    .object({
        model: z.string().min(1),
        version: z.string().min(1),
        /** Why the project picks it (Microsoft names no deployable replacement). */
        reason: z.string().min(1),
    })
    .strict();

export const provisionedSizingSchema = z
    .object({
        globalMinimum: z.number().int().positive(),
        globalIncrement: z.number().int().positive(),
        regionalMinimum: z.number().int().positive(),
        regionalIncrement: z.number().int().positive(),
    })
    .strict();

export const modelEntrySchema = z
    .object({
        name: z.string().min(1),
        version: z.string().min(1),
        family: modelFamilySchema,
        access: modelAccessSchema,
        /** Deployment type → regions (`@set` includes a named region set). */
        deploymentTypes: z.partialRecord(deploymentTypeSchema, z.union([regionItem, z.array(regionItem)])),
        lifecycle: z.array(lifecycleStatementSchema).min(1),
        successor: successorSchema.optional(),
        provisioned: provisionedSizingSchema.optional(),
        /** Sources of the availability facts (regions, access, sizing). */
        sources: z.array(sourceId).min(1),
        note: z.string().optional(),
    })
    .strict();

export const catalogFileSchema = z
    .object({
        $schema: z.string().optional(),
        /** The date of the newest facts in the file. */
        asOf: isoDate,
        sources: z.record(sourceId, sourceSchema),
        families: z.record(modelFamilySchema, z.string()),
        deploymentTypes: z.record(deploymentTypeSchema, z.string()),
        access: z.record(modelAccessSchema, z.string()),
        regionSets: z.record(z.string().regex(/^[a-z0-9-]+$/), z.array(regionItem).min(1)),
        limits: z.object({ maxDeploymentsPerAccount: z.number().int().positive(), source: sourceId }).strict(),
        tier1Quota: z
            .object({
                source: sourceId,
                unitsPerModel: z.record(z.string(), z.partialRecord(deploymentTypeSchema, z.number().int().positive())),
            })
            .strict(),
        models: z.array(modelEntrySchema).min(1),
    })
    .strict();

export type CatalogFile = z.infer<typeof catalogFileSchema>;
export type ModelEntry = z.infer<typeof modelEntrySchema>;
export type LifecycleStatement = z.infer<typeof lifecycleStatementSchema>;
export type SourceEntry = z.infer<typeof sourceSchema>;

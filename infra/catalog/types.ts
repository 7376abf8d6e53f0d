/**
 * Shapes of the model catalog. The data lives in `models.ts`; the checks that use it in
 * `lifecycle.ts`. Every fact carries the ids of the Microsoft sources it came from (see
 * `SOURCES` in `models.ts`).
 */

/** A deployment's `sku.name`: where inference runs and how it is billed. */
export type DeploymentType =
    | "Standard"
    | "GlobalStandard"
    | "DataZoneStandard"
    | "ProvisionedManaged"
    | "GlobalProvisionedManaged"
    | "DataZoneProvisionedManaged"
    | "GlobalBatch"
    | "DataZoneBatch"
    | "DeveloperTier";

/**
 * Every deployment type Azure OpenAI documents (Microsoft's "Deployment types" page, catalog
 * source S8): the values `sku.name` of a deployment may take.
 */
export const DEPLOYMENT_TYPES: readonly DeploymentType[] = [
    "Standard",
    "GlobalStandard",
    "DataZoneStandard",
    "ProvisionedManaged",
    "GlobalProvisionedManaged",
    "DataZoneProvisionedManaged",
    "GlobalBatch",
    "DataZoneBatch",
    "DeveloperTier",
];

/** The product's four families, plus embeddings which applications usually need beside them. */
export type ModelFamily = "reasoning" | "chat" | "speech-to-text" | "image-generation" | "embeddings";

/** Lifecycle stage as Microsoft's retirement schedule names it. */
export type LifecycleStage = "Preview" | "GA" | "Legacy" | "Deprecated" | "Retired";

/**
 * Who may deploy the model: open to all, behind the limited-access registration form, or gated by
 * quota tier (Tier 5/6 have quota by default, lower tiers must request it).
 */
export type ModelAccess = "open" | "limited-access" | "quota-tier";

export interface ModelLifecycle {
    /** Stage in the newest schedule that lists the model. */
    readonly stage: LifecycleStage;
    /** ISO date after which new subscriptions can no longer deploy it ("no new customers"). */
    readonly deprecationDate?: string;
    /** ISO date from which every call returns HTTP 410 and deployments are refused. */
    readonly retirementDate?: string;
    /** The model (and version, when named) Microsoft recommends instead. */
    readonly replacement?: string;
}

/** Provisioned-throughput sizing: minimum PTUs and the step above it. */
export interface ProvisionedSizing {
    readonly globalMinimum: number;
    readonly globalIncrement: number;
    readonly regionalMinimum: number;
    readonly regionalIncrement: number;
}

export interface CatalogModel {
    readonly format: "OpenAI";
    readonly name: string;
    readonly version: string;
    readonly family: ModelFamily;
    /** Deployment types the model may use, each with the Azure regions documented for it. */
    readonly deploymentTypes: Readonly<Partial<Record<DeploymentType, readonly string[]>>>;
    readonly lifecycle: ModelLifecycle;
    readonly access: ModelAccess;
    readonly provisioned?: ProvisionedSizing;
    /** Ids of the entries in `SOURCES` these facts came from. */
    readonly sources: readonly string[];
    /** Anything a user should know when choosing this model (one sentence). */
    readonly note?: string;
}

export interface CatalogSource {
    /** Document path (Microsoft's docs repository) or page title. */
    readonly document: string;
    /** The `ms.date` of the version that was read. */
    readonly msDate: string;
}

/**
 * Shapes of the model catalog as the program and the policy pack read it. The data lives in `catalog.json` (its
 * shape in `schema.ts`); `models.ts` reads it; the program's `infra/catalog/lifecycle.ts` checks deployments against it.
 */
import { DEPLOYMENT_TYPE_NAMES, type deploymentTypeSchema, type modelFamilySchema } from "./schema";
import type { lifecycleStageSchema, modelAccessSchema, successorSchema } from "./schema";
import type { z } from "zod";

/** A deployment's `sku.name`: where inference runs and how it is billed. */
export type DeploymentType = z.infer<typeof deploymentTypeSchema>;

/** Every deployment type Azure OpenAI documents: the values `sku.name` of a deployment may take. */
export const DEPLOYMENT_TYPES: readonly DeploymentType[] = DEPLOYMENT_TYPE_NAMES;

/** The product's four families, plus embeddings which applications usually need beside them. */
export type ModelFamily = z.infer<typeof modelFamilySchema>;

/** Lifecycle stage as Microsoft's retirement schedule names it. */
export type LifecycleStage = z.infer<typeof lifecycleStageSchema>;

/**
 * Who may deploy the model: open to all, behind the limited-access registration form, or gated by
 * quota tier (Tier 5/6 have quota by default, lower tiers must request it).
 */
export type ModelAccess = z.infer<typeof modelAccessSchema>;

/** The project's pick when Microsoft names no replacement that is deployable when it is needed. */
export type Successor = z.infer<typeof successorSchema>;

export interface ModelLifecycle {
    /** Stage according to the latest-dated source. */
    readonly stage: LifecycleStage;
    /** ISO date after which new subscriptions can no longer deploy it ("no new customers"). */
    readonly deprecationDate?: string;
    /** ISO date from which every call returns HTTP 410 and deployments are refused. */
    readonly retirementDate?: string;
    /** The model Microsoft names instead (Microsoft's replacement, not the project's pick). */
    readonly replacement?: string;
    /** The source id each resolved fact came from (`stage`, `deprecationDate`, …). */
    readonly sources: Readonly<Record<string, string>>;
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
    /** The project's suggested successor, with its reason. */
    readonly successor?: Successor;
    /** Ids of the entries in `SOURCES` these facts came from. */
    readonly sources: readonly string[];
    /** Anything a user should know when choosing this model (one sentence). */
    readonly note?: string;
}

export interface CatalogSource {
    readonly title: string;
    /** Public address of the version read. */
    readonly url: string;
    /** Its `ms.date`, or the day the Models API was asked. */
    readonly date: string;
}

/** A refused value: the config key, what was given and what is allowed (the shape the config validator reports). */
export interface CatalogProblem {
    readonly key: string;
    readonly given: string;
    readonly allowed: string;
}

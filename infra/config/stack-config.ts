/**
 * The typed shape of a stack's configuration (`Pulumi.<stack>.yaml`) and the rule table it is
 * validated against. `load.ts` reads the raw values; `validate-stack.ts` runs these rules and the
 * cross-key checks (model catalog, quota, conflicts).
 */
import type { DeploymentType, ModelFamily } from "../catalog/types";
import type { Rule, StringRule } from "./rules";

export type Environment = "dev" | "staging" | "prod";
export type AccountKind = "OpenAI" | "AIServices";
export type VersionUpgradeOption = "OnceNewDefaultVersionAvailable" | "OnceCurrentVersionExpired" | "NoAutoUpgrade";
export type PrincipalType = "User" | "Group" | "ServicePrincipal";

export interface DeploymentConfig {
    readonly model: string;
    readonly version: string;
    readonly deploymentType: DeploymentType;
    readonly capacity: number;
    readonly versionUpgradeOption: VersionUpgradeOption;
    /** `Microsoft.DefaultV2` or the name of a filter under `contentFilters`. */
    readonly contentFilter: string;
    /** The subscription has deployed this exact version before, so a Deprecated stage is acceptable. */
    readonly allowDeprecated: boolean;
    /** Family the deployment is listed under in outputs and secrets; defaults to the model's. */
    readonly family?: ModelFamily;
}

export interface RegionConfig {
    readonly deployments: Readonly<Record<string, DeploymentConfig>>;
}

export interface StackConfig {
    readonly environment: Environment;
    readonly location: string;
    readonly namePrefix: string;
    readonly resourceGroup: { readonly existingName?: string };
    readonly tags: {
        readonly owner: string;
        readonly costCenter: string;
        readonly additional: Readonly<Record<string, string>>;
    };
    readonly accounts: {
        readonly kind: AccountKind;
        readonly disableLocalAuth: boolean;
        readonly restore: boolean;
    };
    readonly regions: Readonly<Record<string, RegionConfig>>;
    readonly keyVault: {
        readonly secretExpiryDays: number;
        readonly softDeleteRetentionDays: number;
        readonly storeAccountKeys: boolean;
    };
    readonly lifecycle: {
        readonly retirementWarningDays: number;
        readonly catalogMaxAgeDays: number;
    };
    /** Quota per region → deployment type → model, in capacity units, as granted to the subscription. */
    readonly quota: Readonly<Record<string, Readonly<Record<string, Readonly<Record<string, number>>>>>>;
    readonly protection: {
        readonly protect: boolean;
        readonly deleteLocks: boolean;
    };
}

/** Azure region names as the catalog knows them; the rule checks membership. */
const regionKey = (doc: string, knownRegions: readonly string[]): StringRule => ({
    kind: "string",
    doc,
    pattern: /^[a-z0-9]+$/,
    patternHint: "an Azure region name such as swedencentral",
    check: (value) =>
        knownRegions.includes(value) ? undefined : `a region the model catalog knows: ${knownRegions.join(", ")}`,
});

export const MODEL_FAMILIES: readonly ModelFamily[] = [
    "reasoning",
    "chat",
    "speech-to-text",
    "image-generation",
    "embeddings",
];

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

/** Azure resource tag limits: name ≤ 512 characters, value ≤ 256 (Azure Resource Manager docs, "tag-resources"). */
const tagValue = (doc: string, required: boolean): StringRule => ({
    kind: "string",
    doc,
    required,
    minLength: 1,
    maxLength: 256,
});

/**
 * The rule table. Keys are the Pulumi config keys of the project namespace (`aoai-platform:<key>`).
 * Environment-dependent defaults are applied before these rules, from `ENVIRONMENT_DEFAULTS`.
 */
export function stackConfigRules(knownRegions: readonly string[]): Readonly<Record<string, Rule>> {
    return {
        environment: {
            kind: "string",
            doc: "Which environment this stack is; selects the hardening defaults.",
            required: true,
            oneOf: ["dev", "staging", "prod"],
        },
        location: {
            ...regionKey("Region for the stack-wide resources (resource group, Key Vault).", knownRegions),
            required: true,
        },
        namePrefix: {
            kind: "string",
            doc: "Prefix of the globally unique names (account subdomains, vault); a random suffix is appended.",
            required: true,
            pattern: /^[a-z][a-z0-9-]{1,10}[a-z0-9]$/,
            patternHint:
                "3 to 12 lowercase letters, digits or hyphens, starting with a letter and not ending with a hyphen",
            check: (value) =>
                value.includes("--") ? "no two hyphens in a row (Key Vault names refuse them)" : undefined,
        },
        resourceGroup: {
            kind: "object",
            doc: "The resource group that holds everything.",
            fields: {
                existingName: {
                    kind: "string",
                    doc: "Use this existing resource group instead of creating one.",
                    // Resource group names: 1-90 characters, alphanumerics, underscores, parentheses,
                    // hyphens, periods; not ending in a period (Azure naming rules, Microsoft.Resources).
                    pattern: /^[-\w.()]{0,89}[-\w()]$/,
                    patternHint:
                        "1 to 90 letters, digits, underscores, parentheses, hyphens or periods, not ending in a period",
                },
            },
        },
        tags: {
            kind: "object",
            doc: "Tags on every resource that takes tags; `environment` and `managed-by` are added.",
            required: true,
            fields: {
                owner: tagValue("Team or person accountable for the stack.", true),
                costCenter: tagValue("Cost centre billed for the stack.", true),
                additional: {
                    kind: "map",
                    doc: "More tags, name → value.",
                    key: {
                        kind: "string",
                        doc: "tag",
                        minLength: 1,
                        maxLength: 512,
                        pattern: /^[^<>%&\\?/]+$/,
                        patternHint: "without < > % & \\ ? /",
                    },
                    value: tagValue("Tag value.", true),
                    maxEntries: 40,
                },
            },
        },
        accounts: {
            kind: "object",
            doc: "Settings shared by every Azure OpenAI account of the stack.",
            fields: {
                kind: {
                    kind: "string",
                    doc: "Account kind: `OpenAI`, or `AIServices` (a Foundry resource that also serves OpenAI models).",
                    default: "OpenAI",
                    oneOf: ["OpenAI", "AIServices"],
                },
                disableLocalAuth: {
                    kind: "boolean",
                    doc: "Refuse API keys; applications authenticate with Entra ID.",
                    default: true,
                },
                restore: {
                    kind: "boolean",
                    doc: "Recover a soft-deleted account of the same name instead of creating a new one.",
                    default: false,
                },
            },
        },
        regions: {
            kind: "map",
            doc: "One Azure OpenAI account per region, keyed by the Azure region name.",
            required: true,
            minEntries: 1,
            maxEntries: 30,
            key: regionKey("region", knownRegions),
            value: {
                kind: "object",
                doc: "The account in this region.",
                fields: {
                    deployments: {
                        kind: "map",
                        doc: "Model deployments, keyed by a stable name that is also the Azure deployment name.",
                        required: true,
                        minEntries: 1,
                        // Max standard deployments per resource: 32 (Azure OpenAI quotas and limits).
                        maxEntries: 32,
                        key: {
                            kind: "string",
                            doc: "deployment",
                            // Pattern and length of `deploymentName` in the ARM spec
                            // (Microsoft.CognitiveServices 2025-06-01, accountNameParameter).
                            pattern: /^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/,
                            patternHint: "letters, digits, _ . - starting with a letter or digit",
                            minLength: 2,
                            maxLength: 64,
                        },
                        value: {
                            kind: "object",
                            doc: "One model deployment.",
                            fields: {
                                model: {
                                    kind: "string",
                                    doc: "Model name from the catalog.",
                                    required: true,
                                    minLength: 1,
                                },
                                version: {
                                    kind: "string",
                                    doc: "Model version (always explicit).",
                                    required: true,
                                    minLength: 1,
                                },
                                deploymentType: {
                                    kind: "string",
                                    doc: "Deployment type (`sku.name`): where inference runs and how it is billed.",
                                    required: true,
                                    oneOf: DEPLOYMENT_TYPES,
                                },
                                capacity: {
                                    kind: "integer",
                                    doc: "Capacity units (thousands of tokens per minute) or PTUs for provisioned types.",
                                    required: true,
                                    min: 1,
                                    // Max PTUs per deployment: 100,000 (Azure OpenAI quotas and limits).
                                    max: 100000,
                                },
                                versionUpgradeOption: {
                                    kind: "string",
                                    doc: "When Azure may move the deployment to a newer model version.",
                                    default: "OnceCurrentVersionExpired",
                                    oneOf: [
                                        "OnceNewDefaultVersionAvailable",
                                        "OnceCurrentVersionExpired",
                                        "NoAutoUpgrade",
                                    ],
                                },
                                contentFilter: {
                                    kind: "string",
                                    doc: "Content filter (RAI policy) name: `Microsoft.DefaultV2` or a filter from `contentFilters`.",
                                    default: "Microsoft.DefaultV2",
                                    pattern: /^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/,
                                    patternHint: "letters, digits, _ . - starting with a letter or digit",
                                },
                                family: {
                                    kind: "string",
                                    doc: "Family to list the deployment under in outputs and secrets (default: the model's family).",
                                    oneOf: MODEL_FAMILIES,
                                },
                                allowDeprecated: {
                                    kind: "boolean",
                                    doc: "Accept a Deprecated model version (only subscriptions that deployed it before may).",
                                    default: false,
                                },
                            },
                        },
                    },
                },
            },
        },
        keyVault: {
            kind: "object",
            doc: "The Key Vault that holds what applications need to connect.",
            fields: {
                secretExpiryDays: {
                    kind: "integer",
                    doc: "Days until each secret expires (the secret's `exp` attribute).",
                    default: 365,
                    min: 1,
                    max: 730,
                },
                softDeleteRetentionDays: {
                    kind: "integer",
                    // Key Vault accepts 7 to 90 days (ARM spec Microsoft.KeyVault 2024-11-01, softDeleteRetentionInDays).
                    doc: "Days a deleted vault stays recoverable.",
                    default: 90,
                    min: 7,
                    max: 90,
                },
                storeAccountKeys: {
                    kind: "boolean",
                    doc: "Store each account's API key as a secret; needs `accounts.disableLocalAuth: false`.",
                    default: false,
                },
            },
        },
        lifecycle: {
            kind: "object",
            doc: "How the model catalog's lifecycle facts are applied.",
            fields: {
                retirementWarningDays: {
                    kind: "integer",
                    doc: "Warn when a deployed model version retires within this many days.",
                    default: 90,
                    min: 0,
                    max: 730,
                },
                catalogMaxAgeDays: {
                    kind: "integer",
                    doc: "Warn when the catalog's facts are older than this many days.",
                    default: 60,
                    min: 1,
                    max: 3650,
                },
            },
        },
        quota: {
            kind: "map",
            doc: "Quota granted to the subscription: region → deployment type → model → capacity units. Optional.",
            key: regionKey("region", knownRegions),
            value: {
                kind: "map",
                doc: "Quota in one region.",
                key: { kind: "string", doc: "deploymentType", oneOf: DEPLOYMENT_TYPES },
                value: {
                    kind: "map",
                    doc: "Quota of one deployment type.",
                    key: { kind: "string", doc: "model", minLength: 1, maxLength: 64 },
                    value: { kind: "integer", doc: "Capacity units granted.", min: 0, max: 10000000 },
                },
            },
        },
        protection: {
            kind: "object",
            doc: "Guards against deleting stateful resources (accounts, vault).",
            fields: {
                protect: {
                    kind: "boolean",
                    doc: "Set Pulumi's `protect` on accounts and the vault (prod default: true).",
                    default: false,
                },
                deleteLocks: {
                    kind: "boolean",
                    doc: "Put a CanNotDelete management lock on accounts and the vault (prod default: true).",
                    default: false,
                },
            },
        },
    };
}

/** Defaults that depend on the environment; applied under the user's values before validation. */
export const ENVIRONMENT_DEFAULTS: Readonly<Record<Environment, Readonly<Record<string, unknown>>>> = {
    dev: {},
    staging: {},
    prod: { protection: { protect: true, deleteLocks: true } },
};

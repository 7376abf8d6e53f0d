/**
 * The typed shape of a stack's configuration (`Pulumi.<stack>.yaml`) and the rule table it is
 * validated against. `load.ts` reads the raw values; `validate-stack.ts` runs these rules and the
 * cross-key checks (model catalog, quota, conflicts).
 */
import { BROAD_ROLES } from "../access/roles";
import { DEPLOYMENT_TYPES, type DeploymentType, type ModelFamily } from "../catalog/types";
import type { GatewayConfig } from "./gateway-schema";
import { ipRuleProblem, parseIpv4Range, RESOURCE_ID_HINTS, RESOURCE_ID_PATTERNS } from "./network-values";
import type { ListRule, ObjectRule, Rule, StringRule } from "./rules";

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

export type ContentFilterThreshold = "Low" | "Medium" | "High";

/** One harm category of a content filter, for one direction (prompt or completion). */
export interface HarmFilterConfig {
    readonly threshold: ContentFilterThreshold;
    readonly blocking: boolean;
}

export interface ContentFilterConfig {
    readonly prompt: {
        readonly hate: HarmFilterConfig;
        readonly sexual: HarmFilterConfig;
        readonly violence: HarmFilterConfig;
        readonly selfHarm: HarmFilterConfig;
        /** Prompt shield against jailbreak attempts. */
        readonly jailbreak: boolean;
        /** Prompt shield against attacks hidden in documents (indirect prompt injection). */
        readonly indirectAttack: boolean;
    };
    readonly completion: {
        readonly hate: HarmFilterConfig;
        readonly sexual: HarmFilterConfig;
        readonly violence: HarmFilterConfig;
        readonly selfHarm: HarmFilterConfig;
        readonly protectedMaterialText: boolean;
        readonly protectedMaterialCode: boolean;
    };
    /** Blocklists: name → exact terms to block in prompts and completions. */
    readonly blocklists: Readonly<Record<string, readonly string[]>>;
}

/** Roles config may grant: least privilege for calling models and reading secrets. */
export const GRANTABLE_ROLES = ["Cognitive Services OpenAI User", "Key Vault Secrets User"] as const;
export type RoleName = (typeof GRANTABLE_ROLES)[number];

export interface PrincipalConfig {
    readonly objectId: string;
    readonly principalType: PrincipalType;
    readonly roles: readonly RoleName[];
    /** What the principal is, for people reading the plan. */
    readonly description?: string;
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
    readonly network: {
        readonly publicNetworkAccess: "Enabled" | "Disabled";
        readonly defaultAction: "Allow" | "Deny";
        readonly bypass: "AzureServices" | "None";
        readonly ipRules: readonly string[];
        readonly virtualNetworkRules: readonly string[];
        readonly privateEndpoints: {
            readonly enabled: boolean;
            readonly existingSubnetId?: string;
            /** Region of the endpoints (their virtual network's); defaults to the stack's location. */
            readonly location?: string;
            readonly virtualNetwork?: { readonly addressSpaces: readonly string[]; readonly subnetPrefix: string };
            /** Existing private DNS zones by zone name; zones not listed are created and linked. */
            readonly existingDnsZoneIds: Readonly<Record<string, string>>;
        };
        readonly restrictOutbound: boolean;
        readonly allowedFqdns: readonly string[];
    };
    readonly access: {
        readonly principals: readonly PrincipalConfig[];
    };
    readonly monitoring: {
        readonly enabled: boolean;
        readonly existingWorkspaceId?: string;
        readonly retentionDays: number;
    };
    readonly encryption: {
        readonly customerManagedKey: boolean;
        readonly keySize: number;
        readonly rotationDays: number;
    };
    readonly contentFilters: Readonly<Record<string, ContentFilterConfig>>;
    /** The AI gateway in front of the accounts (gateway-schema.ts); absent: none. */
    readonly gateway?: GatewayConfig;
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

/**
 * Private DNS zones for private endpoints (Microsoft's "Azure Private Endpoint private DNS zone
 * values"): Azure OpenAI accounts answer on privatelink.openai.azure.com; AIServices (Foundry)
 * accounts also on privatelink.cognitiveservices.azure.com and privatelink.services.ai.azure.com;
 * Key Vault on privatelink.vaultcore.azure.net.
 */
export const OPENAI_DNS_ZONE = "privatelink.openai.azure.com";
export const COGNITIVE_SERVICES_DNS_ZONE = "privatelink.cognitiveservices.azure.com";
export const AI_SERVICES_DNS_ZONE = "privatelink.services.ai.azure.com";
export const KEY_VAULT_DNS_ZONE = "privatelink.vaultcore.azure.net";
export const PRIVATE_DNS_ZONE_NAMES = [
    OPENAI_DNS_ZONE,
    COGNITIVE_SERVICES_DNS_ZONE,
    AI_SERVICES_DNS_ZONE,
    KEY_VAULT_DNS_ZONE,
] as const;

export function accountDnsZones(kind: AccountKind): readonly string[] {
    return kind === "OpenAI" ? [OPENAI_DNS_ZONE] : [OPENAI_DNS_ZONE, COGNITIVE_SERVICES_DNS_ZONE, AI_SERVICES_DNS_ZONE];
}

export const MODEL_FAMILIES: readonly ModelFamily[] = [
    "reasoning",
    "chat",
    "speech-to-text",
    "image-generation",
    "embeddings",
];

/** Tags the product sets on every resource from environment, owner and cost centre. */
export const STANDARD_TAGS: readonly string[] = ["environment", "owner", "cost-center", "managed-by"];

/** Azure resource tag limits: name ≤ 512 characters, value ≤ 256 (Azure Resource Manager docs, "tag-resources"). */
const tagValue = (doc: string, required: boolean): StringRule => ({
    kind: "string",
    doc,
    required,
    minLength: 1,
    maxLength: 256,
});

/** Microsoft's default content filter (guardrail) for Azure OpenAI deployments. */
export const DEFAULT_CONTENT_FILTER = "Microsoft.DefaultV2";

const azureName = /^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/;

const harmFilter = (doc: string): ObjectRule => ({
    kind: "object",
    doc,
    fields: {
        threshold: {
            kind: "string",
            doc: "Lowest severity that is filtered: Low filters the most, High the least (Microsoft's default: Medium).",
            default: "Medium",
            oneOf: ["Low", "Medium", "High"],
        },
        blocking: { kind: "boolean", doc: "Block filtered content (false only annotates it).", default: true },
    },
});

const shield = (doc: string): Rule => ({ kind: "boolean", doc, default: true });

const ipRuleList = (doc: string): ListRule => ({
    kind: "list",
    doc,
    default: [],
    maxItems: 400,
    unique: true,
    item: { kind: "string", doc: "IP rule", check: ipRuleProblem },
});

const resourceId = (doc: string, kind: keyof typeof RESOURCE_ID_PATTERNS): StringRule => ({
    kind: "string",
    doc,
    pattern: RESOURCE_ID_PATTERNS[kind],
    patternHint: `a resource id like ${RESOURCE_ID_HINTS[kind]}`,
});

const cidr = (doc: string): StringRule => ({
    kind: "string",
    doc,
    check: (value) =>
        value.includes("/") && parseIpv4Range(value)
            ? undefined
            : "an IPv4 CIDR range such as 10.60.0.0/24, with no host bits set",
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
                    default: {},
                    key: {
                        kind: "string",
                        doc: "tag",
                        minLength: 1,
                        maxLength: 512,
                        pattern: /^[^<>%&\\?/]+$/,
                        patternHint: "without < > % & \\ ? /",
                        // Azure tag names are case-insensitive: these would overwrite the standard tags.
                        check: (value) =>
                            STANDARD_TAGS.includes(value.toLowerCase())
                                ? `a name other than the standard tags ${STANDARD_TAGS.join(", ")} (set by the product)`
                                : undefined,
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
            default: {},
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
        network: {
            kind: "object",
            doc: "Who may reach the accounts and the vault over the network.",
            fields: {
                publicNetworkAccess: {
                    kind: "string",
                    doc: "Public endpoint of the accounts and the vault (staging/prod default: Disabled).",
                    default: "Enabled",
                    oneOf: ["Enabled", "Disabled"],
                },
                defaultAction: {
                    kind: "string",
                    doc: "Firewall answer for traffic no rule allows.",
                    default: "Deny",
                    oneOf: ["Deny", "Allow"],
                },
                bypass: {
                    kind: "string",
                    doc: "Let trusted Azure services through the firewall.",
                    default: "AzureServices",
                    oneOf: ["AzureServices", "None"],
                },
                ipRules: ipRuleList("Public IPv4 addresses or CIDR ranges allowed through the firewall."),
                virtualNetworkRules: {
                    kind: "list",
                    doc: "Subnets allowed through the firewall; each needs the Microsoft.CognitiveServices and Microsoft.KeyVault service endpoints.",
                    default: [],
                    maxItems: 200,
                    unique: true,
                    item: resourceId("subnet id", "subnet"),
                },
                privateEndpoints: {
                    kind: "object",
                    doc: "Private endpoints (with private DNS) for every account and the vault.",
                    fields: {
                        enabled: {
                            kind: "boolean",
                            doc: "Create the private endpoints (staging/prod default: true).",
                            default: false,
                        },
                        existingSubnetId: resourceId("Put the endpoints in this existing subnet.", "subnet"),
                        location: regionKey(
                            "Region of the endpoints: their virtual network's (default: location). Set it when existingSubnetId is in another region.",
                            knownRegions,
                        ),
                        virtualNetwork: {
                            kind: "object",
                            doc: "Or let the product create a virtual network with one subnet for the endpoints.",
                            fields: {
                                addressSpaces: {
                                    kind: "list",
                                    doc: "Address spaces of the virtual network (non-overlapping).",
                                    required: true,
                                    maxItems: 10,
                                    unique: true,
                                    item: cidr("address space"),
                                },
                                subnetPrefix: {
                                    ...cidr("Address range of the endpoints' subnet, inside an address space."),
                                    required: true,
                                },
                            },
                        },
                        existingDnsZoneIds: {
                            kind: "map",
                            doc: "Existing private DNS zones to use, by zone name (e.g. privatelink.openai.azure.com).",
                            default: {},
                            key: {
                                kind: "string",
                                doc: "zone",
                                oneOf: PRIVATE_DNS_ZONE_NAMES,
                            },
                            value: resourceId("Zone id.", "privateDnsZone"),
                        },
                    },
                },
                restrictOutbound: {
                    kind: "boolean",
                    doc: "Restrict the accounts' outbound calls to allowedFqdns (staging/prod default: true).",
                    default: false,
                },
                allowedFqdns: {
                    kind: "list",
                    doc: "Hosts the accounts may call when outbound access is restricted; the stack's vault is always added.",
                    default: [],
                    maxItems: 100,
                    unique: true,
                    item: {
                        kind: "string",
                        doc: "host name",
                        maxLength: 253,
                        pattern:
                            /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)+$/,
                        patternHint: "a lowercase fully qualified host name",
                    },
                },
            },
        },
        access: {
            kind: "object",
            doc: "Who may call the models and read the secrets, besides the stack's application identity.",
            fields: {
                principals: {
                    kind: "list",
                    doc: "Entra principals and the least-privilege roles they get.",
                    default: [],
                    maxItems: 50,
                    item: {
                        kind: "object",
                        doc: "One principal.",
                        fields: {
                            objectId: {
                                kind: "string",
                                doc: "Object id of the user, group or service principal.",
                                required: true,
                                pattern:
                                    /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/,
                                patternHint: "a GUID",
                            },
                            principalType: {
                                kind: "string",
                                doc: "What the object is.",
                                required: true,
                                oneOf: ["User", "Group", "ServicePrincipal"],
                            },
                            roles: {
                                kind: "list",
                                doc: "Cognitive Services OpenAI User (on every account) and/or Key Vault Secrets User (on the vault).",
                                required: true,
                                unique: true,
                                maxItems: 2,
                                item: {
                                    kind: "string",
                                    doc: "role",
                                    patternHint: `one of ${GRANTABLE_ROLES.map((role) => JSON.stringify(role)).join(", ")}`,
                                    check: (value) =>
                                        (GRANTABLE_ROLES as readonly string[]).includes(value)
                                            ? undefined
                                            : `${
                                                  value in BROAD_ROLES
                                                      ? `not ${value}: broad roles are never granted by this product; `
                                                      : ""
                                              }one of ${GRANTABLE_ROLES.map((role) => JSON.stringify(role)).join(", ")}`,
                                },
                            },
                            description: { kind: "string", doc: "Who this is, for reviewers.", maxLength: 200 },
                        },
                    },
                },
            },
        },
        monitoring: {
            kind: "object",
            doc: "Resource logs of the accounts and the vault.",
            fields: {
                enabled: { kind: "boolean", doc: "Send logs and metrics to Log Analytics.", default: true },
                existingWorkspaceId: resourceId(
                    "Use this Log Analytics workspace instead of creating one.",
                    "logAnalyticsWorkspace",
                ),
                retentionDays: {
                    kind: "integer",
                    // Log Analytics retention: 30 to 730 days (Microsoft.OperationalInsights workspaces).
                    doc: "Retention of the workspace the stack creates (prod default: 90).",
                    default: 30,
                    min: 30,
                    max: 730,
                },
            },
        },
        encryption: {
            kind: "object",
            doc: "Customer-managed key for the accounts' data at rest.",
            fields: {
                customerManagedKey: {
                    kind: "boolean",
                    doc: "Encrypt with an RSA key in the stack's vault (prod default: true).",
                    default: false,
                },
                keySize: {
                    kind: "integer",
                    doc: "RSA key size: 2048, 3072 or 4096.",
                    default: 3072,
                    min: 2048,
                    max: 4096,
                },
                rotationDays: {
                    kind: "integer",
                    doc: "Rotate the key this many days after creation; it expires 30 days later.",
                    default: 365,
                    min: 30,
                    max: 1825,
                },
            },
        },
        contentFilters: {
            kind: "map",
            doc: "Custom content filters (RAI policies) created on every account, by name; deployments name them in contentFilter.",
            default: {},
            maxEntries: 10,
            key: {
                kind: "string",
                doc: "filter",
                pattern: azureName,
                patternHint: "letters, digits, _ . - starting with a letter or digit, not starting with Microsoft.",
                minLength: 2,
                maxLength: 64,
                check: (value) =>
                    value.startsWith("Microsoft.") ? "a name that does not start with Microsoft." : undefined,
            },
            value: {
                kind: "object",
                doc: "One content filter.",
                fields: {
                    prompt: {
                        kind: "object",
                        doc: "Filters on prompts.",
                        fields: {
                            hate: harmFilter("Hate and fairness."),
                            sexual: harmFilter("Sexual content."),
                            violence: harmFilter("Violence."),
                            selfHarm: harmFilter("Self-harm."),
                            jailbreak: shield("Prompt shield for jailbreak attempts."),
                            indirectAttack: shield("Prompt shield for indirect attacks in documents."),
                        },
                    },
                    completion: {
                        kind: "object",
                        doc: "Filters on completions.",
                        fields: {
                            hate: harmFilter("Hate and fairness."),
                            sexual: harmFilter("Sexual content."),
                            violence: harmFilter("Violence."),
                            selfHarm: harmFilter("Self-harm."),
                            protectedMaterialText: shield("Block known text (lyrics, articles, ...)."),
                            protectedMaterialCode: shield("Block code from public repositories."),
                        },
                    },
                    blocklists: {
                        kind: "map",
                        doc: "Blocklists by name, each a list of exact terms.",
                        default: {},
                        maxEntries: 10,
                        key: {
                            kind: "string",
                            doc: "blocklist",
                            pattern: azureName,
                            minLength: 2,
                            maxLength: 64,
                            patternHint: "letters, digits, _ . -",
                        },
                        value: {
                            kind: "list",
                            doc: "Terms.",
                            maxItems: 100,
                            unique: true,
                            item: { kind: "string", doc: "term", minLength: 1, maxLength: 1000 },
                        },
                    },
                },
            },
        },
    };
}

/** Defaults that depend on the environment; applied under the user's values before validation. */
export const ENVIRONMENT_DEFAULTS: Readonly<Record<Environment, Readonly<Record<string, unknown>>>> = {
    dev: {},
    staging: {
        network: { publicNetworkAccess: "Disabled", privateEndpoints: { enabled: true }, restrictOutbound: true },
    },
    prod: {
        protection: { protect: true, deleteLocks: true },
        network: { publicNetworkAccess: "Disabled", privateEndpoints: { enabled: true }, restrictOutbound: true },
        monitoring: { retentionDays: 90 },
        encryption: { customerManagedKey: true },
    },
};

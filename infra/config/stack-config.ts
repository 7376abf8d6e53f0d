/**
 * The stack's configuration (`Pulumi.<stack>.yaml`, keys of the `aoai-platform` namespace) as ONE
 * zod schema: the TypeScript types below are inferred from it, `validate-stack.ts` parses with it
 * (then runs the cross-key checks), and docs/configuration.md is generated from it
 * (`npm run docs:config`). Descriptions and pattern hints are zod metadata (see `schema-kit.ts`).
 */
import { z } from "zod";
import { BROAD_ROLES } from "../access/roles";
import { KNOWN_REGIONS, MAX_DEPLOYMENTS_PER_ACCOUNT } from "../../policies/catalog/models";
import { MODEL_FAMILY_NAMES } from "../../policies/catalog/schema";
import { DEPLOYMENT_TYPES } from "../../policies/catalog/types";
import { cidr, ipRuleProblem, RESOURCE_ID_HINTS, RESOURCE_ID_PATTERNS } from "./network-values";
import { checked, listOf, mapOf, oneOfString } from "./schema-kit";
import { GUID_PATTERN, principalTypeSchema } from "./entra";
import { gatewaySchema } from "./gateway-schema";

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

/** Tags the product sets on every resource from environment, owner and cost centre. */
export const STANDARD_TAGS: readonly string[] = ["environment", "owner", "cost-center", "managed-by"];

/** Microsoft's default content filter (guardrail) for Azure OpenAI deployments. */
export const DEFAULT_CONTENT_FILTER = "Microsoft.DefaultV2";

/** Roles config may grant: least privilege for calling models and reading secrets. */
export const GRANTABLE_ROLES = ["Cognitive Services OpenAI User", "Key Vault Secrets User"] as const;

const azureName = /^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/;

/** An Azure region name the model catalog knows (a key of `regions`, `quota`, or a location). */
const region = (description: string) =>
    checked(z.string().regex(/^[a-z0-9]+$/), (value) =>
        KNOWN_REGIONS.includes(value) ? undefined : `a region the model catalog knows: ${KNOWN_REGIONS.join(", ")}`,
    ).meta({ description, hint: "an Azure region name such as swedencentral" });

/** Azure resource tag limits: name ≤ 512 characters, value ≤ 256 (Azure Resource Manager docs, "tag-resources"). */
const tagValue = (description: string) => z.string().min(1).max(256).meta({ description });

const resourceId = (description: string, kind: keyof typeof RESOURCE_ID_PATTERNS) =>
    z
        .string()
        .regex(RESOURCE_ID_PATTERNS[kind])
        .meta({ description, hint: `a resource id like ${RESOURCE_ID_HINTS[kind]}` });

const flag = (description: string, byDefault: boolean) => z.boolean().default(byDefault).meta({ description });

const days = (description: string, min: number, max: number, byDefault: number) =>
    z.int().min(min).max(max).default(byDefault).meta({ description });

export const environmentSchema = z
    .enum(["dev", "staging", "prod"])
    .meta({ description: "Which environment this stack is; selects the hardening defaults." });
export type Environment = z.output<typeof environmentSchema>;

export const accountKindSchema = z.enum(["OpenAI", "AIServices"]).default("OpenAI").meta({
    description: "Account kind: `OpenAI`, or `AIServices` (a Foundry resource that also serves OpenAI models).",
});
export type AccountKind = z.output<typeof accountKindSchema>;

const versionUpgradeOptionSchema = z
    .enum(["OnceNewDefaultVersionAvailable", "OnceCurrentVersionExpired", "NoAutoUpgrade"])
    .default("OnceCurrentVersionExpired")
    .meta({ description: "When Azure may move the deployment to a newer model version." });
export type VersionUpgradeOption = z.output<typeof versionUpgradeOptionSchema>;

export const deploymentSchema = z
    .strictObject({
        model: z.string().min(1).meta({ description: "Model name from the catalog." }),
        version: z.string().min(1).meta({ description: "Model version (always explicit)." }),
        deploymentType: z
            .enum(DEPLOYMENT_TYPES)
            .meta({ description: "Deployment type (`sku.name`): where inference runs and how it is billed." }),
        capacity: z
            .int()
            .min(1)
            // Max PTUs per deployment: 100,000 (Azure OpenAI quotas and limits).
            .max(100000)
            .meta({
                description: "Capacity units (thousands of tokens per minute) or PTUs for provisioned types.",
            }),
        versionUpgradeOption: versionUpgradeOptionSchema,
        contentFilter: z.string().regex(azureName).default(DEFAULT_CONTENT_FILTER).meta({
            description: "Content filter (RAI policy) name: `Microsoft.DefaultV2` or a filter from `contentFilters`.",
            hint: "letters, digits, _ . - starting with a letter or digit",
        }),
        family: z.enum(MODEL_FAMILY_NAMES).optional().meta({
            description: "Family to list the deployment under in outputs and secrets (default: the model's family).",
        }),
        allowDeprecated: flag(
            "Accept a Deprecated model version (only subscriptions that deployed it before may).",
            false,
        ),
    })
    .meta({ description: "One model deployment." });
export type DeploymentConfig = z.output<typeof deploymentSchema>;

export const regionSchema = z
    .strictObject({
        deployments: mapOf(
            z
                .string()
                // Pattern and length of `deploymentName` in the ARM spec
                // (Microsoft.CognitiveServices 2025-06-01, accountNameParameter).
                .min(2)
                .max(64)
                .regex(azureName)
                .meta({ description: "deployment", hint: "letters, digits, _ . - starting with a letter or digit" }),
            deploymentSchema,
            // Max standard deployments per resource (the catalog's limits, from Azure OpenAI quotas and limits).
            { min: 1, max: MAX_DEPLOYMENTS_PER_ACCOUNT },
        ).meta({ description: "Model deployments, keyed by a stable name that is also the Azure deployment name." }),
    })
    .meta({ description: "The account in this region." });
export type RegionConfig = z.output<typeof regionSchema>;

const thresholdSchema = z.enum(["Low", "Medium", "High"]).default("Medium").meta({
    description:
        "Lowest severity that is filtered: Low filters the most, High the least (Microsoft's default: Medium).",
});
export type ContentFilterThreshold = z.output<typeof thresholdSchema>;

/** One harm category of a content filter, for one direction (prompt or completion). */
const harmFilter = (description: string) =>
    z
        .strictObject({
            threshold: thresholdSchema,
            blocking: flag("Block filtered content (false only annotates it).", true),
        })
        .prefault({})
        .meta({ description });
export type HarmFilterConfig = z.output<ReturnType<typeof harmFilter>>;

export const contentFilterSchema = z
    .strictObject({
        prompt: z
            .strictObject({
                hate: harmFilter("Hate and fairness."),
                sexual: harmFilter("Sexual content."),
                violence: harmFilter("Violence."),
                selfHarm: harmFilter("Self-harm."),
                jailbreak: flag("Prompt shield for jailbreak attempts.", true),
                indirectAttack: flag("Prompt shield for indirect attacks in documents.", true),
            })
            .prefault({})
            .meta({ description: "Filters on prompts." }),
        completion: z
            .strictObject({
                hate: harmFilter("Hate and fairness."),
                sexual: harmFilter("Sexual content."),
                violence: harmFilter("Violence."),
                selfHarm: harmFilter("Self-harm."),
                protectedMaterialText: flag("Block known text (lyrics, articles, ...).", true),
                protectedMaterialCode: flag("Block code from public repositories.", true),
            })
            .prefault({})
            .meta({ description: "Filters on completions." }),
        blocklists: mapOf(
            z
                .string()
                .min(2)
                .max(64)
                .regex(azureName)
                .meta({ description: "blocklist", hint: "letters, digits, _ . -" }),
            listOf(z.string().min(1).max(1000).meta({ description: "term" }), { max: 100, unique: true }).meta({
                description: "Terms.",
            }),
            { max: 10 },
        )
            .default({})
            .meta({ description: "Blocklists by name, each a list of exact terms." }),
    })
    .meta({ description: "One content filter." });
export type ContentFilterConfig = z.output<typeof contentFilterSchema>;

const roleSchema = checked(z.string(), (value) =>
    (GRANTABLE_ROLES as readonly string[]).includes(value)
        ? undefined
        : `${value in BROAD_ROLES ? `not ${value}: broad roles are never granted by this product; ` : ""}one of ${GRANTABLE_ROLES.map((role) => JSON.stringify(role)).join(", ")}`,
).pipe(z.enum(GRANTABLE_ROLES).meta({ description: "role" }));
export type RoleName = z.output<typeof roleSchema>;

export type { PrincipalType } from "./entra";

export const principalSchema = z
    .strictObject({
        objectId: z
            .string()
            .regex(GUID_PATTERN)
            .meta({ description: "Object id of the user, group or service principal.", hint: "a GUID" }),
        principalType: principalTypeSchema,
        roles: listOf(roleSchema, { max: 2, unique: true }).meta({
            description:
                "Cognitive Services OpenAI User (on every account) and/or Key Vault Secrets User (on the vault).",
        }),
        description: z.string().max(200).optional().meta({ description: "Who this is, for reviewers." }),
    })
    .meta({ description: "One principal." });
export type PrincipalConfig = z.output<typeof principalSchema>;

const tagName = checked(
    z
        .string()
        .min(1)
        .max(512)
        .regex(/^[^<>%&\\?/]+$/),
    // Azure tag names are case-insensitive: these would overwrite the standard tags.
    (value) =>
        STANDARD_TAGS.includes(value.toLowerCase())
            ? `a name other than the standard tags ${STANDARD_TAGS.join(", ")} (set by the product)`
            : undefined,
).meta({ description: "tag", hint: "without < > % & \\ ? /" });

const filterName = checked(z.string().min(2).max(64).regex(azureName), (value) =>
    value.startsWith("Microsoft.") ? "a name that does not start with Microsoft." : undefined,
).meta({
    description: "filter",
    hint: "letters, digits, _ . - starting with a letter or digit, not starting with Microsoft.",
});

const networkSchema = z
    .strictObject({
        publicNetworkAccess: z.enum(["Enabled", "Disabled"]).default("Enabled").meta({
            description: "Public endpoint of the accounts and the vault (staging/prod default: Disabled).",
        }),
        defaultAction: z
            .enum(["Deny", "Allow"])
            .default("Deny")
            .meta({ description: "Firewall answer for traffic no rule allows." }),
        bypass: z
            .enum(["AzureServices", "None"])
            .default("AzureServices")
            .meta({ description: "Let trusted Azure services through the firewall." }),
        ipRules: listOf(checked(z.string(), ipRuleProblem).meta({ description: "IP rule" }), {
            max: 400,
            unique: true,
        })
            .default([])
            .meta({ description: "Public IPv4 addresses or CIDR ranges allowed through the firewall." }),
        virtualNetworkRules: listOf(resourceId("subnet id", "subnet"), { max: 200, unique: true }).default([]).meta({
            description:
                "Subnets allowed through the firewall; each needs the Microsoft.CognitiveServices and Microsoft.KeyVault service endpoints.",
        }),
        privateEndpoints: z
            .strictObject({
                enabled: flag("Create the private endpoints (staging/prod default: true).", false),
                existingSubnetId: resourceId("Put the endpoints in this existing subnet.", "subnet").optional(),
                location: region(
                    "Region of the endpoints: their virtual network's (default: location). Set it when existingSubnetId is in another region.",
                ).optional(),
                virtualNetwork: z
                    .strictObject({
                        addressSpaces: listOf(cidr("address space"), { max: 10, unique: true }).meta({
                            description: "Address spaces of the virtual network (non-overlapping).",
                        }),
                        subnetPrefix: cidr("Address range of the endpoints' subnet, inside an address space."),
                    })
                    .optional()
                    .meta({
                        description: "Or let the product create a virtual network with one subnet for the endpoints.",
                    }),
                existingDnsZoneIds: mapOf(
                    oneOfString(PRIVATE_DNS_ZONE_NAMES, "zone"),
                    resourceId("Zone id.", "privateDnsZone"),
                )
                    .default({})
                    .meta({
                        description:
                            "Existing private DNS zones to use, by zone name (e.g. privatelink.openai.azure.com); zones not listed are created and linked.",
                    }),
            })
            .prefault({})
            .meta({ description: "Private endpoints (with private DNS) for every account and the vault." }),
        restrictOutbound: flag(
            "Restrict the accounts' outbound calls to allowedFqdns (staging/prod default: true).",
            false,
        ),
        allowedFqdns: listOf(
            z
                .string()
                .max(253)
                .regex(/^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)+$/)
                .meta({ description: "host name", hint: "a lowercase fully qualified host name" }),
            { max: 100, unique: true },
        )
            .default([])
            .meta({
                description:
                    "Hosts the accounts may call when outbound access is restricted; the stack's vault is always added.",
            }),
    })
    .prefault({})
    .meta({ description: "Who may reach the accounts and the vault over the network." });

/**
 * The root schema: one field per config key of the project namespace (`aoai-platform:<key>`).
 * Environment-dependent defaults are merged under the stack's values before parsing, from
 * `ENVIRONMENT_DEFAULTS`. A section with a schema of its own joins with one line here (e.g.
 * `gateway: gatewaySchema.optional()`): its messages, null refusals and reference rows come from
 * schema-kit; test/fixtures/config/full-stack.yaml then needs the section for the null-value test.
 */
export const stackConfigSchema = z.strictObject({
    environment: environmentSchema,
    location: region("Region for the stack-wide resources (resource group, Key Vault)."),
    namePrefix: checked(z.string().regex(/^[a-z][a-z0-9-]{1,10}[a-z0-9]$/), (value) =>
        value.includes("--") ? "no two hyphens in a row (Key Vault names refuse them)" : undefined,
    ).meta({
        description: "Prefix of the globally unique names (account subdomains, vault); a random suffix is appended.",
        hint: "3 to 12 lowercase letters, digits or hyphens, starting with a letter and not ending with a hyphen",
    }),
    resourceGroup: z
        .strictObject({
            existingName: z
                .string()
                // Resource group names: 1-90 characters, alphanumerics, underscores, parentheses,
                // hyphens, periods; not ending in a period (Azure naming rules, Microsoft.Resources).
                .regex(/^[-\w.()]{0,89}[-\w()]$/)
                .optional()
                .meta({
                    description: "Use this existing resource group instead of creating one.",
                    hint: "1 to 90 letters, digits, underscores, parentheses, hyphens or periods, not ending in a period",
                }),
        })
        .prefault({})
        .meta({ description: "The resource group that holds everything." }),
    tags: z
        .strictObject({
            owner: tagValue("Team or person accountable for the stack."),
            costCenter: tagValue("Cost centre billed for the stack."),
            additional: mapOf(tagName, tagValue("Tag value."), { max: 40 })
                .default({})
                .meta({ description: "More tags, name → value." }),
        })
        .meta({ description: "Tags on every resource that takes tags; `environment` and `managed-by` are added." }),
    accounts: z
        .strictObject({
            kind: accountKindSchema,
            disableLocalAuth: flag("Refuse API keys; applications authenticate with Entra ID.", true),
            restore: flag("Recover a soft-deleted account of the same name instead of creating a new one.", false),
        })
        .prefault({})
        .meta({ description: "Settings shared by every Azure OpenAI account of the stack." }),
    regions: mapOf(region("region"), regionSchema, { min: 1, max: 30 }).meta({
        description: "One Azure OpenAI account per region, keyed by the Azure region name.",
    }),
    keyVault: z
        .strictObject({
            secretExpiryDays: days("Days until each secret expires (the secret's `exp` attribute).", 1, 730, 365),
            // Key Vault accepts 7 to 90 days (ARM spec Microsoft.KeyVault 2024-11-01, softDeleteRetentionInDays).
            softDeleteRetentionDays: days("Days a deleted vault stays recoverable.", 7, 90, 90),
            storeAccountKeys: flag(
                "Store each account's API key as a secret; needs `accounts.disableLocalAuth: false`.",
                false,
            ),
        })
        .prefault({})
        .meta({ description: "The Key Vault that holds what applications need to connect." }),
    lifecycle: z
        .strictObject({
            retirementWarningDays: days(
                "Warn when a deployed model version retires within this many days.",
                0,
                730,
                90,
            ),
            catalogMaxAgeDays: days("Warn when the catalog's facts are older than this many days.", 1, 3650, 60),
        })
        .prefault({})
        .meta({ description: "How the model catalog's lifecycle facts are applied." }),
    quota: mapOf(
        region("region"),
        mapOf(
            oneOfString(DEPLOYMENT_TYPES, "deploymentType"),
            mapOf(
                z.string().min(1).max(64).meta({ description: "model" }),
                z.int().min(0).max(10000000).meta({ description: "Capacity units granted." }),
            ).meta({ description: "Quota of one deployment type." }),
        ).meta({ description: "Quota in one region." }),
    )
        .default({})
        .meta({
            description:
                "Quota granted to the subscription: region → deployment type → model → capacity units. Optional.",
        }),
    protection: z
        .strictObject({
            protect: flag("Set Pulumi's `protect` on accounts and the vault (prod default: true).", false),
            deleteLocks: flag(
                "Put a CanNotDelete management lock on accounts and the vault (prod default: true).",
                false,
            ),
        })
        .prefault({})
        .meta({ description: "Guards against deleting stateful resources (accounts, vault)." }),
    network: networkSchema,
    access: z
        .strictObject({
            principals: listOf(principalSchema, { max: 50 })
                .default([])
                .meta({ description: "Entra principals and the least-privilege roles they get." }),
        })
        .prefault({})
        .meta({
            description: "Who may call the models and read the secrets, besides the stack's application identity.",
        }),
    monitoring: z
        .strictObject({
            enabled: flag("Send logs and metrics to Log Analytics.", true),
            existingWorkspaceId: resourceId(
                "Use this Log Analytics workspace instead of creating one.",
                "logAnalyticsWorkspace",
            ).optional(),
            // Log Analytics retention: 30 to 730 days (Microsoft.OperationalInsights workspaces).
            retentionDays: days("Retention of the workspace the stack creates (prod default: 90).", 30, 730, 30),
        })
        .prefault({})
        .meta({ description: "Resource logs of the accounts and the vault." }),
    encryption: z
        .strictObject({
            customerManagedKey: flag("Encrypt with an RSA key in the stack's vault (prod default: true).", false),
            keySize: checked(z.int().min(2048).max(4096), (value) =>
                [2048, 3072, 4096].includes(value) ? undefined : "2048, 3072 or 4096",
            )
                .default(3072)
                .meta({ description: "RSA key size.", allowed: "2048, 3072 or 4096" }),
            rotationDays: days(
                "Rotate the key this many days after creation; it expires 30 days later.",
                30,
                1825,
                365,
            ),
        })
        .prefault({})
        .meta({ description: "Customer-managed key for the accounts' data at rest." }),
    contentFilters: mapOf(filterName, contentFilterSchema, { max: 10 }).default({}).meta({
        description:
            "Custom content filters (RAI policies) created on every account, by name; deployments name them in contentFilter.",
    }),
    gateway: gatewaySchema.optional(),
});

export type StackConfig = z.output<typeof stackConfigSchema>;

export function accountDnsZones(kind: AccountKind): readonly string[] {
    return kind === "OpenAI" ? [OPENAI_DNS_ZONE] : [OPENAI_DNS_ZONE, COGNITIVE_SERVICES_DNS_ZONE, AI_SERVICES_DNS_ZONE];
}

/** Defaults that depend on the environment; merged under the stack's values before parsing. */
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

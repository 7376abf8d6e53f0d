/**
 * A compliant stack in memory, shaped like the plan of a hardened prod stack (the same input names,
 * ARM-shaped ids, dependencies), and helpers that break exactly one property of a copy of it.
 * Rule tests evaluate policies on these entries through plan/policy.ts, the builder the offline
 * plan uses.
 */
import type { PlanResourceEntry } from "../../plan/plan";
import { UNKNOWN_VALUE } from "../../plan/policy";

export const SUBSCRIPTION = "/subscriptions/00000000-0000-0000-0000-000000000000";
export const RESOURCE_GROUP = "rg-test";
const RG_ID = `${SUBSCRIPTION}/resourceGroups/${RESOURCE_GROUP}`;

export const ACCOUNT_NAME = "aoai-tst-swedencentral-abc123";
export const ACCOUNT_ID = `${RG_ID}/providers/Microsoft.CognitiveServices/accounts/${ACCOUNT_NAME}`;
export const VAULT_NAME = "aoai-tst-kv-abc123";
export const VAULT_ID = `${RG_ID}/providers/Microsoft.KeyVault/vaults/${VAULT_NAME}`;
const WORKSPACE_ID = `${RG_ID}/providers/Microsoft.OperationalInsights/workspaces/logs-1a2b3c4`;
const SUBNET_ID = `${RG_ID}/providers/Microsoft.Network/virtualNetworks/net-1a2b3c4/subnets/private-endpoints`;
const IDENTITY_ID = `${RG_ID}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/cmk-identity-1a2b3c4`;
export const zoneId = (zone: string): string => `${RG_ID}/providers/Microsoft.Network/privateDnsZones/${zone}`;
export const roleId = (guid: string): string =>
    `${SUBSCRIPTION}/providers/Microsoft.Authorization/roleDefinitions/${guid}`;

/** Cognitive Services OpenAI User and Key Vault Secrets User (Azure built-in roles). */
export const OPENAI_USER = "5e0bd9bd-7b93-4f28-af87-19fc36ad61bd";
export const SECRETS_USER = "4633458b-17de-408a-b874-0445c86b69e6";

export const TAGS = {
    environment: "prod",
    owner: "platform-team",
    "cost-center": "cc-1000",
    "managed-by": "pulumi",
};

export const urnOf = (type: string, name: string): string => `urn:pulumi:test::aoai-platform::${type}::${name}`;

interface EntryArgs {
    readonly type: string;
    readonly name: string;
    readonly inputs: Record<string, unknown>;
    readonly dependsOn?: readonly string[];
    readonly protect?: boolean;
}

function entry(args: EntryArgs): PlanResourceEntry {
    return {
        urn: urnOf(args.type, args.name),
        type: args.type,
        name: args.name,
        parent: null,
        dependsOn: (args.dependsOn ?? []).map((name) => urnByName.get(name) ?? name),
        protect: args.protect ?? false,
        inputs: args.inputs,
    };
}

const urnByName = new Map<string, string>();

const filters = (source: string): Record<string, unknown>[] =>
    ["Hate", "Sexual", "Violence", "Selfharm"].map((name) => ({
        name,
        source,
        severityThreshold: "Medium",
        blocking: true,
        enabled: true,
    }));

/** name → [type, inputs, dependsOn, protect] of the compliant stack. */
const DEFINITIONS: readonly EntryArgs[] = [
    {
        type: "azure-native:resources:ResourceGroup",
        name: "rg",
        inputs: { location: "swedencentral", tags: TAGS },
    },
    {
        type: "azure-native:cognitiveservices:Account",
        name: "acct",
        protect: true,
        dependsOn: ["rg", "cmk", "cmk-identity"],
        inputs: {
            accountName: ACCOUNT_NAME,
            resourceGroupName: RESOURCE_GROUP,
            location: "swedencentral",
            kind: "OpenAI",
            sku: { name: "S0" },
            identity: { type: "SystemAssigned, UserAssigned", userAssignedIdentities: [IDENTITY_ID] },
            properties: {
                customSubDomainName: ACCOUNT_NAME,
                disableLocalAuth: true,
                publicNetworkAccess: "Disabled",
                networkAcls: { defaultAction: "Deny", bypass: "AzureServices", ipRules: [], virtualNetworkRules: [] },
                restrictOutboundNetworkAccess: true,
                allowedFqdnList: [`${VAULT_NAME}.vault.azure.net`],
                encryption: {
                    keySource: "Microsoft.KeyVault",
                    keyVaultProperties: {
                        keyName: "openai-cmk",
                        keyVaultUri: `https://${VAULT_NAME}.vault.azure.net/`,
                        keyVersion: "0123456789abcdef0123456789abcdef",
                        identityClientId: "33333333-3333-3333-3333-333333333333",
                    },
                },
            },
            tags: TAGS,
        },
    },
    {
        type: "azure-native:cognitiveservices:RaiPolicy",
        name: "acct-strict",
        dependsOn: ["acct"],
        inputs: {
            accountName: ACCOUNT_NAME,
            resourceGroupName: RESOURCE_GROUP,
            raiPolicyName: "strict",
            properties: {
                basePolicyName: "Microsoft.DefaultV2",
                mode: "Blocking",
                contentFilters: [
                    ...filters("Prompt"),
                    { name: "Jailbreak", source: "Prompt", blocking: true, enabled: true },
                    { name: "Indirect Attack", source: "Prompt", blocking: true, enabled: true },
                    ...filters("Completion"),
                    { name: "Protected Material Text", source: "Completion", blocking: true, enabled: true },
                ],
                customBlocklists: [],
            },
        },
    },
    {
        type: "azure-native:cognitiveservices:Deployment",
        name: "acct-chat",
        dependsOn: ["acct", "acct-strict"],
        inputs: {
            accountName: ACCOUNT_NAME,
            resourceGroupName: RESOURCE_GROUP,
            deploymentName: "chat",
            sku: { name: "GlobalStandard", capacity: 100 },
            properties: {
                model: { format: "OpenAI", name: "gpt-5.4-nano", version: "2026-03-17" },
                versionUpgradeOption: "NoAutoUpgrade",
                raiPolicyName: "strict",
            },
        },
    },
    {
        type: "azure-native:cognitiveservices:Deployment",
        name: "acct-reasoning",
        dependsOn: ["acct", "acct-chat"],
        inputs: {
            accountName: ACCOUNT_NAME,
            resourceGroupName: RESOURCE_GROUP,
            deploymentName: "reasoning",
            sku: { name: "DataZoneStandard", capacity: 100 },
            properties: {
                model: { format: "OpenAI", name: "gpt-5.4-mini", version: "2026-03-17" },
                versionUpgradeOption: "NoAutoUpgrade",
                raiPolicyName: "Microsoft.DefaultV2",
            },
        },
    },
    {
        type: "azure-native:keyvault:Vault",
        name: "vault",
        protect: true,
        dependsOn: ["rg"],
        inputs: {
            vaultName: VAULT_NAME,
            resourceGroupName: RESOURCE_GROUP,
            location: "swedencentral",
            properties: {
                tenantId: "11111111-1111-1111-1111-111111111111",
                sku: { family: "A", name: "premium" },
                enableRbacAuthorization: true,
                enableSoftDelete: true,
                softDeleteRetentionInDays: 90,
                enablePurgeProtection: true,
                publicNetworkAccess: "Disabled",
                networkAcls: { defaultAction: "Deny", bypass: "AzureServices", ipRules: [], virtualNetworkRules: [] },
            },
            tags: TAGS,
        },
    },
    {
        type: "azure-native:keyvault:Secret",
        name: "vault-endpoint",
        dependsOn: ["vault", "acct"],
        inputs: {
            vaultName: VAULT_NAME,
            resourceGroupName: RESOURCE_GROUP,
            secretName: "openai-swedencentral-endpoint",
            properties: {
                value: "[secret]",
                contentType: "text/plain; charset=utf-8",
                attributes: { enabled: true, expires: 1827619200 },
            },
            tags: TAGS,
        },
    },
    {
        type: "azure-native:keyvault:Key",
        name: "cmk",
        dependsOn: ["vault"],
        inputs: {
            vaultName: VAULT_NAME,
            resourceGroupName: RESOURCE_GROUP,
            keyName: "openai-cmk",
            properties: {
                kty: "RSA-HSM",
                keySize: 3072,
                keyOps: ["wrapKey", "unwrapKey"],
                rotationPolicy: {
                    attributes: { expiryTime: "P395D" },
                    lifetimeActions: [
                        { action: { type: "rotate" }, trigger: { timeAfterCreate: "P365D" } },
                        { action: { type: "notify" }, trigger: { timeBeforeExpiry: "P30D" } },
                    ],
                },
            },
            tags: TAGS,
        },
    },
    {
        type: "azure-native:managedidentity:UserAssignedIdentity",
        name: "cmk-identity",
        dependsOn: ["rg"],
        inputs: { resourceGroupName: RESOURCE_GROUP, location: "swedencentral", tags: TAGS },
    },
    {
        type: "azure-native:privatedns:PrivateZone",
        name: "zone-openai",
        inputs: {
            resourceGroupName: RESOURCE_GROUP,
            privateZoneName: "privatelink.openai.azure.com",
            location: "Global",
            tags: TAGS,
        },
    },
    {
        type: "azure-native:privatedns:PrivateZone",
        name: "zone-vault",
        inputs: {
            resourceGroupName: RESOURCE_GROUP,
            privateZoneName: "privatelink.vaultcore.azure.net",
            location: "Global",
            tags: TAGS,
        },
    },
    {
        type: "azure-native:network:PrivateEndpoint",
        name: "acct-pe",
        dependsOn: ["acct", "acct-reasoning"],
        inputs: {
            resourceGroupName: RESOURCE_GROUP,
            location: "swedencentral",
            subnet: { id: SUBNET_ID },
            privateLinkServiceConnections: [
                { name: "acct-pe-account", privateLinkServiceId: ACCOUNT_ID, groupIds: ["account"] },
            ],
            tags: TAGS,
        },
    },
    {
        type: "azure-native:network:PrivateDnsZoneGroup",
        name: "acct-pe-dns",
        dependsOn: ["acct-pe", "zone-openai"],
        inputs: {
            resourceGroupName: RESOURCE_GROUP,
            privateEndpointName: "acct-pe-5d1e2f3",
            privateDnsZoneGroupName: "default",
            privateDnsZoneConfigs: [
                { name: "privatelink-openai-azure-com", privateDnsZoneId: zoneId("privatelink.openai.azure.com") },
            ],
        },
    },
    {
        type: "azure-native:network:PrivateEndpoint",
        name: "vault-pe",
        dependsOn: ["vault"],
        inputs: {
            resourceGroupName: RESOURCE_GROUP,
            location: "swedencentral",
            subnet: { id: SUBNET_ID },
            privateLinkServiceConnections: [
                { name: "vault-pe-vault", privateLinkServiceId: VAULT_ID, groupIds: ["vault"] },
            ],
            tags: TAGS,
        },
    },
    {
        type: "azure-native:network:PrivateDnsZoneGroup",
        name: "vault-pe-dns",
        dependsOn: ["vault-pe", "zone-vault"],
        inputs: {
            resourceGroupName: RESOURCE_GROUP,
            privateEndpointName: "vault-pe-6e7f8a9",
            privateDnsZoneGroupName: "default",
            privateDnsZoneConfigs: [
                {
                    name: "privatelink-vaultcore-azure-net",
                    privateDnsZoneId: zoneId("privatelink.vaultcore.azure.net"),
                },
            ],
        },
    },
    {
        type: "azure-native:monitor:DiagnosticSetting",
        name: "acct-diagnostics",
        dependsOn: ["acct"],
        inputs: {
            name: "to-log-analytics",
            resourceUri: ACCOUNT_ID,
            workspaceId: WORKSPACE_ID,
            logs: [
                { categoryGroup: "audit", enabled: true },
                { category: "RequestResponse", enabled: true },
            ],
            metrics: [{ category: "AllMetrics", enabled: true }],
        },
    },
    {
        type: "azure-native:monitor:DiagnosticSetting",
        name: "vault-diagnostics",
        dependsOn: ["vault"],
        inputs: {
            name: "to-log-analytics",
            resourceUri: VAULT_ID,
            workspaceId: WORKSPACE_ID,
            logs: [{ category: "AuditEvent", enabled: true }],
            metrics: [{ category: "AllMetrics", enabled: true }],
        },
    },
    {
        type: "azure-native:authorization:RoleAssignment",
        name: "acct-openai-user",
        dependsOn: ["acct"],
        inputs: {
            scope: ACCOUNT_ID,
            roleDefinitionId: roleId(OPENAI_USER),
            principalId: "44444444-4444-4444-4444-444444444444",
            principalType: "ServicePrincipal",
            roleAssignmentName: "55555555-5555-5555-5555-555555555555",
        },
    },
    {
        type: "azure-native:authorization:RoleAssignment",
        name: "vault-secrets-user",
        dependsOn: ["vault"],
        inputs: {
            scope: VAULT_ID,
            roleDefinitionId: roleId(SECRETS_USER),
            principalId: "44444444-4444-4444-4444-444444444444",
            principalType: "ServicePrincipal",
            roleAssignmentName: "66666666-6666-6666-6666-666666666666",
        },
    },
    {
        type: "azure-native:authorization:ManagementLockByScope",
        name: "acct-lock",
        dependsOn: ["acct"],
        inputs: { scope: ACCOUNT_ID, lockName: "do-not-delete", level: "CanNotDelete" },
    },
    {
        type: "azure-native:authorization:ManagementLockByScope",
        name: "vault-lock",
        dependsOn: ["vault"],
        inputs: { scope: VAULT_ID, lockName: "do-not-delete", level: "CanNotDelete" },
    },
];

for (const definition of DEFINITIONS) {
    urnByName.set(definition.name, urnOf(definition.type, definition.name));
}

/** A fresh copy of the compliant stack. */
export function compliantStack(): PlanResourceEntry[] {
    return DEFINITIONS.map((definition) => structuredClone(entry(definition)));
}

export function byName(resources: readonly PlanResourceEntry[], name: string): PlanResourceEntry {
    const found = resources.find((resource) => resource.name === name);
    if (!found) {
        throw new Error(`no fixture resource ${name}`);
    }
    return found;
}

/** A copy of `resources` with one input of one resource set (`undefined` removes it). */
export function withInput(
    resources: readonly PlanResourceEntry[],
    name: string,
    dotted: string,
    value: unknown,
): PlanResourceEntry[] {
    const copy = structuredClone([...resources]);
    const target = byName(copy, name);
    const parts = dotted.split(".");
    let current: Record<string, unknown> = target.inputs;
    for (const part of parts.slice(0, -1)) {
        const next = current[part];
        if (typeof next !== "object" || next === null) {
            throw new Error(`${name}: no object at ${part} of ${dotted}`);
        }
        current = next as Record<string, unknown>;
    }
    const last = parts[parts.length - 1] as string;
    if (value === undefined) {
        delete current[last];
    } else {
        current[last] = value;
    }
    return copy;
}

/** A copy with one resource's entry fields changed (dependsOn by resource names). */
export function withEntry(
    resources: readonly PlanResourceEntry[],
    name: string,
    change: { readonly dependsOn?: readonly string[]; readonly protect?: boolean },
): PlanResourceEntry[] {
    return resources.map((resource) =>
        resource.name !== name
            ? resource
            : {
                  ...resource,
                  ...(change.protect !== undefined ? { protect: change.protect } : {}),
                  ...(change.dependsOn !== undefined
                      ? { dependsOn: change.dependsOn.map((dependency) => byName(resources, dependency).urn) }
                      : {}),
              },
    );
}

export function without(resources: readonly PlanResourceEntry[], ...names: readonly string[]): PlanResourceEntry[] {
    return resources.filter((resource) => !names.includes(resource.name));
}

/** The value a preview does not know yet (what `unknownCheckingProxy` throws on). */
export const UNKNOWN = UNKNOWN_VALUE;

function unknownLeaves(value: unknown): unknown {
    if (Array.isArray(value)) {
        return value.map(unknownLeaves);
    }
    if (typeof value === "object" && value !== null) {
        return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, unknownLeaves(item)]));
    }
    return UNKNOWN;
}

/** A copy where every input value of the named resources (default: all) is unknown. */
export function allUnknown(resources: readonly PlanResourceEntry[], ...names: readonly string[]): PlanResourceEntry[] {
    return resources.map((resource) =>
        names.length === 0 || names.includes(resource.name)
            ? { ...resource, inputs: unknownLeaves(resource.inputs) as Record<string, unknown> }
            : resource,
    );
}

/**
 * Pulumi mocks that answer like Azure would, deterministically: ARM-shaped ids, the computed
 * outputs the program reads (endpoints, vault URI, identity ids, random strings), and fixed answers
 * for the few invokes the program is allowed to make. Any other invoke fails: a new invoke must be
 * added here on purpose.
 */
import type * as pulumi from "@pulumi/pulumi";
import { createHash } from "node:crypto";

export const MOCK_SUBSCRIPTION_ID = "00000000-0000-0000-0000-000000000000";
export const MOCK_TENANT_ID = "11111111-1111-1111-1111-111111111111";
export const MOCK_CLIENT_OBJECT_ID = "22222222-2222-2222-2222-222222222222";

/** A deterministic hex digest of `seed`. */
export function digest(seed: string, length = 64): string {
    return createHash("sha256").update(seed).digest("hex").slice(0, length);
}

/** A deterministic GUID derived from `seed`. */
export function mockGuid(seed: string): string {
    const hex = digest(seed, 32);
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

type Inputs = Record<string, unknown>;

function str(value: unknown): string | undefined {
    return typeof value === "string" && value.length > 0 ? value : undefined;
}

function rgId(inputs: Inputs): string {
    return `/subscriptions/${MOCK_SUBSCRIPTION_ID}/resourceGroups/${str(inputs["resourceGroupName"]) ?? "unknown-rg"}`;
}

/** How to build the ARM id of each resource type the product creates, and which input names it. */
interface ArmShape {
    /** Input that carries the resource's own name; absent means Pulumi auto-names it. */
    readonly nameInput?: string;
    readonly id: (inputs: Inputs, name: string) => string;
}

const provider =
    (namespace: string, path: (inputs: Inputs, name: string) => string) => (inputs: Inputs, name: string) =>
        `${rgId(inputs)}/providers/${namespace}/${path(inputs, name)}`;

const ARM_SHAPES: Readonly<Record<string, ArmShape>> = {
    "azure-native:resources:ResourceGroup": {
        nameInput: "resourceGroupName",
        id: (_inputs, name) => `/subscriptions/${MOCK_SUBSCRIPTION_ID}/resourceGroups/${name}`,
    },
    "azure-native:cognitiveservices:Account": {
        nameInput: "accountName",
        id: provider("Microsoft.CognitiveServices", (_i, name) => `accounts/${name}`),
    },
    "azure-native:cognitiveservices:Deployment": {
        nameInput: "deploymentName",
        id: provider(
            "Microsoft.CognitiveServices",
            (i, name) => `accounts/${str(i["accountName"])}/deployments/${name}`,
        ),
    },
    "azure-native:cognitiveservices:RaiPolicy": {
        nameInput: "raiPolicyName",
        id: provider(
            "Microsoft.CognitiveServices",
            (i, name) => `accounts/${str(i["accountName"])}/raiPolicies/${name}`,
        ),
    },
    "azure-native:cognitiveservices:RaiBlocklist": {
        nameInput: "raiBlocklistName",
        id: provider(
            "Microsoft.CognitiveServices",
            (i, name) => `accounts/${str(i["accountName"])}/raiBlocklists/${name}`,
        ),
    },
    "azure-native:cognitiveservices:RaiBlocklistItem": {
        nameInput: "raiBlocklistItemName",
        id: provider(
            "Microsoft.CognitiveServices",
            (i, name) =>
                `accounts/${str(i["accountName"])}/raiBlocklists/${str(i["raiBlocklistName"])}/raiBlocklistItems/${name}`,
        ),
    },
    "azure-native:keyvault:Vault": {
        nameInput: "vaultName",
        id: provider("Microsoft.KeyVault", (_i, name) => `vaults/${name}`),
    },
    "azure-native:keyvault:Secret": {
        nameInput: "secretName",
        id: provider("Microsoft.KeyVault", (i, name) => `vaults/${str(i["vaultName"])}/secrets/${name}`),
    },
    "azure-native:keyvault:Key": {
        nameInput: "keyName",
        id: provider("Microsoft.KeyVault", (i, name) => `vaults/${str(i["vaultName"])}/keys/${name}`),
    },
    "azure-native:authorization:ManagementLockByScope": {
        nameInput: "lockName",
        id: (i, name) => `${str(i["scope"])}/providers/Microsoft.Authorization/locks/${name}`,
    },
    "azure-native:authorization:RoleAssignment": {
        nameInput: "roleAssignmentName",
        id: (i, name) => `${str(i["scope"])}/providers/Microsoft.Authorization/roleAssignments/${name}`,
    },
    "azure-native:managedidentity:UserAssignedIdentity": {
        nameInput: "resourceName",
        id: provider("Microsoft.ManagedIdentity", (_i, name) => `userAssignedIdentities/${name}`),
    },
    "azure-native:network:VirtualNetwork": {
        nameInput: "virtualNetworkName",
        id: provider("Microsoft.Network", (_i, name) => `virtualNetworks/${name}`),
    },
    "azure-native:network:Subnet": {
        nameInput: "subnetName",
        id: provider(
            "Microsoft.Network",
            (i, name) => `virtualNetworks/${str(i["virtualNetworkName"])}/subnets/${name}`,
        ),
    },
    "azure-native:network:PrivateEndpoint": {
        nameInput: "privateEndpointName",
        id: provider("Microsoft.Network", (_i, name) => `privateEndpoints/${name}`),
    },
    "azure-native:network:PrivateDnsZoneGroup": {
        nameInput: "privateDnsZoneGroupName",
        id: provider(
            "Microsoft.Network",
            (i, name) => `privateEndpoints/${str(i["privateEndpointName"])}/privateDnsZoneGroups/${name}`,
        ),
    },
    "azure-native:privatedns:PrivateZone": {
        nameInput: "privateZoneName",
        id: provider("Microsoft.Network", (_i, name) => `privateDnsZones/${name}`),
    },
    "azure-native:privatedns:VirtualNetworkLink": {
        nameInput: "virtualNetworkLinkName",
        id: provider(
            "Microsoft.Network",
            (i, name) => `privateDnsZones/${str(i["privateZoneName"])}/virtualNetworkLinks/${name}`,
        ),
    },
    "azure-native:operationalinsights:Workspace": {
        nameInput: "workspaceName",
        id: provider("Microsoft.OperationalInsights", (_i, name) => `workspaces/${name}`),
    },
    "azure-native:monitor:DiagnosticSetting": {
        nameInput: "name",
        id: (i, name) => `${str(i["resourceUri"])}/providers/Microsoft.Insights/diagnosticSettings/${name}`,
    },
    ...apiManagementShapes(),
    "azure-native:applicationinsights:Component": {
        nameInput: "resourceName",
        id: provider("Microsoft.Insights", (_i, name) => `components/${name}`),
    },
    "azure-native:storage:StorageAccount": {
        nameInput: "accountName",
        id: provider("Microsoft.Storage", (_i, name) => `storageAccounts/${name}`),
    },
    "azure-native:storage:BlobContainer": {
        nameInput: "containerName",
        id: provider(
            "Microsoft.Storage",
            (i, name) => `storageAccounts/${str(i["accountName"])}/blobServices/default/containers/${name}`,
        ),
    },
    "azure-native:storage:BlobServiceProperties": {
        nameInput: "blobServicesName",
        id: provider("Microsoft.Storage", (i, name) => `storageAccounts/${str(i["accountName"])}/blobServices/${name}`),
    },
};

/** API Management and its children: `service/<serviceName>/<collection>/<name>`. */
function apiManagementShapes(): Record<string, ArmShape> {
    const service = provider("Microsoft.ApiManagement", (_i, name) => `service/${name}`);
    const child = (collection: string, nameInput: string, parent?: [string, string]): ArmShape => ({
        nameInput,
        id: provider(
            "Microsoft.ApiManagement",
            (i, name) =>
                `service/${str(i["serviceName"])}/${parent ? `${parent[0]}/${str(i[parent[1]])}/` : ""}${collection}/${name}`,
        ),
    });
    return {
        "azure-native:apimanagement:ApiManagementService": { nameInput: "serviceName", id: service },
        "azure-native:apimanagement:Backend": child("backends", "backendId"),
        "azure-native:apimanagement:NamedValue": child("namedValues", "namedValueId"),
        "azure-native:apimanagement:Logger": child("loggers", "loggerId"),
        "azure-native:apimanagement:Api": child("apis", "apiId"),
        "azure-native:apimanagement:ApiPolicy": child("policies", "policyId", ["apis", "apiId"]),
        "azure-native:apimanagement:ApiDiagnostic": child("diagnostics", "diagnosticId", ["apis", "apiId"]),
        "azure-native:apimanagement:Product": child("products", "productId"),
        "azure-native:apimanagement:ProductApi": child("apis", "apiId", ["products", "productId"]),
        "azure-native:apimanagement:ProductPolicy": child("policies", "policyId", ["products", "productId"]),
        "azure-native:apimanagement:Subscription": child("subscriptions", "sid"),
    };
}

const LOWER = "abcdefghijklmnopqrstuvwxyz";
const UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
const DIGITS = "0123456789";

/** The value `random.RandomString` would produce, derived from its URN-free identity (type and name). */
function randomString(name: string, inputs: Inputs): string {
    const length = typeof inputs["length"] === "number" ? inputs["length"] : 16;
    const alphabet =
        (inputs["lower"] === false ? "" : LOWER) +
        (inputs["upper"] === false ? "" : UPPER) +
        (inputs["numeric"] === false ? "" : DIGITS);
    const bytes = Buffer.from(digest(`random:${name}:${JSON.stringify(inputs["keepers"] ?? {})}`), "hex");
    let result = "";
    for (let i = 0; i < length; i++) {
        result += alphabet[(bytes[i % bytes.length] ?? 0) % alphabet.length];
    }
    return result;
}

/** Outputs Azure computes that the program reads. */
function computedState(type: string, name: string, physicalName: string, inputs: Inputs): Inputs {
    const properties = (inputs["properties"] as Inputs | undefined) ?? {};
    switch (type) {
        case "azure-native:cognitiveservices:Account": {
            const subdomain = str(properties["customSubDomainName"]) ?? physicalName;
            const host = inputs["kind"] === "AIServices" ? "cognitiveservices.azure.com" : "openai.azure.com";
            return {
                properties: {
                    ...properties,
                    endpoint: `https://${subdomain}.${host}/`,
                    provisioningState: "Succeeded",
                },
                identity: {
                    ...(inputs["identity"] ?? {}),
                    principalId: mockGuid(`principal:${name}`),
                },
            };
        }
        case "azure-native:keyvault:Vault":
            return { properties: { ...properties, vaultUri: `https://${physicalName}.vault.azure.net/` } };
        case "azure-native:keyvault:Key": {
            const keyUri = `https://${str(inputs["vaultName"])}.vault.azure.net/keys/${physicalName}`;
            return { keyUri, keyUriWithVersion: `${keyUri}/${digest(name, 32)}` };
        }
        case "azure-native:managedidentity:UserAssignedIdentity":
            return {
                clientId: mockGuid(`client:${name}`),
                principalId: mockGuid(`principal:${name}`),
                tenantId: MOCK_TENANT_ID,
            };
        case "azure-native:operationalinsights:Workspace":
            return { customerId: mockGuid(`workspace:${name}`) };
        case "azure-native:apimanagement:ApiManagementService":
            return { gatewayUrl: `https://${physicalName}.azure-api.net` };
        case "azure-native:applicationinsights:Component":
            return { instrumentationKey: mockGuid(`instrumentation:${name}`) };
        case "random:index/randomString:RandomString":
            return { result: randomString(name, inputs) };
        default:
            return {};
    }
}

/** A name Pulumi's auto-naming would give (`<logical name>-<7 characters>`), made deterministic. */
function autoName(type: string, name: string): string {
    return `${name}-${digest(`${type}:${name}`, 7)}`;
}

export const mocks: pulumi.runtime.Mocks = {
    newResource(args: pulumi.runtime.MockResourceArgs): { id: string; state: Inputs } {
        const inputs = args.inputs as Inputs;
        const shape = ARM_SHAPES[args.type];
        const physicalName =
            (shape?.nameInput ? str(inputs[shape.nameInput]) : undefined) ?? autoName(args.type, args.name);
        const computed = computedState(args.type, args.name, physicalName, inputs);
        const id = shape
            ? shape.id(inputs, physicalName)
            : args.type.startsWith("random:")
              ? (str(computed["result"]) ?? physicalName)
              : `${args.name}-id`;
        return { id, state: { ...inputs, name: physicalName, ...computed } };
    },
    call(args: pulumi.runtime.MockCallArgs): Inputs {
        switch (args.token) {
            case "azure-native:authorization:getClientConfig":
                return {
                    clientId: mockGuid("client-config"),
                    objectId: MOCK_CLIENT_OBJECT_ID,
                    subscriptionId: MOCK_SUBSCRIPTION_ID,
                    tenantId: MOCK_TENANT_ID,
                };
            case "azure-native:cognitiveservices:listAccountKeys": {
                const account = String((args.inputs as Inputs)["accountName"]);
                return {
                    key1: `mockkey1${digest(`key1:${account}`, 24)}`,
                    key2: `mockkey2${digest(`key2:${account}`, 24)}`,
                };
            }
            case "azure-native:apimanagement:listSubscriptionSecrets": {
                const sid = String((args.inputs as Inputs)["sid"]);
                return {
                    primaryKey: `mockprimary${digest(`primary:${sid}`, 24)}`,
                    secondaryKey: `mocksecondary${digest(`secondary:${sid}`, 24)}`,
                };
            }
            default:
                throw new Error(
                    `unexpected invoke ${args.token}: the offline plan answers only the invokes the program is known to make`,
                );
        }
    },
};

/**
 * The team state backend: where the platform's stacks keep their state and how their secrets are
 * encrypted, when the local file backend of one person is not enough and Pulumi Cloud is not wanted.
 *
 * - A storage account that accepts Entra ID only (shared keys off): Pulumi's `azblob://` backend
 *   (Go CDK azureblob) falls back to `DefaultAzureCredential` when neither AZURE_STORAGE_KEY nor a
 *   SAS token or connection string is set (google/go-cloud blob/azureblob/azureblob.go,
 *   `newCredInfoFromEnv`), and takes the account from `?storage_account=` (pulumi/pulumi #10900).
 *   Blob versioning and soft delete for blobs and containers, no public blob access, TLS 1.2,
 *   HTTPS only.
 * - A private container for the state files.
 * - A Key Vault (RBAC, purge protection) with an RSA key for `--secrets-provider azurekeyvault://…`;
 *   the Go CDK keeper calls the key's encrypt and decrypt operations with RSA-OAEP-256
 *   (google/go-cloud secrets/azurekeyvault/akv.go).
 * - Data-plane roles for the principals that run Pulumi: Storage Blob Data Contributor on the
 *   container, Key Vault Crypto User on the key.
 */
import * as authorization from "@pulumi/azure-native/authorization";
import * as keyvault from "@pulumi/azure-native/keyvault";
import * as resources from "@pulumi/azure-native/resources";
import * as storage from "@pulumi/azure-native/storage";
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import { deterministicGuid } from "../infra/access/roles";
import { readProjectConfig } from "../infra/config/load";
import { type Rule, validate } from "../infra/config/rules";
import { ConfigError } from "../infra/config/validate-stack";

/** Built-in role definition ids (Azure built-in roles reference). */
export const ROLES = {
    storageBlobDataContributor: "ba92f5b4-2d11-453d-a403-e96b0029c9fe",
    keyVaultCryptoUser: "12338af0-0e69-4776-bea7-57ae8d297424",
} as const;

export const STORAGE_SKUS = [
    "Standard_LRS",
    "Standard_GRS",
    "Standard_RAGRS",
    "Standard_ZRS",
    "Standard_GZRS",
    "Standard_RAGZRS",
] as const;

const PRINCIPAL_TYPES = ["User", "Group", "ServicePrincipal"] as const;

export interface Principal {
    readonly objectId: string;
    readonly principalType: (typeof PRINCIPAL_TYPES)[number];
    readonly description?: string;
}

export interface StateBackendConfig {
    readonly location: string;
    /** 3–14 lowercase letters and digits, starting with a letter. @default "aoaistate" */
    readonly namePrefix: string;
    /** Days deleted blobs, versions and containers stay recoverable. @default 30 */
    readonly retentionDays: number;
    /** @default "Standard_GRS" */
    readonly storageSku: (typeof STORAGE_SKUS)[number];
    /** @default "pulumi-state" */
    readonly containerName: string;
    /** Principals given the data-plane roles, besides the one running this program. @default [] */
    readonly principals: readonly Principal[];
    /** Pulumi `protect` on the storage account, the vault and the key. @default true */
    readonly protect: boolean;
}

/** The bootstrap's configuration keys, checked as the platform's are (infra/config/rules.ts). */
export const STATE_BACKEND_RULES: Readonly<Record<keyof StateBackendConfig, Rule>> = {
    location: {
        kind: "string",
        doc: "Azure region of the backend (azure-native:location when unset).",
        required: true,
        // Only its shape is checked: the backend may live in any region, which Azure validates.
        pattern: /^[a-z][a-z0-9]+$/,
        patternHint: "an Azure region name such as swedencentral",
    },
    namePrefix: {
        kind: "string",
        doc: "The storage account becomes <prefix><6 random characters>, the vault <prefix>-kv-<6 random characters>.",
        default: "aoaistate",
        // Storage account names: 3-24 lowercase letters and digits; 14 + 6 leaves room.
        pattern: /^[a-z][a-z0-9]{2,13}$/,
        patternHint:
            "3–14 lowercase letters and digits, starting with a letter; the storage account name starts with it",
    },
    retentionDays: {
        kind: "integer",
        doc: "Days deleted blobs, blob versions and containers stay recoverable.",
        default: 30,
        min: 1,
        max: 365,
    },
    storageSku: {
        kind: "string",
        doc: "Replication of the state.",
        default: "Standard_GRS",
        oneOf: STORAGE_SKUS,
    },
    containerName: {
        kind: "string",
        doc: "The private container that holds the state files.",
        default: "pulumi-state",
        // Container names: 3-63 lowercase letters, digits and single hyphens, starting and ending
        // with a letter or digit (Microsoft.Storage naming rules).
        pattern: /^[a-z0-9](?!.*--)[a-z0-9-]{1,61}[a-z0-9]$/,
        patternHint: "3–63 lowercase letters, digits and single hyphens",
    },
    principals: {
        kind: "list",
        doc: "Who may read and write state and use the secrets key, besides whoever runs this program.",
        default: [],
        item: {
            kind: "object",
            doc: "A principal.",
            fields: {
                objectId: {
                    kind: "string",
                    doc: "Object id of the user, group, service principal or managed identity.",
                    required: true,
                    pattern: /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/,
                    patternHint: "a GUID",
                },
                principalType: {
                    kind: "string",
                    doc: "What the object id names.",
                    required: true,
                    oneOf: PRINCIPAL_TYPES,
                },
                description: { kind: "string", doc: "Who this is, for reviewers.", maxLength: 200 },
            },
        },
    },
    protect: {
        kind: "boolean",
        doc: "Pulumi protect on the storage account, the vault and the key.",
        default: true,
    },
};

/**
 * Reads and checks the stack's configuration; every problem is reported at once, as a `RunError`
 * (`pulumi up` prints it without a stack trace), before anything is registered.
 */
export function readConfig(): StateBackendConfig {
    const { raw, secretKeys } = readProjectConfig(STATE_BACKEND_RULES);
    raw["location"] ??= new pulumi.Config("azure-native").get("location");
    const problems = [...secretKeys];
    const config = validate(
        { kind: "object", doc: "The state backend's configuration.", fields: STATE_BACKEND_RULES },
        raw,
        "",
        problems,
    ) as StateBackendConfig;
    // Each principal's role assignments are named after its object id: one principal twice would
    // register the same resources twice. Indexes as written (entries refused above are not in `config`).
    const seen = new Set<string>();
    const written = Array.isArray(raw["principals"]) ? (raw["principals"] as unknown[]) : [];
    written.forEach((entry, index) => {
        const objectId = (entry as { objectId?: unknown } | null)?.objectId;
        if (typeof objectId !== "string") {
            return;
        }
        if (seen.has(objectId.toLowerCase())) {
            problems.push({
                key: `principals[${index}].objectId`,
                given: `${JSON.stringify(objectId)} again`,
                allowed: "each principal once",
            });
        }
        seen.add(objectId.toLowerCase());
    });
    if (problems.length > 0) {
        throw new ConfigError(pulumi.getStack(), problems);
    }
    return {
        ...config,
        principals: config.principals.map((principal) => ({
            ...principal,
            objectId: principal.objectId.toLowerCase(),
        })),
    };
}

export interface StateBackendOutputs {
    /** `pulumi login <backendUrl>` */
    readonly backendUrl: pulumi.Output<string>;
    /** `pulumi stack init <stack> --secrets-provider <secretsProvider>` */
    readonly secretsProvider: pulumi.Output<string>;
    readonly resourceGroupName: pulumi.Output<string>;
    readonly storageAccountName: pulumi.Output<string>;
    readonly containerName: pulumi.Output<string>;
    readonly vaultName: pulumi.Output<string>;
    readonly keyName: pulumi.Output<string>;
}

export function main(): StateBackendOutputs {
    const config = readConfig();
    const tags = { "managed-by": "pulumi", purpose: "pulumi-state", project: "aoai-platform" };
    const client = authorization.getClientConfigOutput();

    const group = new resources.ResourceGroup("state", { location: config.location, tags });
    const suffix = new random.RandomString("state-suffix", {
        length: 6,
        upper: false,
        special: false,
        numeric: true,
        keepers: { namePrefix: config.namePrefix },
    }).result;

    const account = new storage.StorageAccount(
        "state",
        {
            accountName: pulumi.interpolate`${config.namePrefix}${suffix}`,
            resourceGroupName: group.name,
            location: config.location,
            kind: "StorageV2",
            sku: { name: config.storageSku },
            allowBlobPublicAccess: false,
            // Entra ID only: the azblob backend signs in with DefaultAzureCredential when no key is set.
            allowSharedKeyAccess: false,
            defaultToOAuthAuthentication: true,
            allowCrossTenantReplication: false,
            minimumTlsVersion: "TLS1_2",
            enableHttpsTrafficOnly: true,
            tags,
        },
        { protect: config.protect },
    );

    new storage.BlobServiceProperties("state", {
        accountName: account.name,
        resourceGroupName: group.name,
        blobServicesName: "default",
        isVersioningEnabled: true,
        deleteRetentionPolicy: { enabled: true, days: config.retentionDays },
        containerDeleteRetentionPolicy: { enabled: true, days: config.retentionDays },
    });

    const container = new storage.BlobContainer("state", {
        accountName: account.name,
        resourceGroupName: group.name,
        containerName: config.containerName,
        publicAccess: storage.PublicAccess.None,
    });

    const vault = new keyvault.Vault(
        "state",
        {
            vaultName: pulumi.interpolate`${config.namePrefix}-kv-${suffix}`,
            resourceGroupName: group.name,
            location: config.location,
            properties: {
                tenantId: client.tenantId,
                sku: { family: "A", name: "standard" },
                enableRbacAuthorization: true,
                enableSoftDelete: true,
                softDeleteRetentionInDays: 90,
                enablePurgeProtection: true,
            },
            tags,
        },
        { protect: config.protect },
    );

    // No rotation policy: the secrets provider URL names the key without a version, and a stack's
    // data key stays encrypted with the version it was made with. Rotate with
    // `pulumi stack change-secrets-provider`, not by rotating this key in place.
    const key = new keyvault.Key(
        "state",
        {
            keyName: "pulumi-state",
            vaultName: vault.name,
            resourceGroupName: group.name,
            properties: { kty: "RSA", keySize: 3072, keyOps: ["encrypt", "decrypt"] },
            tags,
        },
        { protect: config.protect },
    );

    const subscriptionRole = (role: string): pulumi.Output<string> =>
        pulumi.interpolate`/subscriptions/${client.subscriptionId}/providers/Microsoft.Authorization/roleDefinitions/${role}`;
    const grantees: Array<{
        name: string;
        objectId: pulumi.Input<string>;
        principalType?: Principal["principalType"];
    }> = [
        { name: "deployer", objectId: client.objectId },
        ...config.principals.map((principal) => ({
            name: principal.objectId,
            objectId: principal.objectId,
            principalType: principal.principalType,
        })),
    ];
    for (const grantee of grantees) {
        for (const [roleName, role, scope] of [
            ["blob-data-contributor", ROLES.storageBlobDataContributor, container.id],
            ["crypto-user", ROLES.keyVaultCryptoUser, key.id],
        ] as const) {
            new authorization.RoleAssignment(`state-${roleName}-${grantee.name}`, {
                scope,
                roleDefinitionId: subscriptionRole(role),
                principalId: grantee.objectId,
                ...(grantee.principalType ? { principalType: grantee.principalType } : {}),
                // Unique across the tenant, as Azure requires of role assignment names: derived from
                // the scope's resource id, the role and the principal (Bicep's guid(scope, principal, role)).
                roleAssignmentName: pulumi
                    .all([scope, grantee.objectId])
                    .apply(([scopeId, objectId]) => deterministicGuid(scopeId, role, objectId)),
            });
        }
    }

    return {
        backendUrl: pulumi.interpolate`azblob://${container.name}?storage_account=${account.name}`,
        secretsProvider: pulumi.interpolate`azurekeyvault://${vault.name}.vault.azure.net/keys/${key.name}`,
        resourceGroupName: group.name,
        storageAccountName: account.name,
        containerName: container.name,
        vaultName: vault.name,
        keyName: key.name,
    };
}

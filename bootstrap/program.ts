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
import { z } from "zod";
import { readProjectConfig } from "../infra/config/load";
import { listOf, parseWith } from "../infra/config/schema-kit";
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

const principalSchema = z
    .strictObject({
        objectId: z
            .string()
            .regex(/^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/)
            .meta({
                description: "Object id of the user, group, service principal or managed identity.",
                hint: "a GUID",
            }),
        principalType: z.enum(["User", "Group", "ServicePrincipal"]).meta({ description: "What the object id names." }),
        description: z.string().max(200).optional().meta({ description: "Who this is, for reviewers." }),
    })
    .meta({ description: "A principal." });
export type Principal = z.output<typeof principalSchema>;

/** The bootstrap's configuration keys, as one schema (checked as the platform's are: infra/config/schema-kit.ts). */
export const stateBackendSchema = z.strictObject({
    location: z
        .string()
        // Only its shape is checked: the backend may live in any region, which Azure validates.
        .regex(/^[a-z][a-z0-9]+$/)
        .meta({
            description: "Azure region of the backend (azure-native:location when unset).",
            hint: "an Azure region name such as swedencentral",
        }),
    namePrefix: z
        .string()
        // Storage account names: 3-24 lowercase letters and digits; 14 + 6 leaves room.
        .regex(/^[a-z][a-z0-9]{2,13}$/)
        .default("aoaistate")
        .meta({
            description:
                "The storage account becomes <prefix><6 random characters>, the vault <prefix>-kv-<6 random characters>.",
            hint: "3–14 lowercase letters and digits, starting with a letter; the storage account name starts with it",
        }),
    retentionDays: z
        .int()
        .min(1)
        .max(365)
        .default(30)
        .meta({ description: "Days deleted blobs, blob versions and containers stay recoverable." }),
    storageSku: z.enum(STORAGE_SKUS).default("Standard_GRS").meta({ description: "Replication of the state." }),
    containerName: z
        .string()
        // Container names: 3-63 lowercase letters, digits and single hyphens, starting and ending
        // with a letter or digit (Microsoft.Storage naming rules).
        .regex(/^[a-z0-9](?!.*--)[a-z0-9-]{1,61}[a-z0-9]$/)
        .default("pulumi-state")
        .meta({
            description: "The private container that holds the state files.",
            hint: "3–63 lowercase letters, digits and single hyphens",
        }),
    principals: listOf(principalSchema, {})
        .superRefine(
            (principals, context) => {
                // Each principal's role assignments are named after its object id: one principal
                // twice would register the same resources twice. Checked on the entries as written,
                // also when another entry is refused, so that the index is the written one.
                const seen = new Set<string>();
                (principals as readonly unknown[]).forEach((entry, index) => {
                    const objectId = (entry as { objectId?: unknown } | null)?.objectId;
                    if (typeof objectId !== "string") {
                        return;
                    }
                    if (seen.has(objectId.toLowerCase())) {
                        context.addIssue({
                            code: "custom",
                            path: [index, "objectId"],
                            message: "each principal once",
                            params: { given: `${JSON.stringify(objectId)} again` },
                            input: objectId,
                        });
                    }
                    seen.add(objectId.toLowerCase());
                });
            },
            { when: (payload) => Array.isArray(payload.value) },
        )
        .default([])
        .meta({
            description: "Who may read and write state and use the secrets key, besides whoever runs this program.",
        }),
    protect: z
        .boolean()
        .default(true)
        .meta({ description: "Pulumi protect on the storage account, the vault and the key." }),
});
export type StateBackendConfig = z.output<typeof stateBackendSchema>;

/**
 * Reads and checks the stack's configuration; every problem is reported at once, as a `RunError`
 * (`pulumi up` prints it without a stack trace), before anything is registered.
 */
export function readConfig(): StateBackendConfig {
    const { raw, secretKeys } = readProjectConfig(stateBackendSchema);
    raw["location"] ??= new pulumi.Config("azure-native").get("location");
    const parsed = parseWith(stateBackendSchema, raw);
    const problems = [...secretKeys, ...(parsed.ok ? [] : parsed.problems)];
    if (problems.length > 0 || !parsed.ok) {
        throw new ConfigError(pulumi.getStack(), problems);
    }
    return {
        ...parsed.value,
        principals: parsed.value.principals.map((principal) => ({
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

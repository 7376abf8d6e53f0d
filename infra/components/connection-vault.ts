import * as authorization from "@pulumi/azure-native/authorization";
import * as keyvault from "@pulumi/azure-native/keyvault";
import * as pulumi from "@pulumi/pulumi";

/** One secret for applications: a Key Vault secret name, its value and what kind of value it is. */
export interface ConnectionSecret {
    /** Secret name: 1–127 letters, digits and hyphens (ARM spec Microsoft.KeyVault 2024-11-01). */
    readonly name: string;
    readonly value: pulumi.Input<string>;
    /** MIME-style content type, e.g. `text/plain` or `application/json`. */
    readonly contentType: string;
}

export interface ConnectionVaultArgs {
    readonly resourceGroupName: pulumi.Input<string>;
    readonly location: string;
    /** Globally unique vault name (3–24 characters). */
    readonly vaultName: pulumi.Input<string>;
    /** Entra tenant of the vault, from `authorization.getClientConfig`. */
    readonly tenantId: pulumi.Input<string>;
    /** Days a deleted vault stays recoverable (7–90). */
    readonly softDeleteRetentionDays: number;
    /** When every secret expires, in Unix seconds. */
    readonly secretExpiresAt: number;
    readonly secrets: readonly ConnectionSecret[];
    readonly tags: Readonly<Record<string, string>>;
    /** Set Pulumi's `protect` on the vault. @default false */
    readonly protect?: boolean;
    /** Add a CanNotDelete management lock on the vault. @default false */
    readonly deleteLock?: boolean;
}

/**
 * The Key Vault that holds what applications need to connect: RBAC authorisation (no access
 * policies), soft delete and purge protection. Secrets are written through ARM
 * (`keyvault.Secret` is a management-plane resource), which passes the vault firewall and needs no
 * data-plane role, so a vault closed to the network still receives them.
 */
export class ConnectionVault extends pulumi.ComponentResource {
    public readonly vault: keyvault.Vault;
    public readonly secrets: readonly keyvault.Secret[];
    public readonly vaultUri: pulumi.Output<string>;
    public readonly secretNames: readonly string[];

    constructor(name: string, args: ConnectionVaultArgs, opts?: pulumi.ComponentResourceOptions) {
        super("aoai:platform:ConnectionVault", name, {}, opts);

        this.vault = new keyvault.Vault(
            name,
            {
                vaultName: args.vaultName,
                resourceGroupName: args.resourceGroupName,
                location: args.location,
                properties: {
                    tenantId: args.tenantId,
                    sku: { family: "A", name: "standard" },
                    enableRbacAuthorization: true,
                    enableSoftDelete: true,
                    softDeleteRetentionInDays: args.softDeleteRetentionDays,
                    enablePurgeProtection: true,
                },
                tags: args.tags,
            },
            { parent: this, protect: args.protect ?? false },
        );

        this.secrets = args.secrets.map(
            (secret) =>
                new keyvault.Secret(
                    `${name}-${secret.name}`,
                    {
                        resourceGroupName: args.resourceGroupName,
                        vaultName: this.vault.name,
                        secretName: secret.name,
                        properties: {
                            value: secret.value,
                            contentType: secret.contentType,
                            attributes: { enabled: true, expires: args.secretExpiresAt },
                        },
                        tags: args.tags,
                    },
                    { parent: this },
                ),
        );
        this.secretNames = args.secrets.map((secret) => secret.name);
        this.vaultUri = this.vault.properties.apply((properties) => properties.vaultUri ?? "");

        if (args.deleteLock) {
            new authorization.ManagementLockByScope(
                `${name}-lock`,
                {
                    scope: this.vault.id,
                    lockName: "do-not-delete",
                    level: "CanNotDelete",
                    notes: "Protects the vault that holds the Azure OpenAI connection secrets; remove deliberately.",
                },
                { parent: this },
            );
        }

        this.registerOutputs({ vaultUri: this.vaultUri, secretNames: this.secretNames });
    }
}

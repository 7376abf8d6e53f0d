import * as keyvault from "@pulumi/azure-native/keyvault";
import * as pulumi from "@pulumi/pulumi";
import { VAULT_LOG_CATEGORIES } from "./diagnostics";
import { type FirewallArgs, networkRuleSet } from "./firewall";
import { type GuardedResourceArgs, guardResource } from "./resource-guards";

/** The vault, and its private endpoint, diagnostics, role grants (who may read the secrets) and lock. */
export interface ConnectionVaultArgs extends GuardedResourceArgs {
    readonly location: string;
    /** Globally unique vault name (3–24 characters). */
    readonly vaultName: pulumi.Input<string>;
    /** Entra tenant of the vault, from `authorization.getClientConfig`. */
    readonly tenantId: pulumi.Input<string>;
    /** Days a deleted vault stays recoverable (7–90). */
    readonly softDeleteRetentionDays: number;
    readonly network: FirewallArgs;
}

/**
 * The Key Vault that holds what applications need to connect (and the customer-managed key, when
 * there is one): RBAC authorisation (no access policies), soft delete, purge protection, a firewall,
 * an optional private endpoint, audit logs and least-privilege role assignments.
 */
export class ConnectionVault extends pulumi.ComponentResource {
    public readonly vault: keyvault.Vault;
    public readonly vaultUri: pulumi.Output<string>;

    constructor(name: string, args: ConnectionVaultArgs, opts?: pulumi.ComponentResourceOptions) {
        super("aoai:platform:ConnectionVault", name, {}, opts);
        const { network } = args;

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
                    publicNetworkAccess: network.publicNetworkAccess,
                    networkAcls: networkRuleSet(network),
                },
                tags: args.tags,
            },
            { parent: this, protect: args.protect ?? false },
        );
        this.vaultUri = this.vault.properties.apply((properties) => properties.vaultUri ?? "");

        guardResource(
            name,
            {
                id: this.vault.id,
                groupId: "vault",
                logCategories: VAULT_LOG_CATEGORIES,
                lockNotes: "Protects the vault that holds the Azure OpenAI connection secrets; remove deliberately.",
            },
            args,
            this,
        );

        this.registerOutputs({ vaultUri: this.vaultUri });
    }
}

const DAY_SECONDS = 24 * 60 * 60;
const HOUR_SECONDS = 60 * 60;
/** The longest month: how much earlier than "now + days" a month-start anchor can fall. */
const MONTH_SECONDS_MAX = 31 * DAY_SECONDS;

/**
 * When a connection secret expires, in Unix seconds: `now + expiryDays`, rounded DOWN to the start
 * (UTC) of its month when that still leaves at least half the configured days, else to the start of
 * its UTC day, else (1-day policies) of its UTC hour. Rounding down keeps a plan identical for every
 * run inside one period (reruns change nothing; the first run of the next period moves the expiry
 * forward) and never gives a secret more than `expiryDays`: the result lies in
 * (now + expiryDays - period, now + expiryDays]. A month anchor is kept for policies of 62 days or
 * more (the default, 365, changes once a month); a 30-day policy is rounded to the day.
 * docs/config-sources.md ("Secret expiry") has worked examples.
 */
export function secretExpiresAt(now: Date, expiryDays: number): number {
    const limit = new Date(now.getTime() + expiryDays * DAY_SECONDS * 1000);
    const half = (expiryDays * DAY_SECONDS) / 2;
    if (MONTH_SECONDS_MAX <= half) {
        return Date.UTC(limit.getUTCFullYear(), limit.getUTCMonth(), 1) / 1000;
    }
    if (DAY_SECONDS <= half) {
        return Date.UTC(limit.getUTCFullYear(), limit.getUTCMonth(), limit.getUTCDate()) / 1000;
    }
    return Math.floor(limit.getTime() / 1000 / HOUR_SECONDS) * HOUR_SECONDS;
}

/** One secret for applications: a Key Vault secret name, its value and what kind of value it is. */
export interface ConnectionSecret {
    /** Secret name: 1–127 letters, digits and hyphens (ARM spec Microsoft.KeyVault 2024-11-01). */
    readonly name: string;
    readonly value: pulumi.Input<string>;
    /** MIME-style content type, e.g. `text/plain` or `application/json`. */
    readonly contentType: string;
}

export interface ConnectionSecretsArgs {
    readonly resourceGroupName: pulumi.Input<string>;
    readonly vaultName: pulumi.Input<string>;
    /** When every secret expires, in Unix seconds. */
    readonly expiresAt: number;
    readonly secrets: readonly ConnectionSecret[];
    readonly tags: Readonly<Record<string, string>>;
}

/**
 * The secrets applications read. `keyvault.Secret` is a management-plane (ARM) resource: writes
 * pass the vault firewall and need no data-plane role, so a vault closed to the network still
 * receives them.
 */
export class ConnectionSecrets extends pulumi.ComponentResource {
    public readonly secretNames: readonly string[];

    constructor(name: string, args: ConnectionSecretsArgs, opts?: pulumi.ComponentResourceOptions) {
        super("aoai:platform:ConnectionSecrets", name, {}, opts);
        for (const secret of args.secrets) {
            new keyvault.Secret(
                `${name}-${secret.name}`,
                {
                    resourceGroupName: args.resourceGroupName,
                    vaultName: args.vaultName,
                    secretName: secret.name,
                    properties: {
                        value: secret.value,
                        contentType: secret.contentType,
                        attributes: { enabled: true, expires: args.expiresAt },
                    },
                    tags: args.tags,
                },
                { parent: this },
            );
        }
        this.secretNames = args.secrets.map((secret) => secret.name);
        this.registerOutputs({ secretNames: this.secretNames });
    }
}

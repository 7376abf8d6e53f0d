import * as authorization from "@pulumi/azure-native/authorization";
import * as cognitiveservices from "@pulumi/azure-native/cognitiveservices";
import * as resources from "@pulumi/azure-native/resources";
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import type { StackConfig } from "../config/stack-config";
import { accountName, SUFFIX_LENGTH, vaultName } from "../naming";
import { type ConnectionSecret, ConnectionVault } from "./connection-vault";
import { OpenAiAccount } from "./openai-account";

export interface OpenAiPlatformArgs {
    /** The validated stack configuration. */
    readonly config: StackConfig;
    /** The moment of the run; secret expiry is derived from it. */
    readonly now: Date;
}

/**
 * Secret expiry: the start of next month (UTC) plus the configured days. Deriving it from the month,
 * not the second, keeps reruns within a month from changing anything, while the first run of each
 * month pushes the expiry forward.
 */
export function secretExpiresAt(now: Date, expiryDays: number): number {
    const nextMonth = Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1);
    return Math.floor(nextMonth / 1000) + expiryDays * 24 * 60 * 60;
}

export function standardTags(config: StackConfig): Record<string, string> {
    return {
        ...config.tags.additional,
        environment: config.environment,
        owner: config.tags.owner,
        "cost-center": config.tags.costCenter,
        "managed-by": "pulumi",
    };
}

/** Everything one stack provisions: resource group, one account per region, the connection vault. */
export class OpenAiPlatform extends pulumi.ComponentResource {
    public readonly resourceGroupName: pulumi.Output<string>;
    public readonly accounts: Readonly<Record<string, OpenAiAccount>>;
    public readonly vault: ConnectionVault;

    constructor(name: string, args: OpenAiPlatformArgs, opts?: pulumi.ComponentResourceOptions) {
        super("aoai:platform:OpenAiPlatform", name, {}, opts);
        const { config } = args;
        const tags = standardTags(config);

        this.resourceGroupName = config.resourceGroup.existingName
            ? pulumi.output(config.resourceGroup.existingName)
            : new resources.ResourceGroup(name, { location: config.location, tags }, { parent: this }).name;

        // Keepers: a new prefix means new globally unique names, so a new suffix.
        const suffix = new random.RandomString(
            `${name}-suffix`,
            {
                length: SUFFIX_LENGTH,
                upper: false,
                special: false,
                numeric: true,
                keepers: { namePrefix: config.namePrefix },
            },
            { parent: this },
        ).result;

        const protection = config.protection;
        const accounts: Record<string, OpenAiAccount> = {};
        const secrets: ConnectionSecret[] = [];
        for (const region of Object.keys(config.regions).sort()) {
            const regionConfig = config.regions[region];
            if (!regionConfig) {
                continue;
            }
            const account = new OpenAiAccount(
                `${name}-${region}`,
                {
                    resourceGroupName: this.resourceGroupName,
                    location: region,
                    kind: config.accounts.kind,
                    accountName: accountName(config.namePrefix, region, suffix),
                    disableLocalAuth: config.accounts.disableLocalAuth,
                    restore: config.accounts.restore,
                    deployments: regionConfig.deployments,
                    tags,
                    protect: protection.protect,
                    deleteLock: protection.deleteLocks,
                },
                { parent: this },
            );
            accounts[region] = account;
            secrets.push(
                {
                    name: `openai-${region}-endpoint`,
                    value: account.endpoint,
                    contentType: "text/plain; charset=utf-8",
                },
                {
                    name: `openai-${region}-deployments`,
                    value: JSON.stringify(account.deploymentNamesByFamily),
                    contentType: "application/json",
                },
            );
            if (config.keyVault.storeAccountKeys && !config.accounts.disableLocalAuth) {
                // listAccountKeys results are not marked secret by the provider (pulumi-azure-native
                // #1693), so the key is wrapped here before it reaches any resource or output.
                const keys = cognitiveservices.listAccountKeysOutput(
                    { accountName: account.account.name, resourceGroupName: this.resourceGroupName },
                    { parent: this },
                );
                secrets.push({
                    name: `openai-${region}-key`,
                    value: pulumi.secret(keys.apply((k) => k.key1 ?? "")),
                    contentType: "text/plain; kind=api-key",
                });
            }
        }
        this.accounts = accounts;

        const clientConfig = authorization.getClientConfigOutput({ parent: this });
        this.vault = new ConnectionVault(
            `${name}-vault`,
            {
                resourceGroupName: this.resourceGroupName,
                location: config.location,
                vaultName: vaultName(config.namePrefix, suffix),
                tenantId: clientConfig.tenantId,
                softDeleteRetentionDays: config.keyVault.softDeleteRetentionDays,
                secretExpiresAt: secretExpiresAt(args.now, config.keyVault.secretExpiryDays),
                secrets,
                tags,
                protect: protection.protect,
                deleteLock: protection.deleteLocks,
            },
            { parent: this },
        );

        this.registerOutputs({ resourceGroupName: this.resourceGroupName, vaultUri: this.vault.vaultUri });
    }
}

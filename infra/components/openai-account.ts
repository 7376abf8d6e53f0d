import * as cognitiveservices from "@pulumi/azure-native/cognitiveservices";
import * as pulumi from "@pulumi/pulumi";
import { familyOf } from "../catalog/lifecycle";
import type { ModelFamily } from "../../policies/catalog/types";
import type { AccountKind, ContentFilterConfig, DeploymentConfig } from "../config/stack-config";
import { createContentFilters } from "./content-filter";
import { ACCOUNT_LOG_CATEGORIES } from "./diagnostics";
import { type FirewallArgs, networkRuleSet } from "./firewall";
import { type GuardedResourceArgs, guardResource } from "./resource-guards";

/** Network exposure of the account: the shared firewall plus outbound restriction. */
export interface AccountNetworkArgs extends FirewallArgs {
    readonly restrictOutbound: boolean;
    readonly allowedFqdns: pulumi.Input<pulumi.Input<string>[]>;
}

/** Customer-managed key encryption of the account's data at rest. */
export interface AccountEncryptionArgs {
    readonly keyName: pulumi.Input<string>;
    readonly keyVersion: pulumi.Input<string>;
    readonly keyVaultUri: pulumi.Input<string>;
    /** The user-assigned identity that may use the key. */
    readonly identityId: pulumi.Input<string>;
    readonly identityClientId: pulumi.Input<string>;
    /** The key's role assignment: the account must wait for it. */
    readonly dependsOn: readonly pulumi.Resource[];
}

/** The account, and its private endpoint, diagnostics, role grants (who may call the models) and lock. */
export interface OpenAiAccountArgs extends GuardedResourceArgs {
    /** Azure region of the account. */
    readonly location: string;
    /** `OpenAI`, or `AIServices` for a Foundry resource. */
    readonly kind: AccountKind;
    /** Globally unique account name, also used as the custom subdomain of the endpoint. */
    readonly accountName: pulumi.Input<string>;
    /** Refuse API keys so that callers must use Entra ID. */
    readonly disableLocalAuth: boolean;
    /** Recover a soft-deleted account of the same name. @default false */
    readonly restore?: boolean;
    readonly network: AccountNetworkArgs;
    /** Customer-managed key; absent means Microsoft-managed keys. */
    readonly encryption?: AccountEncryptionArgs;
    /** Custom content filters to create on the account, by name. @default {} */
    readonly contentFilters?: Readonly<Record<string, ContentFilterConfig>>;
    /** Model deployments keyed by their stable name, already validated against the catalog. */
    readonly deployments: Readonly<Record<string, DeploymentConfig>>;
}

/**
 * One Azure OpenAI account with its content filters, model deployments, private endpoint,
 * diagnostics and role assignments. Operations on the account's children (content filters, then
 * deployments) run one after another — each depends on the previous — because Azure answers
 * concurrent operations on one account with 409 RequestConflict; the private endpoint waits for the
 * last of them, because an account that is still provisioning refuses it. Accounts of different
 * regions do not wait for each other.
 */
export class OpenAiAccount extends pulumi.ComponentResource {
    public readonly account: cognitiveservices.Account;
    /** Deployments in creation order (sorted by their stable name). */
    public readonly deployments: readonly cognitiveservices.Deployment[];
    /** The last operation of the account's chain; whatever must wait for the account to settle depends on it. */
    public readonly lastChildOperation: pulumi.Resource | undefined;
    public readonly endpoint: pulumi.Output<string>;
    /** Deployment names grouped by model family. */
    public readonly deploymentNamesByFamily: Readonly<Partial<Record<ModelFamily, string[]>>>;

    constructor(name: string, args: OpenAiAccountArgs, opts?: pulumi.ComponentResourceOptions) {
        super("aoai:platform:OpenAiAccount", name, {}, opts);
        const { network, encryption } = args;

        this.account = new cognitiveservices.Account(
            name,
            {
                accountName: args.accountName,
                resourceGroupName: args.resourceGroupName,
                location: args.location,
                kind: args.kind,
                sku: { name: "S0" },
                identity: encryption
                    ? { type: "SystemAssigned, UserAssigned", userAssignedIdentities: [encryption.identityId] }
                    : { type: "SystemAssigned" },
                properties: {
                    customSubDomainName: args.accountName,
                    disableLocalAuth: args.disableLocalAuth,
                    restore: args.restore ?? false,
                    publicNetworkAccess: network.publicNetworkAccess,
                    networkAcls: networkRuleSet(network),
                    restrictOutboundNetworkAccess: network.restrictOutbound,
                    ...(network.restrictOutbound ? { allowedFqdnList: network.allowedFqdns } : {}),
                    ...(encryption
                        ? {
                              encryption: {
                                  keySource: "Microsoft.KeyVault",
                                  keyVaultProperties: {
                                      keyName: encryption.keyName,
                                      keyVersion: encryption.keyVersion,
                                      keyVaultUri: encryption.keyVaultUri,
                                      identityClientId: encryption.identityClientId,
                                  },
                              },
                          }
                        : {}),
                },
                tags: args.tags,
            },
            { parent: this, protect: args.protect ?? false, dependsOn: [...(encryption?.dependsOn ?? [])] },
        );

        const filters = createContentFilters(
            name,
            this.account.name,
            args.resourceGroupName,
            args.contentFilters ?? {},
            this,
        );
        let previous: pulumi.Resource | undefined = filters.chain[filters.chain.length - 1];

        const byFamily: Partial<Record<ModelFamily, string[]>> = {};
        const deployments: cognitiveservices.Deployment[] = [];
        for (const deploymentName of Object.keys(args.deployments).sort()) {
            const deployment = args.deployments[deploymentName] as DeploymentConfig;
            const created: cognitiveservices.Deployment = new cognitiveservices.Deployment(
                `${name}-${deploymentName}`,
                {
                    accountName: this.account.name,
                    resourceGroupName: args.resourceGroupName,
                    deploymentName,
                    sku: { name: deployment.deploymentType, capacity: deployment.capacity },
                    properties: {
                        model: { format: "OpenAI", name: deployment.model, version: deployment.version },
                        versionUpgradeOption: deployment.versionUpgradeOption,
                        // A custom filter is referenced through its resource so the deployment waits for it.
                        raiPolicyName: filters.policies[deployment.contentFilter]?.name ?? deployment.contentFilter,
                    },
                },
                { parent: this, dependsOn: previous ? [previous] : [] },
            );
            previous = created;
            deployments.push(created);
            const family = familyOf(deployment);
            if (family) {
                (byFamily[family] ??= []).push(deploymentName);
            }
        }
        this.deployments = deployments;
        this.lastChildOperation = previous;
        this.deploymentNamesByFamily = byFamily;
        this.endpoint = this.account.properties.apply((properties) => properties.endpoint ?? "");

        guardResource(
            name,
            {
                id: this.account.id,
                groupId: "account",
                logCategories: ACCOUNT_LOG_CATEGORIES,
                lockNotes: "Protects the Azure OpenAI account that applications depend on; remove deliberately.",
                // After the last deployment: an account still provisioning refuses a private endpoint.
                privateLinkDependsOn: [this.account, ...(previous ? [previous] : [])],
            },
            args,
            this,
        );

        this.registerOutputs({
            accountId: this.account.id,
            endpoint: this.endpoint,
            deploymentNamesByFamily: this.deploymentNamesByFamily,
        });
    }
}

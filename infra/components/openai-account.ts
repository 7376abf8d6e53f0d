import * as authorization from "@pulumi/azure-native/authorization";
import * as cognitiveservices from "@pulumi/azure-native/cognitiveservices";
import * as pulumi from "@pulumi/pulumi";
import { findModel } from "../catalog/lifecycle";
import type { ModelFamily } from "../../policies/catalog/types";
import type { AccountKind, ContentFilterConfig, DeploymentConfig } from "../config/stack-config";
import { createContentFilters } from "./content-filter";
import { ACCOUNT_LOG_CATEGORIES, sendDiagnostics } from "./diagnostics";
import { type FirewallArgs, networkRuleSet } from "./firewall";
import { createPrivateLink, type PrivateLinkPlacement } from "./private-network";
import { assignRoles, type RoleGrant } from "./role-grant";

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

export interface OpenAiAccountArgs {
    /** Resource group that holds the account. */
    readonly resourceGroupName: pulumi.Input<string>;
    readonly subscriptionId: pulumi.Input<string>;
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
    /** Private endpoint for the account; absent means none. */
    readonly privateLink?: PrivateLinkPlacement;
    /** Log Analytics workspace for the account's logs; absent means no diagnostic setting. */
    readonly workspaceId?: pulumi.Input<string>;
    /** Who may call the models. @default [] */
    readonly roleGrants?: readonly RoleGrant[];
    readonly tags: Readonly<Record<string, string>>;
    /** Set Pulumi's `protect` on the account. @default false */
    readonly protect?: boolean;
    /** Add a CanNotDelete management lock on the account. @default false */
    readonly deleteLock?: boolean;
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
            const family = deployment.family ?? findModel(deployment.model, deployment.version)?.family;
            if (family) {
                (byFamily[family] ??= []).push(deploymentName);
            }
        }
        this.deployments = deployments;
        this.lastChildOperation = previous;
        this.deploymentNamesByFamily = byFamily;
        this.endpoint = this.account.properties.apply((properties) => properties.endpoint ?? "");

        if (args.privateLink) {
            createPrivateLink(`${name}-pe`, {
                ...args.privateLink,
                resourceGroupName: args.resourceGroupName,
                targetId: this.account.id,
                groupId: "account",
                tags: args.tags,
                dependsOn: [this.account, ...(previous ? [previous] : [])],
                parent: this,
            });
        }
        if (args.workspaceId) {
            sendDiagnostics(`${name}-diagnostics`, this.account.id, args.workspaceId, ACCOUNT_LOG_CATEGORIES, this);
        }
        assignRoles(name, this.account.id, args.subscriptionId, args.roleGrants ?? [], this);

        if (args.deleteLock) {
            new authorization.ManagementLockByScope(
                `${name}-lock`,
                {
                    scope: this.account.id,
                    lockName: "do-not-delete",
                    level: "CanNotDelete",
                    notes: "Protects the Azure OpenAI account that applications depend on; remove deliberately.",
                },
                { parent: this },
            );
        }

        this.registerOutputs({
            accountId: this.account.id,
            endpoint: this.endpoint,
            deploymentNamesByFamily: this.deploymentNamesByFamily,
        });
    }
}

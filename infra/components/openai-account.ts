import * as authorization from "@pulumi/azure-native/authorization";
import * as cognitiveservices from "@pulumi/azure-native/cognitiveservices";
import * as pulumi from "@pulumi/pulumi";
import { findModel } from "../catalog/lifecycle";
import type { ModelFamily } from "../catalog/types";
import type { AccountKind, DeploymentConfig } from "../config/stack-config";

export interface OpenAiAccountArgs {
    /** Resource group that holds the account. */
    readonly resourceGroupName: pulumi.Input<string>;
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
    /** Model deployments keyed by their stable name, already validated against the catalog. */
    readonly deployments: Readonly<Record<string, DeploymentConfig>>;
    readonly tags: Readonly<Record<string, string>>;
    /** Set Pulumi's `protect` on the account. @default false */
    readonly protect?: boolean;
    /** Add a CanNotDelete management lock on the account. @default false */
    readonly deleteLock?: boolean;
}

/**
 * One Azure OpenAI account and its model deployments. Deployments are created one after another
 * (each depends on the previous) because Azure answers concurrent deployment operations on one
 * account with 409 RequestConflict; accounts of different regions do not wait for each other.
 */
export class OpenAiAccount extends pulumi.ComponentResource {
    public readonly account: cognitiveservices.Account;
    /** Deployments in creation order (sorted by their stable name). */
    public readonly deployments: readonly cognitiveservices.Deployment[];
    /** The deployment created last; whatever must wait for the account to settle depends on it. */
    public readonly lastDeployment: cognitiveservices.Deployment | undefined;
    public readonly endpoint: pulumi.Output<string>;
    /** Deployment names grouped by model family. */
    public readonly deploymentNamesByFamily: Readonly<Partial<Record<ModelFamily, string[]>>>;

    constructor(name: string, args: OpenAiAccountArgs, opts?: pulumi.ComponentResourceOptions) {
        super("aoai:platform:OpenAiAccount", name, {}, opts);

        this.account = new cognitiveservices.Account(
            name,
            {
                accountName: args.accountName,
                resourceGroupName: args.resourceGroupName,
                location: args.location,
                kind: args.kind,
                sku: { name: "S0" },
                identity: { type: "SystemAssigned" },
                properties: {
                    customSubDomainName: args.accountName,
                    disableLocalAuth: args.disableLocalAuth,
                    restore: args.restore ?? false,
                },
                tags: args.tags,
            },
            { parent: this, protect: args.protect ?? false },
        );

        const byFamily: Partial<Record<ModelFamily, string[]>> = {};
        const deployments: cognitiveservices.Deployment[] = [];
        let previous: cognitiveservices.Deployment | undefined;
        for (const deploymentName of Object.keys(args.deployments).sort()) {
            const deployment = args.deployments[deploymentName] as DeploymentConfig;
            previous = new cognitiveservices.Deployment(
                `${name}-${deploymentName}`,
                {
                    accountName: this.account.name,
                    resourceGroupName: args.resourceGroupName,
                    deploymentName,
                    sku: { name: deployment.deploymentType, capacity: deployment.capacity },
                    properties: {
                        model: { format: "OpenAI", name: deployment.model, version: deployment.version },
                        versionUpgradeOption: deployment.versionUpgradeOption,
                        raiPolicyName: deployment.contentFilter,
                    },
                },
                { parent: this, dependsOn: previous ? [previous] : [] },
            );
            deployments.push(previous);
            const family = deployment.family ?? findModel(deployment.model, deployment.version)?.family;
            if (family) {
                (byFamily[family] ??= []).push(deploymentName);
            }
        }
        this.deployments = deployments;
        this.lastDeployment = previous;
        this.deploymentNamesByFamily = byFamily;
        this.endpoint = this.account.properties.apply((properties) => properties.endpoint ?? "");

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

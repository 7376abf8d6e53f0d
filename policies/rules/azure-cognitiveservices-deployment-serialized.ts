/**
 * The deployments of one account are created one after another: each depends on the previous one.
 *
 * Severity medium. The product's own rule: Azure answers concurrent deployment operations on one
 * account with 409 RequestConflict (terraform-provider-azurerm #22607, Azure/bicep #11211; AVM keeps
 * `@batchSize(1)`). A stack policy over the dependency graph, which is known even during a preview.
 */
import type { PolicyResource } from "@pulumi/policy";
import { stackPolicy } from "../metadata";
import { ancestors, label, ofType, owningAccount } from "../lib/relations";
import { TYPES } from "../lib/types";

export const deploymentSerialized = stackPolicy({
    name: "azure-cognitiveservices-deployment-serialized",
    description:
        "The deployments of each account form one chain (each depends on the one before), so Azure never sees " +
        "two deployment operations on an account at once.",
    enforcementLevel: "mandatory",
    severity: "medium",
    origin: "product",
    publicIds: { other: ["azurerm #22607", "AVM @batchSize(1)"] },
    remediationSteps:
        "Give each deployment `dependsOn` the deployment created before it (the OpenAiAccount component does " +
        "this); accounts of different regions may still run in parallel.",
    validateStack: (args, reportViolation) => {
        const accounts = ofType(args.resources, TYPES.account);
        const byAccount = new Map<PolicyResource, PolicyResource[]>();
        for (const deployment of ofType(args.resources, TYPES.deployment)) {
            const account = owningAccount(deployment, accounts);
            if (account) {
                byAccount.set(account, [...(byAccount.get(account) ?? []), deployment]);
            }
        }
        for (const [account, deployments] of byAccount) {
            const before = new Map(deployments.map((deployment) => [deployment.urn, ancestors(deployment)]));
            const sorted = [...deployments].sort((a, b) => a.name.localeCompare(b.name));
            const pairs: string[] = [];
            sorted.forEach((first, index) => {
                for (const second of sorted.slice(index + 1)) {
                    const ordered =
                        before.get(second.urn)?.has(first.urn) === true ||
                        before.get(first.urn)?.has(second.urn) === true;
                    if (!ordered) {
                        pairs.push(`${label(first)} and ${label(second)}`);
                    }
                }
            });
            if (pairs.length > 0) {
                reportViolation(
                    `deployments of account ${label(account)} can run at the same time: ${pairs.join("; ")}. ` +
                        "Azure answers concurrent deployment operations on one account with 409 RequestConflict; " +
                        "make each deployment depend on the one before it.",
                    account.urn,
                );
            }
        }
    },
});

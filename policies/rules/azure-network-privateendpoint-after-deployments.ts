/**
 * A private endpoint of an account is created after all of the account's deployments: an account
 * still provisioning rejects it (AccountProvisioningStateInvalid).
 *
 * Severity medium. The product's own rule (terraform-provider-azurerm #15152/#31712,
 * DefangLabs/pulumi-defang #274). A stack policy over the dependency graph.
 */
import type { PolicyResource } from "@pulumi/policy";
import { stackPolicy } from "../metadata";
import { endpointRelation } from "../lib/links";
import { ancestors, label, ofType, owningAccount } from "../lib/relations";
import { TYPES } from "../lib/types";

export const privateEndpointAfterDeployments = stackPolicy({
    name: "azure-network-privateendpoint-after-deployments",
    description:
        "A private endpoint of an account depends (directly or through others) on every deployment of that account.",
    enforcementLevel: "mandatory",
    severity: "medium",
    origin: "product",
    publicIds: { other: ["azurerm #15152", "azurerm #31712"] },
    remediationSteps:
        "Add the account's last deployment to the private endpoint's dependsOn (deployments form a chain, so the " +
        "last one waits for all others). A `pulumi up` that failed this way succeeds when run again.",
    validateStack: (args, reportViolation) => {
        const accounts = ofType(args.resources, TYPES.account);
        const deployments = ofType(args.resources, TYPES.deployment);
        for (const endpoint of ofType(args.resources, TYPES.privateEndpoint)) {
            const account = accounts.find((candidate) => endpointRelation(endpoint, candidate, "account") === "yes");
            if (!account) {
                continue;
            }
            const waitsFor = ancestors(endpoint);
            const missed = deployments
                .filter((deployment: PolicyResource) => owningAccount(deployment, accounts)?.urn === account.urn)
                .filter((deployment) => !waitsFor.has(deployment.urn))
                .map(label)
                .sort();
            if (missed.length > 0) {
                reportViolation(
                    `private endpoint ${label(endpoint)} of account ${label(account)} does not wait for deployment ` +
                        `${missed.join(", ")}: an account still provisioning deployments rejects private endpoints ` +
                        "(AccountProvisioningStateInvalid).",
                    endpoint.urn,
                );
            }
        }
    },
});

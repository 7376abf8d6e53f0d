/**
 * Every deployment names its content filter explicitly: Microsoft.DefaultV2, or a content filter
 * (RAI policy) of the same account that is not weakened.
 *
 * Severity high. Corresponds to the preview initiative 5207647b "Guardrail for Cognitive Services
 * Deployments"; COMPLIANCE.md row 10. A stack policy: it relates deployments to RAI policies.
 */
import type { PolicyResource } from "@pulumi/policy";
import { stackPolicy } from "../metadata";
import { BUILT_IN_POLICIES, weakenings } from "../lib/content-filters";
import { configOf } from "../lib/policy";
import { label, ofType, owningAccount, stringProp } from "../lib/relations";
import { type DeploymentProps, type RaiPolicyProps, TYPES } from "../lib/types";
import { isUnknown, read, shown } from "../lib/values";

interface Config {
    readonly builtInPolicies: readonly string[];
}

const DEFAULTS: Config = { builtInPolicies: BUILT_IN_POLICIES };

export const deploymentContentFilter = stackPolicy({
    name: "azure-cognitiveservices-deployment-content-filter",
    description:
        "Deployments set properties.raiPolicyName to a built-in filter (Microsoft.DefaultV2) or to a content " +
        "filter of the same account that is not weakened.",
    enforcementLevel: "mandatory",
    severity: "high",
    origin: "row 10",
    publicIds: { other: ["preview initiative 5207647b"] },
    remediationSteps:
        'Set the deployment\'s content filter (stack config ...deployments.<name>.contentFilter) to "Microsoft.DefaultV2" ' +
        "or to a filter defined for the account under contentFilters that keeps Microsoft's default strictness.",
    configSchema: {
        properties: {
            builtInPolicies: {
                type: "array",
                items: { type: "string", minLength: 1 },
                minItems: 1,
                default: [...DEFAULTS.builtInPolicies],
                description: "Built-in content filters a deployment may name.",
            },
        },
    },
    validateStack: (args, reportViolation) => {
        const config = configOf(args, DEFAULTS);
        const accounts = ofType(args.resources, TYPES.account);
        const raiPolicies = ofType(args.resources, TYPES.raiPolicy);
        for (const deployment of ofType(args.resources, TYPES.deployment)) {
            const raiPolicyName = read(() => (deployment.props as DeploymentProps).properties?.raiPolicyName);
            if (isUnknown(raiPolicyName)) {
                continue;
            }
            if (typeof raiPolicyName !== "string" || raiPolicyName.length === 0) {
                reportViolation(
                    `deployment ${label(deployment)}: properties.raiPolicyName is ${shown(raiPolicyName)}, so the ` +
                        "service's default filter applies (it has changed before); name the filter explicitly.",
                    deployment.urn,
                );
                continue;
            }
            if (config.builtInPolicies.includes(raiPolicyName)) {
                continue;
            }
            const account = owningAccount(deployment, accounts);
            const candidates = raiPolicies.filter((raiPolicy: PolicyResource) => {
                const owner = owningAccount(raiPolicy, accounts);
                return owner === undefined || account === undefined || owner.urn === account.urn;
            });
            // `raiPolicyName` is an input (an ARM path parameter); the outputs a stack policy sees after
            // an update carry the same name as `name`.
            const names = candidates.map(
                (raiPolicy) => stringProp(raiPolicy, "raiPolicyName") ?? stringProp(raiPolicy, "name"),
            );
            const match = candidates.find((_, index) => names[index] === raiPolicyName);
            if (!match) {
                if (!names.some((name) => name === undefined || isUnknown(name))) {
                    reportViolation(
                        `deployment ${label(deployment)}: properties.raiPolicyName ${shown(raiPolicyName)} is neither ` +
                            `a built-in filter (${config.builtInPolicies.join(", ")}) nor a content filter of its account.`,
                        deployment.urn,
                    );
                }
                continue;
            }
            const problems = weakenings(match.props as RaiPolicyProps, config.builtInPolicies);
            if (problems.length > 0) {
                reportViolation(
                    `deployment ${label(deployment)}: content filter ${shown(raiPolicyName)} is weaker than ` +
                        `Microsoft's default: ${problems.join(" ")}`,
                    deployment.urn,
                );
            }
        }
    },
});

/**
 * A cap on the capacity all deployments of a region request together (cost control, and a guard
 * against one stack taking the subscription's whole regional quota).
 *
 * Severity medium. The product's own rule. A stack policy: a deployment's region is its account's.
 */
import { stackPolicy } from "../metadata";
import { configOf } from "../lib/policy";
import { ofType, owningAccount } from "../lib/relations";
import { type AccountProps, type DeploymentProps, TYPES } from "../lib/types";
import { isUnknown, read } from "../lib/values";

interface Config {
    readonly maxCapacityPerRegion: number;
}

const DEFAULTS: Config = { maxCapacityPerRegion: 5000 };

export const deploymentRegionCapacityCap = stackPolicy({
    name: "azure-cognitiveservices-deployment-region-capacity-cap",
    description:
        "The capacity of all deployments in one region (their accounts' location), summed, is at most " +
        "maxCapacityPerRegion.",
    enforcementLevel: "mandatory",
    severity: "medium",
    origin: "product",
    publicIds: {},
    remediationSteps:
        "Lower capacities in that region (stack config regions.<region>.deployments.*.capacity) or spread load to " +
        "another region; raise maxCapacityPerRegion in policies/config/<stack>.json only with the budget owner.",
    configSchema: {
        properties: {
            maxCapacityPerRegion: {
                type: "integer",
                minimum: 1,
                default: DEFAULTS.maxCapacityPerRegion,
                description: "Most capacity units all deployments of one region may have together.",
            },
        },
    },
    validateStack: (args, reportViolation) => {
        const cap = configOf(args, DEFAULTS).maxCapacityPerRegion;
        const accounts = ofType(args.resources, TYPES.account);
        const regions = new Map<string, { total: number; parts: string[]; urn: string }>();
        for (const deployment of ofType(args.resources, TYPES.deployment)) {
            const capacity = read(() => (deployment.props as DeploymentProps).sku?.capacity);
            const account = owningAccount(deployment, accounts);
            const location = account ? read(() => (account.props as AccountProps).location) : undefined;
            // A deployment that cannot be placed or measured yet is left out; it is judged once known.
            if (isUnknown(capacity) || typeof capacity !== "number" || !account || typeof location !== "string") {
                continue;
            }
            const entry = regions.get(location) ?? { total: 0, parts: [], urn: account.urn };
            entry.total += capacity;
            entry.parts.push(`${deployment.name} ${capacity}`);
            regions.set(location, entry);
        }
        for (const [region, { total, parts, urn }] of [...regions.entries()].sort()) {
            if (total > cap) {
                reportViolation(
                    `deployments in ${region} request ${total} capacity units, more than the cap of ${cap} per ` +
                        `region (${parts.sort().join(", ")}).`,
                    urn,
                );
            }
        }
    },
});

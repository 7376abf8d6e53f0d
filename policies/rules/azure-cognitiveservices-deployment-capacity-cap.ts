/**
 * A cap on each deployment's capacity (cost control: capacity units are thousands of tokens per
 * minute, or PTUs for provisioned types).
 *
 * Severity medium. The product's own rule.
 */
import { resourcePolicy } from "../metadata";
import { configOf, validateType } from "../lib/policy";
import { type DeploymentProps, TYPES } from "../lib/types";
import { isUnknown, read, shown } from "../lib/values";

interface Config {
    readonly maxCapacity: number;
    /** Caps per deployment type (sku.name) that replace maxCapacity for that type. */
    readonly maxCapacityByType: Readonly<Record<string, number>>;
}

const DEFAULTS: Config = { maxCapacity: 1000, maxCapacityByType: {} };

export const deploymentCapacityCap = resourcePolicy({
    name: "azure-cognitiveservices-deployment-capacity-cap",
    description:
        "Each deployment's sku.capacity is at most maxCapacity (or the cap maxCapacityByType sets for its type).",
    enforcementLevel: "mandatory",
    severity: "medium",
    origin: "product",
    publicIds: {},
    remediationSteps:
        "Lower the deployment's capacity (stack config regions.<region>.deployments.<name>.capacity), or raise " +
        "the cap in policies/config/<stack>.json after the budget owner agrees.",
    configSchema: {
        properties: {
            maxCapacity: {
                type: "integer",
                minimum: 1,
                default: DEFAULTS.maxCapacity,
                description: "Most capacity units one deployment may have.",
            },
            maxCapacityByType: {
                type: "object",
                additionalProperties: { type: "integer", minimum: 1 },
                default: { ...DEFAULTS.maxCapacityByType },
                description: 'Caps per deployment type (sku.name), e.g. { "ProvisionedManaged": 100 }.',
            },
        },
    },
    validateResource: validateType<DeploymentProps>(TYPES.deployment, (deployment, args, reportViolation) => {
        const capacity = read(() => deployment.sku?.capacity);
        const type = read(() => deployment.sku?.name);
        if (isUnknown(capacity) || isUnknown(type) || capacity === undefined) {
            return;
        }
        const config = configOf(args, DEFAULTS);
        const typeCap = typeof type === "string" ? config.maxCapacityByType[type] : undefined;
        const cap = typeCap ?? config.maxCapacity;
        if (typeof capacity !== "number" || capacity > cap) {
            const scope = typeCap !== undefined ? `${String(type)} deployment` : "deployment";
            reportViolation(`sku.capacity ${shown(capacity)} exceeds the cap of ${cap} capacity units per ${scope}.`);
        }
    }),
});

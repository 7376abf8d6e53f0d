/**
 * Deployments only of approved deployment types (sku.name): where inference runs and how it is
 * billed, e.g. no Global types where data must stay in a data zone, no DeveloperTier in prod.
 *
 * Severity medium. Microsoft documents denying a deployment type by `sku.name` with Azure Policy;
 * COMPLIANCE.md row 9.
 */
import { resourcePolicy } from "../metadata";
import { configOf, validateType } from "../lib/policy";
import { DEPLOYMENT_TYPES } from "../catalog/types";
import { type DeploymentProps, TYPES } from "../lib/types";
import { isUnknown, read, shown } from "../lib/values";

interface Config {
    readonly allowedDeploymentTypes: readonly string[];
}

const DEFAULTS: Config = { allowedDeploymentTypes: DEPLOYMENT_TYPES };

export const deploymentAllowedTypes = resourcePolicy({
    name: "azure-cognitiveservices-deployment-allowed-types",
    description: "Deployments use an approved deployment type: sku.name is in allowedDeploymentTypes.",
    enforcementLevel: "mandatory",
    severity: "medium",
    origin: "row 9",
    publicIds: { other: ["Microsoft docs: deny a deployment type by sku.name"] },
    remediationSteps:
        "Choose an approved deployment type (stack config regions.<region>.deployments.<name>.deploymentType), " +
        "e.g. DataZoneStandard to keep inference in the EU or US data zone.",
    configSchema: {
        properties: {
            allowedDeploymentTypes: {
                type: "array",
                items: { type: "string", enum: [...DEPLOYMENT_TYPES] },
                uniqueItems: true,
                minItems: 1,
                default: [...DEFAULTS.allowedDeploymentTypes],
                description: "Deployment types (sku.name) allowed in this environment.",
            },
        },
    },
    validateResource: validateType<DeploymentProps>(TYPES.deployment, (deployment, args, reportViolation) => {
        const type = read(() => deployment.sku?.name);
        if (isUnknown(type)) {
            return;
        }
        const allowed = configOf(args, DEFAULTS).allowedDeploymentTypes;
        if (typeof type !== "string" || !allowed.includes(type)) {
            reportViolation(
                `sku.name ${shown(type)} is not an allowed deployment type; allowed: ${allowed.join(", ")}.`,
            );
        }
    }),
});

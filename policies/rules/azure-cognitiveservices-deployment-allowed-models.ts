/**
 * Model deployments only of approved models (and, when pinned, approved versions).
 *
 * Severity high. Mirrors Azure Policy aafe3651 (allowed models, data-plane mode); COMPLIANCE.md
 * row 9.
 */
import { MODEL_CATALOG } from "../catalog/models";
import { resourcePolicy } from "../metadata";
import { configOf, validateType } from "../lib/policy";
import { type DeploymentProps, TYPES } from "../lib/types";
import { isUnknown, read } from "../lib/values";

interface Config {
    /** `name` (any version) or `name@version`. */
    readonly allowedModels: readonly string[];
}

/** Default: every model the catalog knows, any version; each environment's config narrows it. */
const DEFAULTS: Config = { allowedModels: [...new Set(MODEL_CATALOG.map((model) => model.name))].sort() };

export const deploymentAllowedModels = resourcePolicy({
    name: "azure-cognitiveservices-deployment-allowed-models",
    description:
        'Deployments use an approved model: properties.model.name is in allowedModels (an entry "name@version" ' +
        "approves only that version).",
    enforcementLevel: "mandatory",
    severity: "high",
    origin: "row 9",
    publicIds: { azurePolicy: ["aafe3651"] },
    remediationSteps:
        "Deploy one of the approved models (stack config regions.<region>.deployments.<name>.model / version), " +
        "or, after review, add the model to allowedModels in policies/config/<stack>.json.",
    configSchema: {
        properties: {
            allowedModels: {
                type: "array",
                items: { type: "string", pattern: "^[^@\\s]+(@[^@\\s]+)?$" },
                uniqueItems: true,
                default: [...DEFAULTS.allowedModels],
                description: 'Model names ("gpt-5.4-mini") or pinned versions ("gpt-5.4-mini@2026-03-17").',
            },
        },
    },
    validateResource: validateType<DeploymentProps>(TYPES.deployment, (deployment, args, reportViolation) => {
        const name = read(() => deployment.properties?.model?.name);
        const version = read(() => deployment.properties?.model?.version);
        if (isUnknown(name) || isUnknown(version)) {
            return;
        }
        const allowed = configOf(args, DEFAULTS).allowedModels;
        const approved = allowed.some((entry) => entry === name || entry === `${String(name)}@${String(version)}`);
        if (!approved) {
            reportViolation(
                `model ${String(name)} ${String(version)} is not approved for this environment; allowed: ` +
                    `${allowed.join(", ")}.`,
            );
        }
    }),
});

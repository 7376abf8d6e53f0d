/**
 * No retired model version, and none retiring within a configurable window, judged by the model
 * catalog (policies/catalog, which the program reads too).
 *
 * Severity high. The product's own rule: no public rule set knows Azure OpenAI's retirement dates.
 * A retired version is refused by Azure (ServiceModelDeprecating) and answers HTTP 410.
 */
import { CATALOG_FACTS_AS_OF, effectiveStage, findModel, successorAdvice } from "../catalog/models";
import { resourcePolicy } from "../metadata";
import { configOf, validateType } from "../lib/policy";
import { type DeploymentProps, TYPES } from "../lib/types";
import { isUnknown, read } from "../lib/values";

interface Config {
    readonly retirementWindowDays: number;
    /** The date to judge lifecycle on (YYYY-MM-DD); default: today. The offline plan sets its date. */
    readonly asOf?: string;
}

const DEFAULTS: Config = { retirementWindowDays: 90 };

const DAY_MS = 24 * 60 * 60 * 1000;

function today(): Date {
    const now = new Date();
    return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
}

export const deploymentModelLifecycle = resourcePolicy({
    name: "azure-cognitiveservices-deployment-model-lifecycle",
    description:
        "Deployments use a model version the catalog knows that is not retired and does not retire within " +
        "retirementWindowDays.",
    enforcementLevel: "mandatory",
    severity: "high",
    origin: "product",
    publicIds: {},
    remediationSteps:
        "Move the deployment to the replacement or suggested successor the message names (stack config " +
        "regions.<region>.deployments.<name>.model / version), then plan again; if the catalog is out of date, " +
        "refresh it from Microsoft's Models API with npm run catalog:sync (docs/models.md).",
    configSchema: {
        properties: {
            retirementWindowDays: {
                type: "integer",
                minimum: 0,
                maximum: 730,
                default: DEFAULTS.retirementWindowDays,
                description: "A version retiring within this many days is a violation.",
            },
            asOf: {
                type: "string",
                pattern: "^\\d{4}-\\d{2}-\\d{2}$",
                description: "Judge lifecycle as of this date (YYYY-MM-DD) instead of today.",
            },
        },
    },
    validateResource: validateType<DeploymentProps>(TYPES.deployment, (deployment, args, reportViolation) => {
        const name = read(() => deployment.properties?.model?.name);
        const version = read(() => deployment.properties?.model?.version);
        if (isUnknown(name) || isUnknown(version)) {
            return;
        }
        const config = configOf(args, DEFAULTS);
        const now = config.asOf ? new Date(`${config.asOf}T00:00:00Z`) : today();
        const label = `${String(name)} ${String(version)}`;
        const model = typeof name === "string" && typeof version === "string" ? findModel(name, version) : undefined;
        if (!model) {
            reportViolation(
                `model ${label} is not in the model catalog (facts as of ${CATALOG_FACTS_AS_OF}): its lifecycle ` +
                    "cannot be checked; use a cataloged version or refresh the catalog with npm run catalog:sync.",
            );
            return;
        }
        const replacement = successorAdvice(model, now);
        const retirement = model.lifecycle.retirementDate;
        if (effectiveStage(model, now) === "Retired") {
            const when = retirement ? `retired on ${retirement}` : "is retired";
            reportViolation(`model ${label} ${when}: Azure refuses new deployments and calls fail${replacement}.`);
            return;
        }
        if (retirement !== undefined) {
            const daysLeft = Math.floor((Date.parse(`${retirement}T00:00:00Z`) - now.getTime()) / DAY_MS);
            if (daysLeft <= config.retirementWindowDays) {
                reportViolation(
                    `model ${label} retires on ${retirement}, in ${daysLeft} days (within the ` +
                        `${config.retirementWindowDays}-day window)${replacement}.`,
                );
            }
        }
    }),
});

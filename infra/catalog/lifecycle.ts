/**
 * Plan-time checks of a deployment against the model catalog, in the order Microsoft's docs imply:
 * model and version exist → lifecycle → deployment type → region → provisioned sizing.
 */
import {
    CATALOG_FACTS_AS_OF,
    effectiveStage,
    findModel,
    MODEL_CATALOG,
    successorAdvice,
} from "../../policies/catalog/models";
import type { CatalogModel, CatalogProblem, DeploymentType, ModelFamily } from "../../policies/catalog/types";

export { effectiveStage, findModel, successorAdvice };

/** A deployment's family: the one its config names, else its model's in the catalog. */
export function familyOf(deployment: {
    readonly family?: ModelFamily | undefined;
    readonly model: string;
    readonly version: string;
}): ModelFamily | undefined {
    return deployment.family ?? findModel(deployment.model, deployment.version)?.family;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** Returns "now"; injected so that tests and the plan can fix the date. */
export type Clock = () => Date;
export const systemClock: Clock = () => new Date();

export interface CatalogFinding {
    readonly problems: CatalogProblem[];
    readonly warnings: string[];
}

export interface DeploymentRequest {
    /** Config path of the deployment, e.g. `regions.swedencentral.deployments.chat`. */
    readonly key: string;
    readonly region: string;
    readonly model: string;
    readonly version: string;
    readonly deploymentType: DeploymentType;
    readonly capacity: number;
    readonly versionUpgradeOption: string;
    readonly allowDeprecated: boolean;
}

function daysBetween(from: Date, toIsoDate: string): number {
    return Math.floor((Date.parse(`${toIsoDate}T00:00:00Z`) - from.getTime()) / DAY_MS);
}

const PROVISIONED_TYPES: readonly DeploymentType[] = [
    "ProvisionedManaged",
    "GlobalProvisionedManaged",
    "DataZoneProvisionedManaged",
];

/** Checks one deployment; `models` is the shipped catalog unless a test or the sync passes another. */
export function checkDeployment(
    request: DeploymentRequest,
    now: Date,
    warningDays: number,
    models: readonly CatalogModel[] = MODEL_CATALOG,
): CatalogFinding {
    const problems: CatalogProblem[] = [];
    const warnings: string[] = [];
    const versions = models.filter((m) => m.name === request.model);
    if (versions.length === 0) {
        const names = [...new Set(models.map((m) => m.name))].sort();
        problems.push({
            key: `${request.key}.model`,
            given: JSON.stringify(request.model),
            allowed: `a model in the catalog: ${names.join(", ")}`,
        });
        return { problems, warnings };
    }
    const model = versions.find((m) => m.version === request.version);
    if (!model) {
        problems.push({
            key: `${request.key}.version`,
            given: JSON.stringify(request.version),
            allowed: `a known version of ${request.model}: ${versions.map((m) => m.version).join(", ")}`,
        });
        return { problems, warnings };
    }
    const label = `${model.name} ${model.version}`;
    const stage = effectiveStage(model, now);
    if (stage === "Retired") {
        const when = model.lifecycle.retirementDate
            ? `retired on ${model.lifecycle.retirementDate}`
            : "is not deployable (no longer in Microsoft's schedules)";
        problems.push({
            key: `${request.key}.model`,
            given: JSON.stringify(`${label}`),
            allowed: `a model that is not retired: ${label} ${when}${successorAdvice(model, now, request, models)}`,
        });
        return { problems, warnings };
    }
    if (stage === "Deprecated" && !request.allowDeprecated) {
        const since = model.lifecycle.deprecationDate ? ` since ${model.lifecycle.deprecationDate}` : "";
        const retires = model.lifecycle.retirementDate ? `, retires ${model.lifecycle.retirementDate}` : "";
        problems.push({
            key: `${request.key}.model`,
            given: JSON.stringify(label),
            allowed:
                `a model open to new subscriptions: ${label} is Deprecated${since}${retires}${successorAdvice(model, now, request, models)}` +
                ` (set allowDeprecated: true only if this subscription has deployed ${label} before)`,
        });
    }
    const retirement = model.lifecycle.retirementDate;
    if (retirement !== undefined) {
        const daysLeft = daysBetween(now, retirement);
        if (daysLeft <= warningDays) {
            warnings.push(
                `${request.key}: ${label} retires on ${retirement} (in ${daysLeft} days)${successorAdvice(model, now, request, models)}; ` +
                    "plan the move before Azure refuses it.",
            );
        }
    }
    if (stage === "Legacy" && (retirement === undefined || daysBetween(now, retirement) > warningDays)) {
        const until = retirement !== undefined ? ` until it retires on ${retirement}` : "";
        warnings.push(
            `${request.key}: ${label} is Legacy: still deployable${until}, but Microsoft asks customers to migrate` +
                `${successorAdvice(model, now, request, models)}.`,
        );
    }
    if (stage === "Preview") {
        warnings.push(
            `${request.key}: ${label} is in Preview; Microsoft may upgrade or retire it with 30 days' notice.`,
        );
    }
    if (model.access === "limited-access") {
        warnings.push(`${request.key}: ${label} needs limited-access registration for the subscription.`);
    } else if (model.access === "quota-tier") {
        warnings.push(
            `${request.key}: ${label} has default quota only in quota tiers 5 and 6; lower tiers must request it.`,
        );
    }

    const offered = Object.keys(model.deploymentTypes) as DeploymentType[];
    const regions = model.deploymentTypes[request.deploymentType];
    if (!regions) {
        problems.push({
            key: `${request.key}.deploymentType`,
            given: JSON.stringify(request.deploymentType),
            allowed:
                offered.length > 0
                    ? `a deployment type ${label} offers: ${offered.join(", ")}`
                    : `none: no deployment type of ${label} is documented`,
        });
        return { problems, warnings };
    }
    if (!regions.includes(request.region)) {
        problems.push({
            key: `${request.key}.deploymentType`,
            given: `${request.deploymentType} in ${request.region}`,
            allowed: `${label} ${request.deploymentType} is offered in: ${regions.join(", ")}`,
        });
    }
    if (PROVISIONED_TYPES.includes(request.deploymentType)) {
        if (model.provisioned) {
            const regional = request.deploymentType === "ProvisionedManaged";
            const minimum = regional ? model.provisioned.regionalMinimum : model.provisioned.globalMinimum;
            const increment = regional ? model.provisioned.regionalIncrement : model.provisioned.globalIncrement;
            if (request.capacity < minimum || (request.capacity - minimum) % increment !== 0) {
                problems.push({
                    key: `${request.key}.capacity`,
                    given: String(request.capacity),
                    allowed: `PTUs for ${label} ${request.deploymentType}: at least ${minimum}, in steps of ${increment}`,
                });
            }
        }
        if (request.versionUpgradeOption !== "NoAutoUpgrade") {
            warnings.push(
                `${request.key}: versionUpgradeOption has no effect on provisioned deployments; they are never auto-upgraded.`,
            );
        }
    }
    return { problems, warnings };
}

/** Warns when the catalog's facts are older than the stack accepts. */
export function checkCatalogAge(now: Date, maxAgeDays: number): string | undefined {
    const age = -daysBetween(now, CATALOG_FACTS_AS_OF);
    if (age > maxAgeDays) {
        return (
            `The model catalog's facts are from ${CATALOG_FACTS_AS_OF} (${age} days old, more than ` +
            `lifecycle.catalogMaxAgeDays = ${maxAgeDays}); Microsoft moves retirement dates often: check ` +
            "the Models API with npm run catalog:sync (docs/models.md)."
        );
    }
    return undefined;
}

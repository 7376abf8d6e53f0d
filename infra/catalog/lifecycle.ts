/**
 * Plan-time checks of a deployment against the model catalog, in the order Microsoft's docs imply:
 * model and version exist → lifecycle → deployment type → region → provisioned sizing.
 */
import type { Problem } from "../config/rules";
import { CATALOG_FACTS_AS_OF, MODEL_CATALOG } from "./models";
import type { CatalogModel, DeploymentType } from "./types";

const DAY_MS = 24 * 60 * 60 * 1000;

/** Returns "now"; injected so that tests and the plan can fix the date. */
export type Clock = () => Date;
export const systemClock: Clock = () => new Date();

export interface CatalogFinding {
    readonly problems: Problem[];
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

export function findModel(name: string, version: string): CatalogModel | undefined {
    return MODEL_CATALOG.find((m) => m.name === name && m.version === version);
}

function daysBetween(from: Date, toIsoDate: string): number {
    return Math.floor((Date.parse(`${toIsoDate}T00:00:00Z`) - from.getTime()) / DAY_MS);
}

function isOnOrBefore(isoDate: string | undefined, now: Date): boolean {
    return isoDate !== undefined && Date.parse(`${isoDate}T00:00:00Z`) <= now.getTime();
}

/** Lifecycle as of `now`: dates in the catalog win over the recorded stage once they have passed. */
export function effectiveStage(model: CatalogModel, now: Date): CatalogModel["lifecycle"]["stage"] {
    const { lifecycle } = model;
    if (lifecycle.stage === "Retired" || isOnOrBefore(lifecycle.retirementDate, now)) {
        return "Retired";
    }
    if (lifecycle.stage === "Deprecated" || isOnOrBefore(lifecycle.deprecationDate, now)) {
        return "Deprecated";
    }
    return lifecycle.stage;
}

const PROVISIONED_TYPES: readonly DeploymentType[] = [
    "ProvisionedManaged",
    "GlobalProvisionedManaged",
    "DataZoneProvisionedManaged",
];

function replacementHint(model: CatalogModel): string {
    return model.lifecycle.replacement ? `; Microsoft's replacement: ${model.lifecycle.replacement}` : "";
}

export function checkDeployment(request: DeploymentRequest, now: Date, warningDays: number): CatalogFinding {
    const problems: Problem[] = [];
    const warnings: string[] = [];
    const versions = MODEL_CATALOG.filter((m) => m.name === request.model);
    if (versions.length === 0) {
        const names = [...new Set(MODEL_CATALOG.map((m) => m.name))].sort();
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
            allowed: `a model that is not retired: ${label} ${when}${replacementHint(model)}`,
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
                `a model open to new subscriptions: ${label} is Deprecated${since}${retires}${replacementHint(model)}` +
                ` (set allowDeprecated: true only if this subscription has deployed ${label} before)`,
        });
    }
    const retirement = model.lifecycle.retirementDate;
    if (retirement !== undefined) {
        const daysLeft = daysBetween(now, retirement);
        if (daysLeft <= warningDays) {
            warnings.push(
                `${request.key}: ${label} retires on ${retirement} (in ${daysLeft} days)${replacementHint(model)}; ` +
                    "plan the move before Azure refuses it.",
            );
        }
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
            "the Models API (az cognitiveservices model list) and update infra/catalog/models.ts."
        );
    }
    return undefined;
}

/**
 * Generated stacks for the scaling benchmark: N regions × M deployments, prod-shaped (private
 * endpoints, vault, monitoring, customer-managed key, locks), built in memory from the model
 * catalog so that every deployment is one the catalog offers in its region on the plan's date —
 * the plan validates them exactly as it validates a shipped stack.
 */
import { checkDeployment } from "../infra/catalog/lifecycle";
import { KNOWN_REGIONS, MODEL_CATALOG } from "../policies/catalog/models";
import type { DeploymentType } from "../policies/catalog/types";

/** Pay-as-you-go types only: provisioned ones need PTU minimums, batch ones are a different API. */
const DEPLOYMENT_TYPES: readonly DeploymentType[] = ["GlobalStandard", "DataZoneStandard", "Standard"];
const RETIREMENT_WARNING_DAYS = 90;

export interface GeneratedDeployment {
    readonly model: string;
    readonly version: string;
    readonly deploymentType: DeploymentType;
    readonly capacity: number;
    readonly versionUpgradeOption: "NoAutoUpgrade";
}

export interface GeneratedStack {
    readonly stack: string;
    readonly regions: readonly string[];
    /** Stack config without the project namespace (key → value), as in `Pulumi.<stack>.yaml`. */
    readonly config: Record<string, unknown>;
}

/** Deployments the catalog offers in `region` on `now`, open to every subscription, without problems. */
export function offeredDeployments(region: string, now: Date): GeneratedDeployment[] {
    const offered: GeneratedDeployment[] = [];
    for (const model of MODEL_CATALOG) {
        if (model.access !== "open") {
            continue;
        }
        for (const deploymentType of DEPLOYMENT_TYPES) {
            if (!model.deploymentTypes[deploymentType]?.includes(region)) {
                continue;
            }
            const deployment: GeneratedDeployment = {
                model: model.name,
                version: model.version,
                deploymentType,
                capacity: 1,
                versionUpgradeOption: "NoAutoUpgrade",
            };
            const finding = checkDeployment(
                { key: "bench", region, allowDeprecated: false, ...deployment },
                now,
                RETIREMENT_WARNING_DAYS,
            );
            if (finding.problems.length === 0 && finding.warnings.length === 0) {
                offered.push(deployment);
            }
        }
    }
    return offered;
}

/** The regions with the most offered deployments (at least `deploymentsPerRegion`), busiest first. */
export function busiestRegions(count: number, deploymentsPerRegion: number, now: Date): string[] {
    const ranked = KNOWN_REGIONS.map((region) => ({ region, offered: offeredDeployments(region, now).length }))
        .filter((entry) => entry.offered >= deploymentsPerRegion)
        .sort((a, b) => b.offered - a.offered || (a.region < b.region ? -1 : 1));
    if (ranked.length < count) {
        throw new Error(
            `the catalog offers ${deploymentsPerRegion} deployments in only ${ranked.length} regions, not ${count}`,
        );
    }
    return ranked.slice(0, count).map((entry) => entry.region);
}

export function generatedStack(regionCount: number, deploymentsPerRegion: number, now: Date): GeneratedStack {
    const regions = busiestRegions(regionCount, deploymentsPerRegion, now);
    const regionConfig: Record<string, unknown> = {};
    for (const region of regions) {
        const deployments: Record<string, GeneratedDeployment> = {};
        offeredDeployments(region, now)
            .slice(0, deploymentsPerRegion)
            .forEach((deployment, index) => {
                deployments[`d${index + 1}-${deployment.model}`] = deployment;
            });
        regionConfig[region] = { deployments };
    }
    return {
        stack: `bench-${regionCount}x${deploymentsPerRegion}`,
        regions,
        config: {
            environment: "prod",
            location: regions[0],
            namePrefix: "aoai-bench",
            tags: { owner: "bench", costCenter: "cc-0000" },
            network: {
                privateEndpoints: {
                    enabled: true,
                    virtualNetwork: { addressSpaces: ["10.70.0.0/24"], subnetPrefix: "10.70.0.0/25" },
                },
            },
            monitoring: { enabled: true },
            regions: regionConfig,
        },
    };
}

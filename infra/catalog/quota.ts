/**
 * Default quota of a Tier 1 subscription (the lowest paid tier), in capacity units of 1,000 tokens per minute, per
 * model and deployment type, from `tier1Quota` in catalog.json. Only models whose unit is documented as 1,000 TPM are
 * listed; a missing deployment type means the tier has no default quota for it. Higher tiers have more: these are
 * hints for the plan, not limits.
 */
import { CATALOG_DATA, SOURCES } from "../../policies/catalog/models";
import type { DeploymentType } from "../../policies/catalog/types";

const source = SOURCES[CATALOG_DATA.tier1Quota.source];
export const TIER_1_QUOTA_SOURCE = `Azure OpenAI quota tiers, Tier 1 (ms.date ${source?.date ?? "unknown"})`;

export const TIER_1_DEFAULT_QUOTA: Readonly<Record<string, Readonly<Partial<Record<DeploymentType, number>>>>> =
    CATALOG_DATA.tier1Quota.unitsPerModel;

/**
 * A hint when a stack that declares no quota asks for more capacity than a Tier 1 subscription gets
 * by default; undefined when the model is not in the table or the request fits.
 */
export function tier1QuotaHint(model: string, deploymentType: DeploymentType, total: number): string | undefined {
    const row = TIER_1_DEFAULT_QUOTA[model];
    if (!row) {
        return undefined;
    }
    const units = row[deploymentType];
    if (units === undefined) {
        return `a Tier 1 subscription has no default ${deploymentType} quota for ${model} (${TIER_1_QUOTA_SOURCE})`;
    }
    return total > units
        ? `a Tier 1 subscription gets only ${units} units by default (${TIER_1_QUOTA_SOURCE})`
        : undefined;
}

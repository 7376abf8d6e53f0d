/**
 * Default quota of a Tier 1 subscription (the lowest paid tier), in capacity units of 1,000 tokens
 * per minute, per region, model and deployment type. Source: Microsoft's quota tier table
 * (articles/foundry/openai/includes/quota-tier/tier-1.md, ms.date 2026-08-20, catalog source S14)
 * with the unit from S15 (1 capacity unit = 1,000 TPM for these models). Only models whose unit is
 * documented as 1,000 TPM are listed; a missing deployment type means the tier has no default quota
 * for it ("—" in the table). Higher tiers have more: these are hints for the plan, not limits.
 */
import type { DeploymentType } from "./types";

export const TIER_1_QUOTA_SOURCE = "Azure OpenAI quota tiers, Tier 1 (ms.date 2026-08-20)";

export const TIER_1_DEFAULT_QUOTA: Readonly<Record<string, Readonly<Partial<Record<DeploymentType, number>>>>> = {
    "gpt-4.1": { GlobalStandard: 1000, DataZoneStandard: 300 },
    "gpt-4.1-mini": { GlobalStandard: 5000, DataZoneStandard: 2000, Standard: 6000 },
    "gpt-4.1-nano": { GlobalStandard: 5000, DataZoneStandard: 2000 },
    "gpt-4o-mini": { GlobalStandard: 2000, DataZoneStandard: 1000 },
    "gpt-5": { GlobalStandard: 1000, DataZoneStandard: 300 },
    "gpt-5-mini": { GlobalStandard: 1000, DataZoneStandard: 300 },
    "gpt-5-nano": { GlobalStandard: 5000, DataZoneStandard: 2000 },
    "gpt-5.1": { GlobalStandard: 1000, DataZoneStandard: 300, Standard: 300 },
    "gpt-5.2": { GlobalStandard: 1000, DataZoneStandard: 300 },
    "gpt-5.4": { GlobalStandard: 1000, DataZoneStandard: 300 },
    "gpt-5.4-mini": { GlobalStandard: 1000 },
    "gpt-5.4-nano": { GlobalStandard: 5000, DataZoneStandard: 2000 },
    "gpt-5.4-pro": { GlobalStandard: 160 },
    "gpt-5.5": { GlobalStandard: 1000, DataZoneStandard: 333 },
    "gpt-5.6-luna": { GlobalStandard: 1000, DataZoneStandard: 333 },
    "gpt-5.6-sol": { GlobalStandard: 1000, DataZoneStandard: 333 },
    "gpt-5.6-terra": { GlobalStandard: 1000, DataZoneStandard: 333 },
    "text-embedding-3-small": { GlobalStandard: 1000, DataZoneStandard: 1000 },
    "text-embedding-3-large": { GlobalStandard: 1000, DataZoneStandard: 1000 },
};

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

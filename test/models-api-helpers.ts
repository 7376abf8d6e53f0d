/** Models API responses for the sync tests: what the API would say about a region if it agreed with the catalog. */
import { effectiveStage, MODEL_CATALOG } from "../policies/catalog/models";
import type { ApiModel } from "../tools/catalog-sync/drift";
import type { LifecycleStage } from "../policies/catalog/types";

/** Catalog stage → the API's `lifecycleStatus` (the inverse of tools/catalog-sync/status.ts). */
const API_STATUS: Record<Exclude<LifecycleStage, "Retired">, string> = {
    Preview: "Preview",
    GA: "GenerallyAvailable",
    Legacy: "Legacy",
    Deprecated: "Deprecating",
};

export function catalogAsModelsApi(region: string, today: string): { value: ApiModel[] } {
    const day = new Date(`${today}T00:00:00Z`);
    const value: ApiModel[] = [];
    for (const model of MODEL_CATALOG) {
        const stage = effectiveStage(model, day);
        const skus = Object.entries(model.deploymentTypes)
            .filter(([, regions]) => regions?.includes(region))
            .map(([name]) => ({ name }));
        if (stage === "Retired" || skus.length === 0) {
            continue;
        }
        value.push({
            kind: "OpenAI",
            model: {
                format: "OpenAI",
                name: model.name,
                version: model.version,
                lifecycleStatus: API_STATUS[stage],
                ...(model.lifecycle.retirementDate
                    ? { deprecation: { inference: `${model.lifecycle.retirementDate}T00:00:00Z` } }
                    : {}),
                skus,
            },
        });
    }
    return { value };
}

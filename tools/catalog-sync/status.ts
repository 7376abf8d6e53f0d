/**
 * How the Models API's `lifecycleStatus` maps onto the catalog's stages. The API's names are not the docs' names:
 * Microsoft's lifecycle page (learn.microsoft.com/azure/foundry/openai/concepts/model-retirements) says the API's
 * `Deprecating` is the docs' Deprecated (existing customers only) and the API's `Deprecated` is the docs' Retired.
 */
import type { LifecycleStage } from "../../policies/catalog/types";

/** API status → catalog stage (documented in docs/models.md, tested in test/catalog-sync.test.ts). */
export const API_STATUS_TO_STAGE: Readonly<Record<string, LifecycleStage>> = {
    Preview: "Preview",
    GenerallyAvailable: "GA",
    Stable: "GA",
    Legacy: "Legacy",
    Deprecating: "Deprecated",
    Deprecated: "Retired",
};

/**
 * The stage a Models API entry states on `today`: a `deprecation.inference` date that has passed means retired even
 * when the status has not caught up (Microsoft's lifecycle page says so). Undefined when the status is missing or
 * unknown (the caller reports it rather than guessing).
 */
export function stageFromApi(
    status: string | undefined,
    inferenceDate: string | undefined,
    today: string,
): LifecycleStage | undefined {
    if (inferenceDate !== undefined && inferenceDate <= today) {
        return "Retired";
    }
    if (status === undefined) {
        return undefined;
    }
    const known = Object.entries(API_STATUS_TO_STAGE).find(([name]) => name.toLowerCase() === status.toLowerCase());
    return known?.[1];
}

/**
 * Resources only in allowed regions (data residency, and where the platform team operates).
 *
 * Severity high. The product's own rule; Azure's built-in equivalent is the "Allowed locations"
 * policy (e56962a6), which this mirrors for the resources a stack creates.
 */
import { KNOWN_REGIONS } from "../catalog/models";
import { resourcePolicy } from "../metadata";
import { configOf } from "../lib/policy";
import { isUnknown, read, shown } from "../lib/values";

interface Config {
    readonly allowedRegions: readonly string[];
}

/** Default: every region the model catalog knows; each environment's config narrows it. */
const DEFAULTS: Config = { allowedRegions: KNOWN_REGIONS };

/** Region names as ARM compares them: "Sweden Central" and "swedencentral" are the same region. */
function normalise(region: string): string {
    return region.replace(/\s+/g, "").toLowerCase();
}

export const anyResourceAllowedRegions = resourcePolicy({
    name: "azure-any-resource-allowed-regions",
    description:
        'Every Azure resource with a location is in an allowed region ("global" resources such as private DNS ' +
        "zones are exempt).",
    enforcementLevel: "mandatory",
    severity: "high",
    origin: "product",
    publicIds: { azurePolicy: ["e56962a6"] },
    remediationSteps:
        "Move the resource (for an account: the region key under `regions` in the stack config) to one of the " +
        "allowed regions, or add the region to allowedRegions in policies/config/<stack>.json after review.",
    configSchema: {
        properties: {
            allowedRegions: {
                type: "array",
                items: { type: "string", minLength: 1 },
                minItems: 1,
                default: [...DEFAULTS.allowedRegions],
                description: "Azure region names (e.g. swedencentral); default: every region the model catalog knows.",
            },
        },
    },
    validateResource: (args, reportViolation) => {
        if (!args.type.startsWith("azure-native:")) {
            return args.notApplicable("Policy only applies to azure-native resources");
        }
        const location = read(() => (args.props as { location?: unknown }).location);
        if (isUnknown(location) || location === undefined) {
            return;
        }
        const allowed = configOf(args, DEFAULTS).allowedRegions;
        if (typeof location === "string" && normalise(location) === "global") {
            return;
        }
        if (typeof location !== "string" || !allowed.some((region) => normalise(region) === normalise(location))) {
            reportViolation(`location ${shown(location)} is not an allowed region; allowed: ${allowed.join(", ")}.`);
        }
    },
});

/**
 * The network rule both accounts and vaults answer to (Azure Policy 037eea7a for AI services,
 * 55615ac9 for Key Vault test the same condition): not open to every network.
 */
import { isUnknown, shown } from "./values";

export interface NetworkRestrictionConfig {
    readonly requirePublicNetworkAccessDisabled: boolean;
}

export const NETWORK_RESTRICTION_DEFAULTS: NetworkRestrictionConfig = { requirePublicNetworkAccessDisabled: false };

export const NETWORK_RESTRICTION_SCHEMA = {
    properties: {
        requirePublicNetworkAccessDisabled: {
            type: "boolean" as const,
            default: NETWORK_RESTRICTION_DEFAULTS.requirePublicNetworkAccessDisabled,
            description: 'Require publicNetworkAccess "Disabled" (a firewall alone is not enough).',
        },
    },
};

/**
 * Reports when `publicNetworkAccess` is not "Disabled" and either the environment requires it or the
 * firewall does not deny by default. Unknown values pass (preview-safe). `read` defers reading the
 * firewall's default action until it matters.
 */
export function checkNetworkRestricted(
    noun: "account" | "vault",
    publicNetworkAccess: unknown,
    readDefaultAction: () => unknown,
    config: NetworkRestrictionConfig,
    reportViolation: (message: string) => void,
): void {
    if (isUnknown(publicNetworkAccess) || publicNetworkAccess === "Disabled") {
        return;
    }
    if (config.requirePublicNetworkAccessDisabled) {
        reportViolation(
            `properties.publicNetworkAccess is ${shown(publicNetworkAccess)}: this environment requires ` +
                `"Disabled", so that the ${noun} is reachable only through its private endpoint.`,
        );
        return;
    }
    const defaultAction = readDefaultAction();
    if (!isUnknown(defaultAction) && defaultAction !== "Deny") {
        const accepts = noun === "account" ? "accepts calls" : "accepts requests";
        reportViolation(
            `properties.publicNetworkAccess is ${shown(publicNetworkAccess)} and ` +
                `properties.networkAcls.defaultAction is ${shown(defaultAction)}: the ${noun} ${accepts} ` +
                'from any network; set publicNetworkAccess to "Disabled" or networkAcls.defaultAction to "Deny".',
        );
    }
}

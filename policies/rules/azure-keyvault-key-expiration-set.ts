/**
 * Key Vault keys (the customer-managed key of the accounts) expire.
 *
 * Severity medium. Mirrors Azure Policy 152b15f7 "Key Vault keys should have an expiration date",
 * Checkov CKV_AZURE_40; COMPLIANCE.md row 18. A rotation policy's expiryTime counts: Key Vault
 * gives each key version it creates under the policy that lifetime.
 */
import { resourcePolicy } from "../metadata";
import { validateType } from "../lib/policy";
import { type KeyProps, TYPES } from "../lib/types";
import { isUnknown, read } from "../lib/values";

export const keyExpirationSet = resourcePolicy({
    name: "azure-keyvault-key-expiration-set",
    description:
        "Key Vault keys expire: properties.attributes.expires is set, or the rotation policy sets an expiryTime.",
    enforcementLevel: "mandatory",
    severity: "medium",
    origin: "row 18",
    publicIds: { azurePolicy: ["152b15f7"], checkov: ["CKV_AZURE_40"] },
    remediationSteps:
        'Give the key a rotation policy with attributes.expiryTime (e.g. "P395D") and a rotate action before it, ' +
        "or set properties.attributes.expires (Unix seconds).",
    validateResource: validateType<KeyProps>(TYPES.key, (key, _args, reportViolation) => {
        const expires = read(() => key.properties?.attributes?.expires);
        const expiryTime = read(() => key.properties?.rotationPolicy?.attributes?.expiryTime);
        if (isUnknown(expires) || isUnknown(expiryTime)) {
            return;
        }
        const hasExpiry = typeof expires === "number" && expires > 0;
        const hasLifetime = typeof expiryTime === "string" && expiryTime.length > 0;
        if (!hasExpiry && !hasLifetime) {
            reportViolation(
                "neither properties.attributes.expires nor properties.rotationPolicy.attributes.expiryTime is set: " +
                    "the key never expires.",
            );
        }
    }),
});

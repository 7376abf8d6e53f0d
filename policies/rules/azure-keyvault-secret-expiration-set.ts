/**
 * Key Vault secrets expire.
 *
 * Severity medium. Mirrors Azure Policy 98728c90-32c7-4049-8429-847dc0f4fe37 "Key Vault secrets
 * should have an expiration date" (data plane: attributes.expiresOn), Checkov CKV_AZURE_41, Trivy
 * AVD-AZU-0017; COMPLIANCE.md row 16. azure-native names the attribute `expires` (Unix seconds;
 * ARM's `exp`).
 */
import { resourcePolicy } from "../metadata";
import { validateType } from "../lib/policy";
import { type SecretProps, TYPES } from "../lib/types";
import { isUnknown, read, shown } from "../lib/values";

export const secretExpirationSet = resourcePolicy({
    name: "azure-keyvault-secret-expiration-set",
    description: "Key Vault secrets have an expiry (properties.attributes.expires, Unix seconds).",
    enforcementLevel: "mandatory",
    severity: "medium",
    origin: "row 16",
    publicIds: { azurePolicy: ["98728c90"], checkov: ["CKV_AZURE_41"], trivy: ["AVD-AZU-0017"] },
    remediationSteps:
        "Set properties.attributes.expires (Unix seconds; stack config keyVault.secretExpiryDays) and rotate the " +
        "secret before it expires.",
    validateResource: validateType<SecretProps>(TYPES.secret, (secret, _args, reportViolation) => {
        const expires = read(() => secret.properties?.attributes?.expires);
        if (!isUnknown(expires) && !(typeof expires === "number" && expires > 0)) {
            reportViolation(
                `properties.attributes.expires is ${shown(expires)}: the secret never expires; set an expiry in ` +
                    "Unix seconds.",
            );
        }
    }),
});

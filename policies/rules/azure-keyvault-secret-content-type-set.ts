/**
 * Key Vault secrets say what they hold.
 *
 * Severity low. Mirrors Azure Policy 75262d3e-ba4a-4f43-85f8-9f72c090e5e3 "Secrets should have
 * content type set", Checkov CKV_AZURE_114, Trivy AVD-AZU-0015; COMPLIANCE.md row 17.
 */
import { resourcePolicy } from "../metadata";
import { validateType } from "../lib/policy";
import { type SecretProps, TYPES } from "../lib/types";
import { isUnknown, read, shown } from "../lib/values";

export const secretContentTypeSet = resourcePolicy({
    name: "azure-keyvault-secret-content-type-set",
    description: "Key Vault secrets have a content type (properties.contentType).",
    enforcementLevel: "mandatory",
    severity: "low",
    origin: "row 17",
    publicIds: { azurePolicy: ["75262d3e"], checkov: ["CKV_AZURE_114"], trivy: ["AVD-AZU-0015"] },
    remediationSteps:
        'Set properties.contentType to a MIME-style type such as "text/plain" or "application/json", so that ' +
        "readers (and secret scanners) know what the value is.",
    validateResource: validateType<SecretProps>(TYPES.secret, (secret, _args, reportViolation) => {
        const contentType = read(() => secret.properties?.contentType);
        if (!isUnknown(contentType) && !(typeof contentType === "string" && contentType.trim().length > 0)) {
            reportViolation(`properties.contentType is ${shown(contentType)}: say what the secret holds.`);
        }
    }),
});

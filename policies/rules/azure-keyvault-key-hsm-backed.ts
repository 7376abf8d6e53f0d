/**
 * Key Vault keys are HSM-backed (RSA-HSM, EC-HSM).
 *
 * Severity low. Mirrors Azure Policy 587c79fe "Keys should be backed by a hardware security module
 * (HSM)", Checkov CKV_AZURE_112; COMPLIANCE.md row 18. HSM keys need a Premium vault; the shipped
 * stacks use Standard vaults, so the environments' configs keep this rule advisory.
 */
import { resourcePolicy } from "../metadata";
import { validateType } from "../lib/policy";
import { type KeyProps, TYPES } from "../lib/types";
import { isUnknown, read, shown } from "../lib/values";

const HSM_KEY_TYPES: readonly string[] = ["RSA-HSM", "EC-HSM", "oct-HSM"];

export const keyHsmBacked = resourcePolicy({
    name: "azure-keyvault-key-hsm-backed",
    description: 'Key Vault keys are HSM-backed (properties.kty is "RSA-HSM", "EC-HSM" or "oct-HSM").',
    enforcementLevel: "advisory",
    severity: "low",
    origin: "row 18",
    publicIds: { azurePolicy: ["587c79fe"], checkov: ["CKV_AZURE_112"] },
    remediationSteps:
        'Use a Premium-SKU vault and create the key with kty "RSA-HSM"; a key cannot change type, so create a new ' +
        "key and point the account's encryption at it.",
    validateResource: validateType<KeyProps>(TYPES.key, (key, _args, reportViolation) => {
        const kty = read(() => key.properties?.kty);
        if (!isUnknown(kty) && !(typeof kty === "string" && HSM_KEY_TYPES.includes(kty))) {
            reportViolation(
                `properties.kty is ${shown(kty)}: the key is software-protected; use "RSA-HSM" (Premium vault).`,
            );
        }
    }),
});

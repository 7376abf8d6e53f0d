/**
 * Purge protection on key vaults: a deleted vault (and the CMK in it) cannot be purged before its
 * retention period ends.
 *
 * Severity high. Mirrors Azure Policy 0b60c0b2-2dc2-4e1c-b5c9-abbed971de53 "Key vaults should have
 * deletion protection enabled" (enablePurgeProtection missing or false), Checkov CKV_AZURE_110 and
 * CKV_AZURE_42, Trivy AVD-AZU-0016, MCSB DP-8; COMPLIANCE.md row 11.
 */
import { resourcePolicy } from "../metadata";
import { validateType } from "../lib/policy";
import { TYPES, type VaultProps } from "../lib/types";
import { isUnknown, read, shown } from "../lib/values";

export const vaultPurgeProtection = resourcePolicy({
    name: "azure-keyvault-vault-purge-protection",
    description: "Key vaults have purge protection on (properties.enablePurgeProtection is true).",
    enforcementLevel: "mandatory",
    severity: "high",
    origin: "row 11",
    publicIds: {
        azurePolicy: ["0b60c0b2"],
        checkov: ["CKV_AZURE_110", "CKV_AZURE_42"],
        trivy: ["AVD-AZU-0016"],
        mcsb: ["DP-8"],
    },
    remediationSteps:
        "Set properties.enablePurgeProtection to true. It cannot be turned off again, and the vault's name stays " +
        "reserved for the retention period after deletion (the product's random name suffix handles that).",
    validateResource: validateType<VaultProps>(TYPES.vault, (vault, _args, reportViolation) => {
        const purgeProtection = read(() => vault.properties?.enablePurgeProtection);
        if (!isUnknown(purgeProtection) && purgeProtection !== true) {
            reportViolation(
                `properties.enablePurgeProtection is ${shown(purgeProtection)}: a deleted vault and its secrets and ` +
                    "keys can be purged at once, for good; set it to true.",
            );
        }
    }),
});

/**
 * Key vaults authorise data-plane access with Azure RBAC, not access policies.
 *
 * Severity high. Mirrors Azure Policy 12d4fa5e-1f9f-4c21-97a9-b99b3c6611b5 "Azure Key Vault should
 * use RBAC permission model" (enableRbacAuthorization missing or false), MCSB PA-7; COMPLIANCE.md
 * row 12.
 */
import { resourcePolicy } from "../metadata";
import { validateType } from "../lib/policy";
import { TYPES, type VaultProps } from "../lib/types";
import { isUnknown, read, shown } from "../lib/values";

export const vaultRbacAuthorization = resourcePolicy({
    name: "azure-keyvault-vault-rbac-authorization",
    description: "Key vaults use the RBAC permission model (properties.enableRbacAuthorization is true).",
    enforcementLevel: "mandatory",
    severity: "high",
    origin: "row 12",
    publicIds: { azurePolicy: ["12d4fa5e"], mcsb: ["PA-7"] },
    remediationSteps:
        "Set properties.enableRbacAuthorization to true, remove access policies, and grant data-plane roles (Key " +
        "Vault Secrets User, Key Vault Crypto Service Encryption User) scoped to the vault.",
    validateResource: validateType<VaultProps>(TYPES.vault, (vault, _args, reportViolation) => {
        const rbac = read(() => vault.properties?.enableRbacAuthorization);
        if (!isUnknown(rbac) && rbac !== true) {
            reportViolation(
                `properties.enableRbacAuthorization is ${shown(rbac)}: access policies grant data-plane access ` +
                    "outside Azure RBAC and its audit trail; set it to true.",
            );
        }
    }),
});

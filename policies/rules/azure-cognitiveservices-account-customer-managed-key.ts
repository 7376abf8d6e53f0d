/**
 * Customer-managed key (CMK) encryption of accounts.
 *
 * Severity medium. Mirrors Azure Policy 67121cc7-ff39-4ab8-b7e3-95b84dab487d "Azure AI Services
 * resources should encrypt data at rest with a customer-managed key (CMK)" (encryption.keySource
 * notEquals Microsoft.KeyVault), Checkov CKV2_AZURE_22, MCSB DP-5. Policy-rules.md row 5.
 */
import { resourcePolicy } from "../metadata";
import { validateType } from "../lib/policy";
import { type AccountProps, TYPES } from "../lib/types";
import { isUnknown, read, shown } from "../lib/values";

export const accountCustomerManagedKey = resourcePolicy({
    name: "azure-cognitiveservices-account-customer-managed-key",
    description:
        'Accounts encrypt data at rest with a customer-managed key: encryption.keySource is "Microsoft.KeyVault" ' +
        "with a key name and vault URI.",
    enforcementLevel: "mandatory",
    severity: "medium",
    origin: "row 5",
    publicIds: { azurePolicy: ["67121cc7"], checkov: ["CKV2_AZURE_22"], mcsb: ["DP-5"] },
    remediationSteps:
        'Set properties.encryption to { keySource: "Microsoft.KeyVault", keyVaultProperties: { keyName, keyVaultUri, ' +
        "identityClientId } } with a Key Vault key the account's user-assigned identity may use (role Key Vault " +
        "Crypto Service Encryption User); the vault needs soft delete and purge protection.",
    validateResource: validateType<AccountProps>(TYPES.account, (account, _args, reportViolation) => {
        const keySource = read(() => account.properties?.encryption?.keySource);
        if (isUnknown(keySource)) {
            return;
        }
        if (keySource !== "Microsoft.KeyVault") {
            reportViolation(
                `properties.encryption.keySource is ${shown(keySource)}: data at rest is encrypted with a ` +
                    'Microsoft-managed key; set it to "Microsoft.KeyVault" with keyVaultProperties.',
            );
            return;
        }
        for (const field of ["keyName", "keyVaultUri"] as const) {
            // Reading the value is enough: an unknown value (a key created in the same update) is set.
            const value = read(() => account.properties?.encryption?.keyVaultProperties?.[field]);
            if (!isUnknown(value) && (typeof value !== "string" || value.length === 0)) {
                reportViolation(
                    `properties.encryption.keyVaultProperties.${field} is ${shown(value)}: a customer-managed ` +
                        "key needs the key's name and its vault's URI.",
                );
            }
        }
    }),
});

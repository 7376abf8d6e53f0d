/**
 * Managed identity on accounts.
 *
 * Severity medium. Mirrors Azure Policy fe3fd216-4f83-4fc1-8984-2bbec80a3418 "Cognitive Services
 * accounts should use a managed identity" (identity.type missing or "None"), Checkov CKV_AZURE_238.
 * Policy-rules.md row 6.
 */
import { resourcePolicy } from "../metadata";
import { validateType } from "../lib/policy";
import { type AccountProps, TYPES } from "../lib/types";
import { isUnknown, read, shown } from "../lib/values";

export const accountManagedIdentity = resourcePolicy({
    name: "azure-cognitiveservices-account-managed-identity",
    description: 'Accounts have a managed identity: identity.type is set and not "None".',
    enforcementLevel: "mandatory",
    severity: "medium",
    origin: "row 6",
    publicIds: { azurePolicy: ["fe3fd216"], checkov: ["CKV_AZURE_238"] },
    remediationSteps:
        'Set identity.type to "SystemAssigned", or "SystemAssigned, UserAssigned" with identity.userAssignedIdentities ' +
        "(needed for a customer-managed key); the account then reaches Key Vault and storage without secrets.",
    validateResource: validateType<AccountProps>(TYPES.account, (account, _args, reportViolation) => {
        const type = read(() => account.identity?.type);
        if (!isUnknown(type) && (typeof type !== "string" || type.length === 0 || type === "None")) {
            reportViolation(
                `identity.type is ${shown(type)}: the account has no managed identity; set it to ` +
                    '"SystemAssigned" (add "UserAssigned" for a customer-managed key).',
            );
        }
    }),
});

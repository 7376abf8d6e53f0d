/**
 * Accounts carry a CanNotDelete management lock (prod). Severity medium. The product's own rule,
 * as the Azure Verified Modules' `lock` input. A stack policy: the lock is a separate resource.
 */
import { deleteLockPolicy } from "../lib/protection-policies";
import { TYPES } from "../lib/types";

export const accountDeleteLock = deleteLockPolicy({
    name: "azure-cognitiveservices-account-delete-lock",
    targetType: TYPES.account,
    noun: "account",
    loss: "its endpoint, deployments and content filters",
});

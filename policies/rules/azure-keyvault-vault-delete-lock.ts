/**
 * Key vaults carry a CanNotDelete management lock (prod). Severity medium. The product's own rule,
 * as the Azure Verified Modules' `lock` input. A stack policy: the lock is a separate resource.
 */
import { deleteLockPolicy } from "../lib/protection-policies";
import { TYPES } from "../lib/types";

export const vaultDeleteLock = deleteLockPolicy({
    name: "azure-keyvault-vault-delete-lock",
    targetType: TYPES.vault,
    noun: "vault",
    loss: "the secrets and keys it holds",
});

/**
 * Key vaults are protected in Pulumi (`protect: true`, prod). Severity medium. The product's own rule.
 */
import { protectedPolicy } from "../lib/protection-policies";
import { TYPES } from "../lib/types";

export const vaultProtected = protectedPolicy({
    name: "azure-keyvault-vault-protected",
    targetType: TYPES.vault,
    noun: "vault",
    loss: "the secrets and keys it holds",
});

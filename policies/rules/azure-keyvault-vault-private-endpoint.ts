/**
 * Key vaults are reachable through Private Link.
 *
 * Severity high. Mirrors Azure Policy a6abeaec-4d90-4a02-805f-6b26c4d3fbe9 "Azure Key Vaults should
 * use private link", Checkov CKV2_AZURE_32; COMPLIANCE.md row 14. A stack policy over the planned
 * private endpoints.
 */
import { TYPES } from "../lib/types";
import { privateEndpointPolicy } from "../lib/private-endpoint-policy";

export const vaultPrivateEndpoint = privateEndpointPolicy({
    name: "azure-keyvault-vault-private-endpoint",
    targetType: TYPES.vault,
    groupId: "vault",
    zones: "privatelink.vaultcore.azure.net",
    origin: "row 14",
    publicIds: { azurePolicy: ["a6abeaec"], checkov: ["CKV2_AZURE_32"] },
});

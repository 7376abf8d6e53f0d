/**
 * Network access to key vaults restricted: public network access disabled, or a firewall that
 * denies by default.
 *
 * Severity high. Mirrors Azure Policy 55615ac9-af46-4a59-874e-391cc3dfb490 "Azure Key Vault should
 * have firewall enabled or public network access disabled" and 405c5871-3e91-4644-8a63-58e19d68ff5b
 * "Azure Key Vault should disable public network access" (with requirePublicNetworkAccessDisabled),
 * Checkov CKV_AZURE_109 and CKV_AZURE_189, Trivy AVD-AZU-0013; COMPLIANCE.md row 13.
 */
import { resourcePolicy } from "../metadata";
import { configOf, validateType } from "../lib/policy";
import { TYPES, type VaultProps } from "../lib/types";
import { checkNetworkRestricted, NETWORK_RESTRICTION_DEFAULTS, NETWORK_RESTRICTION_SCHEMA } from "../lib/network";
import { read } from "../lib/values";

export const vaultNetworkRestricted = resourcePolicy({
    name: "azure-keyvault-vault-network-restricted",
    description:
        'Key vaults are not open to every network: publicNetworkAccess is "Disabled", or networkAcls.defaultAction ' +
        'is "Deny" (with requirePublicNetworkAccessDisabled: public access must be "Disabled").',
    enforcementLevel: "mandatory",
    severity: "high",
    origin: "row 13",
    publicIds: {
        azurePolicy: ["55615ac9", "405c5871"],
        checkov: ["CKV_AZURE_109", "CKV_AZURE_189"],
        trivy: ["AVD-AZU-0013"],
    },
    remediationSteps:
        'Set properties.publicNetworkAccess to "Disabled" and use the vault\'s private endpoint, or set ' +
        'properties.networkAcls.defaultAction to "Deny" with the allowed IP ranges and subnets. ARM writes of ' +
        "secrets by `pulumi up` pass the vault firewall.",
    configSchema: NETWORK_RESTRICTION_SCHEMA,
    validateResource: validateType<VaultProps>(TYPES.vault, (vault, args, reportViolation) =>
        checkNetworkRestricted(
            "vault",
            read(() => vault.properties?.publicNetworkAccess),
            () => read(() => vault.properties?.networkAcls?.defaultAction),
            configOf(args, NETWORK_RESTRICTION_DEFAULTS),
            reportViolation,
        ),
    ),
});

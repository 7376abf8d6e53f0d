/**
 * Soft delete on key vaults, with a retention period long enough to notice a deletion.
 *
 * Severity high. Mirrors Azure Policy 1e66c121-a66a-4b1f-9b83-0fd99bf0fc2d "Key vaults should have
 * soft delete enabled" (enableSoftDelete false or missing; since API 2019-09-01 it defaults to
 * true, so only an explicit false is a violation here), Checkov CKV_AZURE_111 and CKV_AZURE_42,
 * MCSB DP-8; COMPLIANCE.md row 11 (retention 7–90 days).
 */
import { resourcePolicy } from "../metadata";
import { configOf, validateType } from "../lib/policy";
import { TYPES, type VaultProps } from "../lib/types";
import { isUnknown, read, shown } from "../lib/values";

interface Config {
    readonly minimumRetentionDays: number;
}

const DEFAULTS: Config = { minimumRetentionDays: 7 };

/** Key Vault accepts 7 to 90 days (ARM spec Microsoft.KeyVault 2024-11-01); 90 when not set. */
const MAX_RETENTION_DAYS = 90;

export const vaultSoftDelete = resourcePolicy({
    name: "azure-keyvault-vault-soft-delete",
    description:
        "Key vaults keep soft delete on (enableSoftDelete is not false) with softDeleteRetentionInDays between " +
        "minimumRetentionDays and 90.",
    enforcementLevel: "mandatory",
    severity: "high",
    origin: "row 11",
    publicIds: { azurePolicy: ["1e66c121"], checkov: ["CKV_AZURE_111", "CKV_AZURE_42"], mcsb: ["DP-8"] },
    remediationSteps:
        "Remove enableSoftDelete: false (or set it to true) and set properties.softDeleteRetentionInDays within the " +
        "allowed range (stack config keyVault.softDeleteRetentionDays).",
    configSchema: {
        properties: {
            minimumRetentionDays: {
                type: "integer",
                minimum: 7,
                maximum: MAX_RETENTION_DAYS,
                default: DEFAULTS.minimumRetentionDays,
                description: "Fewest days a deleted vault must stay recoverable.",
            },
        },
    },
    validateResource: validateType<VaultProps>(TYPES.vault, (vault, args, reportViolation) => {
        const softDelete = read(() => vault.properties?.enableSoftDelete);
        if (softDelete === false) {
            reportViolation(
                "properties.enableSoftDelete is false: a deleted vault and its secrets are gone at once; remove the " +
                    "setting or set it to true.",
            );
            return;
        }
        const retention = read(() => vault.properties?.softDeleteRetentionInDays);
        if (isUnknown(retention) || retention === undefined) {
            return;
        }
        const minimum = configOf(args, DEFAULTS).minimumRetentionDays;
        if (typeof retention !== "number" || retention < minimum || retention > MAX_RETENTION_DAYS) {
            reportViolation(
                `properties.softDeleteRetentionInDays is ${shown(retention)}: allowed ${minimum} to ` +
                    `${MAX_RETENTION_DAYS} days.`,
            );
        }
    }),
});

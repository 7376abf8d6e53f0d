/**
 * Key Vault audit logs (AuditEvent) are collected.
 *
 * Severity medium. Mirrors Azure Policy cf820ca0-f99e-4f3e-84fb-66e913812d21 "Resource logs in Key
 * Vault should be enabled", MCSB LT-3; COMPLIANCE.md row 15. A stack policy over the planned
 * diagnostic settings.
 */
import { diagnosticsPolicy, logMatcher } from "../lib/diagnostics-policy";
import { TYPES } from "../lib/types";

export const vaultDiagnosticSettings = diagnosticsPolicy({
    name: "azure-keyvault-vault-diagnostic-settings",
    targetType: TYPES.vault,
    noun: "vault",
    logsWanted: 'audit logs (category "AuditEvent", or category group "audit" or "allLogs")',
    counts: logMatcher(["audit", "allLogs"], ["AuditEvent"]),
    origin: "row 15",
    publicIds: { azurePolicy: ["cf820ca0"], mcsb: ["LT-3"] },
});

/**
 * Resource logs of Azure OpenAI accounts are collected.
 *
 * Severity medium. Mirrors Azure Policy 1b4d1c4e-934c-4703-944c-27c82c06bebb "Diagnostic logs in
 * Azure AI services resources should be enabled" (AuditIfNotExists: a diagnostic setting with
 * logs), MCSB LT-3; COMPLIANCE.md row 8. A stack policy over the planned diagnostic settings.
 */
import { diagnosticsPolicy } from "../lib/diagnostics-policy";
import { TYPES } from "../lib/types";

export const accountDiagnosticSettings = diagnosticsPolicy({
    name: "azure-cognitiveservices-account-diagnostic-settings",
    targetType: TYPES.account,
    noun: "account",
    logsWanted: "resource logs (any enabled log category or category group)",
    counts: () => true,
    origin: "row 8",
    publicIds: { azurePolicy: ["1b4d1c4e"], mcsb: ["LT-3"] },
});

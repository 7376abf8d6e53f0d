/**
 * The AI gateway's request logs are collected.
 *
 * Severity medium. The product's rule for API Management in the shape of Azure Policy's "diagnostic
 * logs should be enabled" family (AuditIfNotExists: a diagnostic setting with logs), MCSB LT-3: a
 * gateway that fronts every team's model traffic keeps its GatewayLogs in Log Analytics.
 */
import { logMatcher, diagnosticsPolicy } from "../lib/diagnostics-policy";
import { APIM_TYPES } from "../lib/apim";

export const serviceDiagnosticSettings = diagnosticsPolicy({
    name: "azure-apimanagement-service-diagnostic-settings",
    targetType: APIM_TYPES.service,
    noun: "API Management service",
    logsWanted: "GatewayLogs (or the allLogs / audit category group)",
    counts: logMatcher(["allLogs", "audit"], ["GatewayLogs", "GatewayLlmLogs"]),
    origin: "product",
    publicIds: { mcsb: ["LT-3"] },
});

import * as monitor from "@pulumi/azure-native/monitor";
import type * as pulumi from "@pulumi/pulumi";

/**
 * Resource log categories (Microsoft's "Supported resource log categories" pages):
 * Microsoft.CognitiveServices/accounts emits Audit, RequestResponse and Trace; Microsoft.KeyVault/vaults
 * emits AuditEvent. Both send all platform metrics as the AllMetrics category.
 */
export const ACCOUNT_LOG_CATEGORIES = ["Audit", "RequestResponse", "Trace"] as const;
export const VAULT_LOG_CATEGORIES = ["AuditEvent"] as const;

/** Sends a resource's logs and metrics to a Log Analytics workspace; a child of `parent`. */
export function sendDiagnostics(
    name: string,
    resourceUri: pulumi.Input<string>,
    workspaceId: pulumi.Input<string>,
    categories: readonly string[],
    parent: pulumi.Resource,
): monitor.DiagnosticSetting {
    return new monitor.DiagnosticSetting(
        name,
        {
            name: "to-log-analytics",
            resourceUri,
            workspaceId,
            logs: categories.map((category) => ({ category, enabled: true })),
            metrics: [{ category: "AllMetrics", enabled: true }],
        },
        { parent },
    );
}

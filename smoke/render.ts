/**
 * The report: per region a table (deployment, model and version, family, result, latency, Azure
 * request id), then what to do for each failure, then one summary line.
 */
import type { DeploymentResult, RegionResult } from "./run";

const HEADERS = ["Deployment", "Model", "Family", "Result", "Latency", "Request id"] as const;

function modelOf(result: DeploymentResult): string {
    const { model, version } = result.deployment;
    return model ? `${model} ${version ?? ""}`.trim() : "(not in outputs)";
}

function row(result: DeploymentResult): string[] {
    return [
        result.deployment.name,
        modelOf(result),
        result.deployment.family,
        result.result,
        result.latencyMs === undefined ? "-" : `${result.latencyMs} ms`,
        result.requestId ?? "-",
    ];
}

function table(rows: readonly string[][]): string {
    const widths = HEADERS.map((header, i) => Math.max(header.length, ...rows.map((r) => (r[i] ?? "").length)));
    const line = (cells: readonly string[]): string =>
        cells
            .map((cell, i) => cell.padEnd(widths[i] ?? 0))
            .join("  ")
            .trimEnd();
    return [line(HEADERS), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n");
}

export interface Totals {
    readonly ok: number;
    readonly failed: number;
    readonly skipped: number;
}

export function totals(regions: readonly RegionResult[]): Totals {
    const all = regions.flatMap((r) => r.results);
    return {
        ok: all.filter((r) => r.status === "ok").length,
        failed: all.filter((r) => r.status === "failed").length,
        skipped: all.filter((r) => r.status === "skipped").length,
    };
}

export function renderReport(stack: string, regions: readonly RegionResult[]): string {
    const parts: string[] = [];
    for (const { region, results } of regions) {
        parts.push(`${region.region}  ${region.endpoint}${region.privateEndpoint ? "  (private endpoint)" : ""}`);
        parts.push(table(results.map(row)));
        for (const failed of results.filter((r) => r.status === "failed")) {
            parts.push(`  ✗ ${failed.deployment.name}: ${failed.advice ?? failed.result}`);
        }
        parts.push("");
    }
    const { ok, failed, skipped } = totals(regions);
    const skippedText = skipped > 0 ? `, ${skipped} skipped (image generation costs money: --images)` : "";
    parts.push(
        failed === 0
            ? `smoke ${stack}: all ${ok} deployments answered${skippedText}.`
            : `smoke ${stack}: ${failed} of ${ok + failed} deployments failed${skippedText}.`,
    );
    return `${parts.join("\n")}\n`;
}

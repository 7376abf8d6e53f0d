/**
 * The plan diff for people: GitHub-flavoured markdown for the pull-request comment (with a Mermaid
 * picture per stack) and plain text for a terminal. Output order is fixed: stacks as given (the CLI
 * sorts them), resources by URN, inputs by path.
 */
import {
    canonicalJson,
    type InputChange,
    isEmptyDiff,
    mandatoryViolations,
    type PolicyViolation,
    type ReplacementRule,
    type ResourceChange,
    type StackComparison,
    type StackDiff,
} from "./diff";
import { type NodeStatus, renderMermaid } from "./mermaid";

/** First line of every markdown diff: the workflow finds and updates its one comment by it. */
export const PLAN_DIFF_MARKER = "<!-- aoai-platform:plan-diff -->";

/** GitHub refuses comments over 65,536 characters; stay well below. */
export const DEFAULT_MAX_LENGTH = 60000;

export interface RenderOptions {
    /** How to name the two sides, e.g. commit SHAs. @default "base", "head" */
    readonly baseLabel?: string;
    readonly headLabel?: string;
    /** Include a Mermaid picture per stack. @default true */
    readonly diagrams?: boolean;
    /** Nodes per picture before repeated children collapse. */
    readonly maxNodes?: number;
    /** Longest markdown produced; pictures go first, then the tail is cut. @default 60000 */
    readonly maxLength?: number;
}

const MAX_VALUE_LENGTH = 120;

function shortType(type: string): string {
    const last = type.split(":").pop() ?? type;
    return last.includes("/") ? (last.split("/").pop() ?? last) : last;
}

function nameOfUrn(urn: string): string {
    return urn.split("::").pop() ?? urn;
}

function plural(count: number, word: string): string {
    return `${count} ${word}${count === 1 ? "" : "s"}`;
}

/** A value as one line: strings as they are, everything else as JSON, long ones cut. */
export function formatValue(value: unknown): string {
    const text = typeof value === "string" ? value : canonicalJson(value);
    return text.length > MAX_VALUE_LENGTH ? `${text.slice(0, MAX_VALUE_LENGTH - 1)}…` : text;
}

/** Inline code that survives a markdown table: HTML-escaped, pipes as entities. */
function code(text: string): string {
    const escaped = text
        .replace(/&/g, "&amp;")
        .replace(/</g, "&lt;")
        .replace(/>/g, "&gt;")
        .replace(/\|/g, "&#124;")
        .replace(/\r?\n/g, " ");
    return `<code>${escaped}</code>`;
}

function cellBefore(change: InputChange): string {
    if (change.secret) {
        return change.kind === "added" ? "—" : "🔒 hidden";
    }
    return change.before === undefined ? "—" : code(formatValue(change.before));
}

function cellAfter(change: InputChange): string {
    if (change.secret) {
        return change.kind === "removed" ? "—" : "🔒 hidden";
    }
    return change.after === undefined ? "—" : code(formatValue(change.after));
}

function badge(rule: ReplacementRule | undefined): string {
    return rule ? ` ⚠️ **${rule.effect}**` : "";
}

function policyRow(mark: string, violation: PolicyViolation): string {
    const resource = violation.urn ? code(nameOfUrn(violation.urn)) : "stack";
    return `| ${mark} | ${violation.level} | ${code(violation.policy)} | ${resource} | ${violation.message.replace(/\|/g, "\\|").replace(/\r?\n/g, " ")} |`;
}

function headline(comparison: StackComparison): string {
    const { diff } = comparison;
    if (comparison.headError) {
        return "❌ the head plan failed";
    }
    if (comparison.baseError) {
        return "the base plan failed: no diff";
    }
    if (!diff || isEmptyDiff(diff)) {
        return "no changes";
    }
    const parts = [
        diff.added.length > 0 ? `${diff.added.length} added` : "",
        diff.changed.length > 0 ? `${diff.changed.length} changed` : "",
        diff.removed.length > 0 ? `${diff.removed.length} removed` : "",
        diff.policy.appeared.length > 0 ? plural(diff.policy.appeared.length, "new policy violation") : "",
        diff.policy.disappeared.length > 0 ? `${diff.policy.disappeared.length} resolved` : "",
    ].filter(Boolean);
    return parts.length > 0 ? parts.join(", ") : "only outputs or warnings change";
}

function replacementCount(diff: StackDiff): number {
    return diff.changed.filter((change) => change.replacement).length + diff.urnChanges.length;
}

function policyCell(comparison: StackComparison): string {
    const levels = comparison.diff?.policy.headLevels;
    if (comparison.headError) {
        return "❌ plan failed";
    }
    if (!levels || !comparison.diff) {
        return "no policy report";
    }
    const mandatory = mandatoryViolations(comparison.diff);
    const others = Object.entries(levels)
        .filter(([level]) => level !== "mandatory")
        .map(([level, count]) => `${count} ${level}`);
    return [`${mandatory > 0 ? "❌" : "✅"} ${mandatory} mandatory`, ...others].join(", ");
}

function statusMap(diff: StackDiff | undefined): Map<string, NodeStatus> {
    const status = new Map<string, NodeStatus>();
    for (const added of diff?.added ?? []) {
        status.set(added.urn, "added");
    }
    for (const changed of diff?.changed ?? []) {
        status.set(changed.urn, changed.replacement ? "replaced" : "changed");
    }
    return status;
}

function changeRows(change: ResourceChange): string[] {
    const resource = `${code(change.name)} ${shortType(change.type)}`;
    const rows = change.inputs.map(
        (input) =>
            `| ${resource} | ${code(input.path)}${badge(input.replacement)} | ${cellBefore(input)} | ${cellAfter(input)} |`,
    );
    if (change.protectChange) {
        const warning = change.protectChange.before && !change.protectChange.after ? " ⚠️ protection removed" : "";
        rows.push(
            `| ${resource} | <i>protect</i>${warning} | ${code(String(change.protectChange.before))} | ${code(String(change.protectChange.after))} |`,
        );
    }
    if (change.dependsOn.added.length > 0 || change.dependsOn.removed.length > 0) {
        const list = (urns: readonly string[]): string =>
            urns.length > 0 ? urns.map((urn) => code(nameOfUrn(urn))).join(", ") : "—";
        rows.push(
            `| ${resource} | <i>dependsOn</i> | ${list(change.dependsOn.removed)} | ${list(change.dependsOn.added)} |`,
        );
    }
    return rows;
}

function usedRules(diff: StackDiff): ReplacementRule[] {
    const rules = new Map<string, ReplacementRule>();
    for (const change of diff.changed) {
        for (const input of change.inputs) {
            if (input.replacement) {
                rules.set(`${input.replacement.type}\u0000${input.replacement.path}`, input.replacement);
            }
        }
    }
    return [...rules.values()];
}

function stackSection(comparison: StackComparison, options: RenderOptions): string[] {
    const lines = [`### ${code(comparison.stack)}: ${headline(comparison)}`, ""];
    if (comparison.headError) {
        lines.push("The plan of the head commit failed:", "", "```text", comparison.headError.trimEnd(), "```", "");
    }
    if (comparison.baseError && !comparison.headError) {
        lines.push(
            "The plan of the base commit failed, so there is nothing to compare against:",
            "",
            "```text",
            comparison.baseError.trimEnd(),
            "```",
            "",
        );
    }
    const diff = comparison.diff;
    if (diff && !isEmptyDiff(diff)) {
        if (diff.changed.length > 0) {
            lines.push("| Resource | Input | Before | After |", "| --- | --- | --- | --- |");
            for (const change of diff.changed) {
                lines.push(...changeRows(change));
            }
            lines.push("");
            const rules = usedRules(diff);
            if (rules.length > 0) {
                lines.push("Replacement-prone changes:", "");
                for (const rule of rules) {
                    const verb =
                        rule.effect === "replace"
                            ? "Pulumi deletes and re-creates the resource"
                            : "Azure refuses this change in place; it needs a replacement (`pulumi up --replace <urn>`)";
                    lines.push(
                        `- ${code(rule.path)} on ${shortType(rule.type === "*" ? "any" : rule.type)}: ${rule.why}. ${verb}. <sub>Source: ${rule.source}</sub>`,
                    );
                }
                lines.push("");
            }
        }
        if (diff.added.length > 0) {
            lines.push(
                `Added: ${diff.added.map((resource) => `${code(resource.name)} ${shortType(resource.type)}`).join(", ")}`,
                "",
            );
        }
        if (diff.removed.length > 0) {
            const protectedGone = diff.removed.filter((resource) => resource.protect);
            lines.push(
                `Removed: ${diff.removed.map((resource) => `${code(resource.name)} ${shortType(resource.type)}`).join(", ")}`,
                "",
            );
            if (protectedGone.length > 0) {
                lines.push(
                    `⚠️ Protected, so \`pulumi up\` will refuse to delete: ${protectedGone.map((r) => code(r.name)).join(", ")}`,
                    "",
                );
            }
        }
        for (const moved of diff.urnChanges) {
            lines.push(
                `⚠️ ${code(moved.name)} ${shortType(moved.type)} has a new URN (new parent or type): Pulumi deletes and re-creates it unless the new resource lists the old URN in \`aliases\`.`,
                "",
            );
        }
        if (diff.policy.appeared.length > 0 || diff.policy.disappeared.length > 0) {
            lines.push("| Policy | Level | Rule | Resource | Message |", "| --- | --- | --- | --- | --- |");
            lines.push(...diff.policy.appeared.map((violation) => policyRow("🆕 new", violation)));
            lines.push(...diff.policy.disappeared.map((violation) => policyRow("✔️ resolved", violation)));
            lines.push("");
        }
        if (diff.outputs.length > 0) {
            lines.push("| Stack output | Before | After |", "| --- | --- | --- |");
            for (const output of diff.outputs) {
                lines.push(`| ${code(output.path)} | ${cellBefore(output)} | ${cellAfter(output)} |`);
            }
            lines.push("");
        }
        for (const warning of diff.warnings.appeared) {
            lines.push(`- ⚠️ new warning: ${warning}`);
        }
        for (const warning of diff.warnings.disappeared) {
            lines.push(`- warning gone: ${warning}`);
        }
        if (diff.warnings.appeared.length > 0 || diff.warnings.disappeared.length > 0) {
            lines.push("");
        }
    }
    if (options.diagrams !== false && comparison.head) {
        const mermaid = renderMermaid(comparison.head, {
            status: statusMap(diff),
            ...(options.maxNodes ? { maxNodes: options.maxNodes } : {}),
        });
        lines.push(
            "<details>",
            `<summary>Resources of ${comparison.stack} (${plural(comparison.head.resources.length, "resource")})</summary>`,
            "",
            "```mermaid",
            mermaid,
            "```",
            "",
            "</details>",
            "",
        );
    }
    return lines;
}

function render(comparisons: readonly StackComparison[], options: RenderOptions): string {
    const base = options.baseLabel ?? "base";
    const head = options.headLabel ?? "head";
    const lines = [
        PLAN_DIFF_MARKER,
        "## Offline plan diff",
        "",
        `${code(base)} → ${code(head)}, ${plural(comparisons.length, "stack")}, planned offline under Pulumi mocks (no cloud credentials). Values Azure computes and secrets are not known here; the online \`pulumi preview\` shows those.`,
        "",
        "| Stack | Result | Added | Changed | Removed | Replacement-prone | Policy (head) |",
        "| --- | --- | ---: | ---: | ---: | ---: | --- |",
    ];
    for (const comparison of comparisons) {
        const diff = comparison.diff;
        lines.push(
            `| ${code(comparison.stack)} | ${headline(comparison)} | ${diff?.added.length ?? "–"} | ${diff?.changed.length ?? "–"} | ${diff?.removed.length ?? "–"} | ${diff ? replacementCount(diff) : "–"} | ${policyCell(comparison)} |`,
        );
    }
    lines.push("");
    for (const comparison of comparisons) {
        lines.push(...stackSection(comparison, options));
    }
    return `${lines.join("\n").trimEnd()}\n`;
}

/** The pull-request comment. */
export function renderDiffMarkdown(comparisons: readonly StackComparison[], options: RenderOptions = {}): string {
    const maxLength = options.maxLength ?? DEFAULT_MAX_LENGTH;
    let markdown = render(comparisons, options);
    if (markdown.length > maxLength && options.diagrams !== false) {
        markdown = render(comparisons, { ...options, diagrams: false });
        markdown += "\n_Pictures left out to fit GitHub's comment size limit._\n";
    }
    if (markdown.length > maxLength) {
        const note =
            "\n\n_Truncated to fit GitHub's comment size limit: run `npm run plan:diff` locally, or see the workflow run's artifact, for the rest._\n";
        const cut = markdown.lastIndexOf("\n", maxLength - note.length);
        markdown = markdown.slice(0, Math.max(cut, 0)) + note;
    }
    return markdown;
}

function textValue(change: InputChange, side: "before" | "after"): string {
    if (change.secret) {
        return "(secret)";
    }
    const value = change[side];
    return value === undefined ? "(none)" : formatValue(value);
}

function textChange(change: InputChange): string {
    const mark = change.replacement ? `  [${change.replacement.effect}: ${change.replacement.why}]` : "";
    if (change.secret) {
        return `${change.path}: ${change.kind} (secret, value hidden)${mark}`;
    }
    return `${change.path}: ${textValue(change, "before")} → ${textValue(change, "after")}${mark}`;
}

/** The same diff for a terminal. */
export function renderDiffText(comparisons: readonly StackComparison[]): string {
    const lines: string[] = [];
    for (const comparison of comparisons) {
        lines.push(`Stack ${comparison.stack}: ${headline(comparison)}`);
        if (comparison.headError) {
            lines.push(
                ...comparison.headError
                    .trimEnd()
                    .split("\n")
                    .map((line) => `  ${line}`),
            );
        } else if (comparison.baseError) {
            lines.push(
                ...comparison.baseError
                    .trimEnd()
                    .split("\n")
                    .map((line) => `  ${line}`),
            );
        }
        const diff = comparison.diff;
        if (!diff) {
            continue;
        }
        for (const change of diff.changed) {
            lines.push(`  ~ ${change.type} ${change.name}`);
            for (const input of change.inputs) {
                lines.push(`      ${textChange(input)}`);
            }
            if (change.protectChange) {
                lines.push(`      protect: ${change.protectChange.before} → ${change.protectChange.after}`);
            }
            for (const urn of change.dependsOn.added) {
                lines.push(`      + dependsOn ${nameOfUrn(urn)}`);
            }
            for (const urn of change.dependsOn.removed) {
                lines.push(`      - dependsOn ${nameOfUrn(urn)}`);
            }
        }
        for (const resource of diff.added) {
            lines.push(`  + ${resource.type} ${resource.name}`);
        }
        for (const resource of diff.removed) {
            lines.push(`  - ${resource.type} ${resource.name}${resource.protect ? " (protected)" : ""}`);
        }
        for (const moved of diff.urnChanges) {
            lines.push(`  ! ${moved.name}: new URN, replaced unless aliased`);
        }
        for (const violation of diff.policy.appeared) {
            lines.push(
                `  policy + [${violation.level}] ${violation.policy} ${violation.urn ? nameOfUrn(violation.urn) : "stack"}: ${violation.message}`,
            );
        }
        for (const violation of diff.policy.disappeared) {
            lines.push(
                `  policy - [${violation.level}] ${violation.policy} ${violation.urn ? nameOfUrn(violation.urn) : "stack"}: ${violation.message}`,
            );
        }
        for (const output of diff.outputs) {
            lines.push(`  output ${textChange(output)}`);
        }
        for (const warning of diff.warnings.appeared) {
            lines.push(`  warning + ${warning}`);
        }
        for (const warning of diff.warnings.disappeared) {
            lines.push(`  warning - ${warning}`);
        }
    }
    return `${lines.join("\n")}\n`;
}

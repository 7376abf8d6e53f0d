/**
 * The plan diff for people: GitHub-flavoured markdown for the pull-request comment (with a Mermaid
 * picture per stack) and plain text for a terminal. Output order is fixed: stacks as given (the CLI
 * sorts them), resources by URN, inputs by path.
 */
import {
    canonicalJson,
    type InputChange,
    isEmptyDiff,
    type KeyInput,
    mandatoryViolations,
    operationCounts,
    type PolicyViolation,
    type ResourceSummary,
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

/** Characters kept from each end of a long value, around the elision. */
const EDGE_LENGTH = 24;

/**
 * Shortens `text` to at most `max` characters in the middle, never at the ends: a resource id keeps
 * its start and its last segment. `focus` (the index of the first character that differs from the
 * other side) is kept visible: the cut then lands between the start and the difference.
 */
export function shortenMiddle(text: string, max = MAX_VALUE_LENGTH, focus?: number): string {
    if (text.length <= max) {
        return text;
    }
    const tail = max - EDGE_LENGTH - 1;
    if (focus === undefined || focus < EDGE_LENGTH || focus >= text.length - tail) {
        const head = Math.ceil((max - 1) / 2);
        return `${text.slice(0, head)}…${text.slice(text.length - (max - 1 - head))}`;
    }
    // start … [a little before the difference, the difference, …] … end
    const window = max - 2 * EDGE_LENGTH - 2;
    const from = Math.max(EDGE_LENGTH, Math.min(focus - 8, text.length - EDGE_LENGTH - window));
    const to = from + window;
    const start = text.slice(0, EDGE_LENGTH);
    const end = text.slice(text.length - EDGE_LENGTH);
    return `${start}…${text.slice(from, to)}${to < text.length - EDGE_LENGTH ? "…" : ""}${end}`;
}

function asText(value: unknown): string {
    return typeof value === "string" ? value : canonicalJson(value);
}

/** A value as one line: strings as they are, everything else as JSON, long ones cut in the middle. */
export function formatValue(value: unknown): string {
    return shortenMiddle(asText(value));
}

/** Where two texts first differ (the length of their common prefix). */
function firstDifference(left: string, right: string): number {
    let index = 0;
    while (index < left.length && index < right.length && left[index] === right[index]) {
        index++;
    }
    return index;
}

/** One side of a change, shortened so that the first difference from the other side stays visible. */
function formatSide(change: InputChange, side: "before" | "after"): string {
    const value = change[side];
    const other = change[side === "before" ? "after" : "before"];
    const text = asText(value);
    if (other === undefined) {
        return shortenMiddle(text);
    }
    return shortenMiddle(text, MAX_VALUE_LENGTH, firstDifference(text, asText(other)));
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
    return change.before === undefined ? "—" : code(formatSide(change, "before"));
}

function cellAfter(change: InputChange): string {
    if (change.secret) {
        return change.kind === "removed" ? "—" : "🔒 hidden";
    }
    return change.after === undefined ? "—" : code(formatSide(change, "after"));
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
    const counts = operationCounts(diff);
    const parts = [
        counts.create > 0 ? `${counts.create} to create` : "",
        counts.update > 0 ? `${counts.update} to update` : "",
        counts.replace > 0 ? `${counts.replace} to replace` : "",
        counts.delete > 0 ? `${counts.delete} to delete` : "",
        diff.policy.appeared.length > 0 ? plural(diff.policy.appeared.length, "new policy violation") : "",
        diff.policy.disappeared.length > 0 ? `${diff.policy.disappeared.length} resolved` : "",
    ].filter(Boolean);
    return parts.length > 0 ? parts.join(", ") : "only outputs or warnings change";
}

/** Changes Pulumi would make in place but Azure refuses (they need a replacement), and new URNs. */
function replacementProneCount(diff: StackDiff): number {
    return diff.changed.filter((change) => change.replacement === "immutable").length + diff.urnChanges.length;
}

function keyInputText(input: KeyInput): string {
    return `${input.label}: ${input.secret ? "(secret)" : formatValue(input.value)}`;
}

function addedRow(resource: ResourceSummary): string {
    const inputs = (resource.keyInputs ?? []).map((input) => code(keyInputText(input))).join(", ");
    return `| ${code(resource.name)} ${shortType(resource.type)} | ${inputs || "—"} |`;
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
            lines.push("| To create | Key inputs |", "| --- | --- |", ...diff.added.map(addedRow), "");
        }
        if (diff.dependencyNotes.length > 0) {
            lines.push(
                `<sub>Only their \`dependsOn\` changes (creation order; not an update in \`pulumi preview\`): ${diff.dependencyNotes.map((note) => code(note.name)).join(", ")}</sub>`,
                "",
            );
        }
        if (diff.removed.length > 0) {
            const protectedGone = diff.removed.filter((resource) => resource.protect);
            lines.push(
                `To delete: ${diff.removed.map((resource) => `${code(resource.name)} ${shortType(resource.type)}`).join(", ")}`,
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
        "| Stack | Result | Create | Update | Replace | Delete | Needs replacement | Policy (head) |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | --- |",
    ];
    for (const comparison of comparisons) {
        const diff = comparison.diff;
        const counts = diff ? operationCounts(diff) : undefined;
        lines.push(
            `| ${code(comparison.stack)} | ${headline(comparison)} | ${counts?.create ?? "–"} | ${counts?.update ?? "–"} | ${counts?.replace ?? "–"} | ${counts?.delete ?? "–"} | ${diff ? replacementProneCount(diff) : "–"} | ${policyCell(comparison)} |`,
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
            lines.push(`  ${change.replacement === "replace" ? "+-" : "~"} ${change.type} ${change.name}`);
            for (const input of change.inputs) {
                lines.push(`      ${textChange(input)}`);
            }
            if (change.protectChange) {
                lines.push(`      protect: ${change.protectChange.before} → ${change.protectChange.after}`);
            }
        }
        for (const resource of diff.added) {
            const inputs = (resource.keyInputs ?? []).map(keyInputText).join(", ");
            lines.push(`  + ${resource.type} ${resource.name}${inputs ? ` (${inputs})` : ""}`);
        }
        for (const note of diff.dependencyNotes) {
            lines.push(`  note: only dependsOn changes for ${note.name} (not an update)`);
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

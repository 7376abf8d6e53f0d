/**
 * What "not weakened" means for a content filter (RAI policy), shared by the RAI policy rule and the
 * deployment rule: for hate, sexual, violence and self-harm, on prompts and on completions, the
 * filter is enabled, blocks, and its severity threshold is Low or Medium (Microsoft's default is
 * Medium: Medium and High content is blocked); prompt shields for jailbreak are enabled and block.
 */
import type { ContentFilter, RaiPolicyProps } from "./types";
import { isUnknown, read, readList, shown } from "./values";

export const BUILT_IN_POLICIES: readonly string[] = ["Microsoft.DefaultV2"];

const HARM_CATEGORIES = ["Hate", "Sexual", "Violence", "Selfharm"] as const;
const SOURCES = ["Prompt", "Completion"] as const;
const STRICT_THRESHOLDS: readonly string[] = ["Low", "Medium"];

interface Requirement {
    readonly name: string;
    readonly source: string;
    readonly threshold: boolean;
}

const REQUIREMENTS: readonly Requirement[] = [
    ...SOURCES.flatMap((source) => HARM_CATEGORIES.map((name) => ({ name, source, threshold: true }))),
    { name: "Jailbreak", source: "Prompt", threshold: false },
];

function same(a: unknown, b: string): boolean {
    return typeof a === "string" && a.toLowerCase() === b.toLowerCase();
}

/**
 * Every way `props` is weaker than Microsoft's default, as messages; empty when it is not weaker.
 * Values not known yet are not held against the policy.
 */
export function weakenings(props: RaiPolicyProps, allowedBasePolicies: readonly string[]): string[] {
    const problems: string[] = [];
    const base = read(() => props.properties?.basePolicyName);
    if (!isUnknown(base) && !(typeof base === "string" && allowedBasePolicies.includes(base))) {
        problems.push(
            `properties.basePolicyName is ${shown(base)}: the filter must build on ${allowedBasePolicies.join(" or ")}.`,
        );
    }
    const filters = readList(() => props.properties?.contentFilters);
    if (isUnknown(filters)) {
        return problems;
    }
    for (const requirement of REQUIREMENTS) {
        const label = `content filter ${requirement.name} (${requirement.source})`;
        const filter = read(() =>
            filters.find(
                (candidate: ContentFilter) =>
                    same(candidate.name, requirement.name) && same(candidate.source, requirement.source),
            ),
        );
        if (isUnknown(filter)) {
            continue;
        }
        if (filter === undefined) {
            problems.push(`${label} is missing: list it enabled and blocking.`);
            continue;
        }
        const enabled = read(() => filter.enabled);
        if (!isUnknown(enabled) && enabled !== true) {
            problems.push(`${label} is not enabled (enabled is ${shown(enabled)}).`);
        }
        const blocking = read(() => filter.blocking);
        if (!isUnknown(blocking) && blocking !== true) {
            problems.push(`${label} does not block (blocking is ${shown(blocking)}).`);
        }
        if (requirement.threshold) {
            const threshold = read(() => filter.severityThreshold);
            if (!isUnknown(threshold) && !(typeof threshold === "string" && STRICT_THRESHOLDS.includes(threshold))) {
                problems.push(
                    `${label} has severityThreshold ${shown(threshold)}: only "Low" or "Medium" (Microsoft's ` +
                        "default) block harmful content of medium severity.",
                );
            }
        }
    }
    return problems;
}

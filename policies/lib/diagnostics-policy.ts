/** One stack policy per target type: every account (vault) sends its resource logs somewhere. */
import type { PolicyResource } from "@pulumi/policy";
import { type PackStackPolicy, type PublicIds, stackPolicy } from "../metadata";
import { diagnosticRelation } from "./links";
import { label, ofType } from "./relations";
import { DIAGNOSTIC_SETTING_TYPES, type DiagnosticLog, type DiagnosticSettingProps } from "./types";
import { isUnknown, read, readList } from "./values";

export interface DiagnosticsRule {
    readonly name: string;
    readonly targetType: string;
    /** "account" or "vault", for messages. */
    readonly noun: string;
    /** What a qualifying log entry is, in words. */
    readonly logsWanted: string;
    /** Whether an enabled log entry counts. */
    readonly counts: (log: DiagnosticLog) => boolean;
    readonly origin: string;
    readonly publicIds: PublicIds;
}

function same(value: unknown, expected: string): boolean {
    return typeof value === "string" && value.toLowerCase() === expected.toLowerCase();
}

/** A log entry enabling a category group (audit or all logs) or the given categories. */
export function logMatcher(groups: readonly string[], categories: readonly string[]): (log: DiagnosticLog) => boolean {
    return (log) =>
        groups.some((group) => same(log.categoryGroup, group)) ||
        categories.some((category) => same(log.category, category));
}

/** "yes" when a log entry qualifies, "maybe" when that depends on values not known yet. */
function logsQualify(setting: PolicyResource, counts: (log: DiagnosticLog) => boolean): "yes" | "no" | "maybe" {
    const logs = readList(() => (setting.props as DiagnosticSettingProps).logs);
    if (isUnknown(logs)) {
        return "maybe";
    }
    let result: "no" | "maybe" = "no";
    for (const log of logs) {
        const entry = read(() => ({ category: log.category, categoryGroup: log.categoryGroup, enabled: log.enabled }));
        if (isUnknown(entry)) {
            result = "maybe";
        } else if (entry.enabled === true && counts(entry)) {
            return "yes";
        }
    }
    return result;
}

export function diagnosticsPolicy(rule: DiagnosticsRule): PackStackPolicy {
    return stackPolicy({
        name: rule.name,
        description: `Every ${rule.noun} has a diagnostic setting that enables ${rule.logsWanted}.`,
        enforcementLevel: "mandatory",
        severity: "medium",
        origin: rule.origin,
        publicIds: rule.publicIds,
        remediationSteps:
            `Add a monitor.DiagnosticSetting with resourceUri set to the ${rule.noun}'s id, enabling ` +
            `${rule.logsWanted} (and AllMetrics), sent to the stack's Log Analytics workspace.`,
        validateStack: (args, reportViolation) => {
            const settings = ofType(args.resources, ...DIAGNOSTIC_SETTING_TYPES);
            for (const target of ofType(args.resources, rule.targetType)) {
                const relations = settings.map((setting) => [setting, diagnosticRelation(setting, target)] as const);
                if (relations.some(([, relation]) => relation === "maybe")) {
                    continue;
                }
                const own = relations.filter(([, relation]) => relation === "yes").map(([setting]) => setting);
                if (own.length === 0) {
                    reportViolation(
                        `${rule.noun} ${label(target)} has no diagnostic setting, so its logs are kept nowhere; ` +
                            `add one that enables ${rule.logsWanted}.`,
                        target.urn,
                    );
                    continue;
                }
                const verdicts = own.map((setting) => logsQualify(setting, rule.counts));
                if (!verdicts.includes("yes") && !verdicts.includes("maybe")) {
                    reportViolation(
                        `${rule.noun} ${label(target)} has diagnostic settings (${own.map(label).join(", ")}), ` +
                            `but none enables ${rule.logsWanted}.`,
                        target.urn,
                    );
                }
            }
        },
    });
}

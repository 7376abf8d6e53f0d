/**
 * The plan document's shapes, shared by the plan (plan.ts), the policy run (policy.ts), the
 * renderers and the diff. A module of types only, so that plan.ts → policy.ts stays one way.
 */

export type ViolationLevel = "advisory" | "mandatory";

export interface PolicyViolation {
    readonly policy: string;
    readonly level: ViolationLevel;
    /** The resource in violation, or the stack's URN for a violation of the whole stack. */
    readonly urn: string;
    readonly message: string;
}

export interface PlanResourceEntry {
    readonly urn: string;
    readonly type: string;
    readonly name: string;
    readonly parent: string | null;
    readonly dependsOn: readonly string[];
    readonly protect: boolean;
    readonly inputs: Record<string, unknown>;
}

/** The policy pack's verdict on the plan (`--json`: the `policy` member). */
export interface PlanPolicyReport {
    readonly pack: string;
    /** The config file used, relative to the project (null: none, every rule at its default). */
    readonly config: string | null;
    readonly violations: readonly PolicyViolation[];
    /** Number of rules run (not disabled). */
    readonly evaluated: number;
}

export interface PlanDocument {
    readonly project: string;
    readonly stack: string;
    readonly resources: readonly PlanResourceEntry[];
    readonly outputs: Record<string, unknown>;
    readonly warnings: readonly string[];
    /** Present when the policy pack ran (always, from `buildPlan`). */
    readonly policy?: PlanPolicyReport;
}

/** The value at a dotted path of a resource's inputs (`properties.sku.name`), undefined where it stops. */
export function inputAt(inputs: Readonly<Record<string, unknown>>, dotted: string): unknown {
    let current: unknown = inputs;
    for (const part of dotted.split(".")) {
        if (typeof current !== "object" || current === null) {
            return undefined;
        }
        current = (current as Record<string, unknown>)[part];
    }
    return current;
}

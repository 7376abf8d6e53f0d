/**
 * Policy helpers for tests on planned stacks: plan a stack with an environment's policy config, and
 * judge a changed copy of a plan document without planning again (for properties the stack config
 * cannot express, or not yet).
 */
import * as path from "node:path";
import { buildPlan, type PlanDocument, type PlanResourceEntry, type PlanResult, PROJECT_DIR } from "../plan/plan";
import { evaluatePolicies, type PolicyEvaluation, readPackConfig } from "../plan/policy";
import { policies as PACK_POLICIES } from "../policies/pack";
import { type Config, NAMESPACE, planStack, TEST_DATE } from "./helpers";

export type Environment = "dev" | "staging" | "prod";

export function policyConfigFile(environment: Environment): string {
    return path.join(PROJECT_DIR, "policies", "config", `${environment}.json`);
}

/**
 * Plans `stack` (its stack file, or `config` when given) judged by `environment`'s policy config.
 * A shipped stack judged by its own config on the test date is the run's shared plan (`planStack`).
 */
export function planJudged(
    stack: string,
    options: { readonly config?: Config; readonly environment?: Environment; readonly now?: Date } = {},
): Promise<PlanResult> {
    if (!options.config && !options.environment && !options.now) {
        return planStack(stack);
    }
    const config = options.config
        ? Object.fromEntries(Object.entries(options.config).map(([key, value]) => [`${NAMESPACE}:${key}`, value]))
        : undefined;
    return buildPlan({
        stack,
        now: options.now ?? TEST_DATE,
        ...(config ? { config } : {}),
        ...(options.environment ? { policyConfig: policyConfigFile(options.environment) } : {}),
    });
}

/** Runs the pack on a (changed) plan document with `environment`'s config, as the plan would. */
export function judge(
    document: Pick<PlanDocument, "project" | "stack" | "resources">,
    environment: Environment,
    now: Date = TEST_DATE,
): Promise<PolicyEvaluation> {
    return evaluatePolicies(document, readPackConfig(policyConfigFile(environment)), now);
}

/**
 * Runs only the pack's rules named `rules` on a (changed) plan document, with `environment`'s config
 * for them, as the plan would run them: for a change to the plan's inputs, the rules that judge
 * those inputs are all that can answer.
 */
export function judgeRules(
    document: Pick<PlanDocument, "project" | "stack" | "resources">,
    environment: Environment,
    rules: readonly string[],
    now: Date = TEST_DATE,
): Promise<PolicyEvaluation> {
    const policies = PACK_POLICIES.filter((policy) => rules.includes(policy.name));
    const unknown = rules.filter((rule) => !policies.some((policy) => policy.name === rule));
    if (unknown.length > 0) {
        throw new Error(`no rule named ${unknown.join(", ")} in the pack`);
    }
    const config = Object.fromEntries(
        Object.entries(readPackConfig(policyConfigFile(environment))).filter(
            ([key]) => key === "all" || rules.includes(key),
        ),
    );
    return evaluatePolicies(document, config, now, { policies });
}

/** The rules with a mandatory violation, sorted and unique. */
export function mandatoryRules(evaluation: Pick<PolicyEvaluation, "violations">): string[] {
    return [
        ...new Set(evaluation.violations.filter((v) => v.level === "mandatory").map((violation) => violation.policy)),
    ].sort();
}

/** A deep copy of `document` with `change` applied to each resource it selects. */
export function changed(
    document: PlanDocument,
    select: (resource: PlanResourceEntry) => boolean,
    change: (inputs: Record<string, unknown>, resource: PlanResourceEntry) => Partial<PlanResourceEntry> | void,
): PlanDocument {
    return {
        ...document,
        resources: document.resources.map((resource) => {
            if (!select(resource)) {
                return resource;
            }
            const copy = structuredClone(resource) as PlanResourceEntry & { inputs: Record<string, unknown> };
            return { ...copy, ...(change(copy.inputs, copy) ?? {}) };
        }),
    };
}

/** A copy of `document` without the resources `select` picks. */
export function removed(document: PlanDocument, select: (resource: PlanResourceEntry) => boolean): PlanDocument {
    return { ...document, resources: document.resources.filter((resource) => !select(resource)) };
}

export const ofType =
    (type: string) =>
    (resource: PlanResourceEntry): boolean =>
        resource.type === type;

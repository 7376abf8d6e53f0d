/**
 * Policy helpers for tests on planned stacks: plan a stack with an environment's policy config, and
 * judge a changed copy of a plan document without planning again (for properties the stack config
 * cannot express, or not yet).
 */
import * as path from "node:path";
import { buildPlan, type PlanDocument, type PlanResourceEntry, type PlanResult, PROJECT_DIR } from "../plan/plan";
import { evaluatePolicies, type PolicyEvaluation, readPackConfig } from "../plan/policy";
import { type Config, NAMESPACE, TEST_DATE } from "./helpers";

export type Environment = "dev" | "staging" | "prod";

export function policyConfigFile(environment: Environment): string {
    return path.join(PROJECT_DIR, "policies", "config", `${environment}.json`);
}

/** Plans `stack` (its stack file, or `config` when given) judged by `environment`'s policy config. */
export function planJudged(
    stack: string,
    options: { readonly config?: Config; readonly environment?: Environment; readonly now?: Date } = {},
): Promise<PlanResult> {
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

/**
 * Runs one rule on fixture resources through plan/policy.ts (the args builder and runner the
 * offline plan uses), with the rule's config defaults under `settings`, as the Pulumi CLI does.
 */
import type { PlanResourceEntry } from "../../plan/plan";
import {
    checkPackConfig,
    defaultStackTags,
    policySettings,
    type RawViolation,
    runPolicy,
    stackUrnOf,
} from "../../plan/policy";
import type { PackPolicy } from "../metadata";

export const STACK_URN = stackUrnOf({ project: "aoai-platform", stack: "test" });

/** What `policy` reports on `resources` with `settings` (validated against its configSchema). */
export async function violations(
    policy: PackPolicy,
    resources: readonly PlanResourceEntry[],
    settings: Record<string, unknown> = {},
): Promise<RawViolation[]> {
    const config = { [policy.name]: settings };
    const problems = checkPackConfig(config, [policy]);
    if (problems.length > 0) {
        throw new Error(`invalid settings for ${policy.name}: ${problems.join("; ")}`);
    }
    return runPolicy(
        policy,
        resources,
        { settings: policySettings(policy, config), stackTags: defaultStackTags("aoai-platform") },
        STACK_URN,
    );
}

/** The messages `policy` reports (including "can't run … during preview" for an unknown read). */
export async function messages(
    policy: PackPolicy,
    resources: readonly PlanResourceEntry[],
    settings: Record<string, unknown> = {},
): Promise<string[]> {
    return (await violations(policy, resources, settings)).map((violation) => violation.message);
}

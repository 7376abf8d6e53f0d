/** Shared by the tests: plan a shipped stack, or a copy of one with changed config, on a fixed date. */
import { createHash } from "node:crypto";
import { PROJECT_DIR, readStackFile } from "../plan/config-sources";
import type { PlanDocument, PlanResourceEntry, PlanResult } from "../plan/plan";
import { buildPlan, planOncePerRun, shippedPlan } from "./support/shipped-plans";

/** Tests run on a fixed date so that lifecycle checks do not change under them. */
export const TEST_DATE = new Date("2026-11-28T00:00:00Z");
export const SHIPPED_STACKS = ["dev", "staging", "prod"] as const;
export const NAMESPACE = "aoai-platform";

export type Config = Record<string, unknown>;

const stackConfigs = new Map<string, Config>();

/** The stack file's config with the project namespace stripped from the keys (a fresh copy each call). */
export function stackConfig(stack: string): Config {
    let config = stackConfigs.get(stack);
    if (!config) {
        config = Object.fromEntries(
            Object.entries(readStackFile(PROJECT_DIR, stack).config).map(([key, value]) => [
                key.startsWith(`${NAMESPACE}:`) ? key.slice(NAMESPACE.length + 1) : key,
                value,
            ]),
        );
        stackConfigs.set(stack, config);
    }
    return structuredClone(config);
}

type CapacityRegions = Record<string, { deployments: Record<string, { capacity: number }> }>;

/**
 * `config` with one input changed: the largest deployment of its first region (by name) at half its
 * capacity. The stability and diff tests both plan this variant of prod, so it is planned once per run.
 */
export function halvedCapacity(config: Config): {
    config: Config;
    region: string;
    deployment: string;
    /** The deployment's capacity before (the variant has half of it, rounded down). */
    capacity: number;
} {
    const regions = config["regions"] as CapacityRegions;
    const [region = "", { deployments = {} } = { deployments: {} }] =
        Object.entries(regions).sort(([a], [b]) => (a < b ? -1 : 1))[0] ?? [];
    const [deployment = "", { capacity = 0 } = { capacity: 0 }] =
        Object.entries(deployments).sort(([, a], [, b]) => b.capacity - a.capacity)[0] ?? [];
    const changed = variant(config, (c) => {
        (c["regions"] as CapacityRegions)[region]!.deployments[deployment]!.capacity = Math.floor(capacity / 2);
    });
    return { config: changed, region, deployment, capacity };
}

/** A deep copy of `config` changed by `mutate`. */
export function variant(config: Config, mutate: (copy: Config) => void): Config {
    const copy = structuredClone(config);
    mutate(copy);
    return copy;
}

export function planConfig(stack: string, config: Config, now: Date = TEST_DATE): Promise<PlanResult> {
    const namespaced = Object.fromEntries(Object.entries(config).map(([key, value]) => [`${NAMESPACE}:${key}`, value]));
    return buildPlan({ stack, config: namespaced, now });
}

/**
 * A plan of `stack` with `config()` made on first use and shared by the tests of one file that ask for
 * it (treat the result as read-only): a variant several tests read is planned once, and not at all
 * when none of them runs (`jest -t`).
 */
export function planOnce(stack: string, config: () => Config, now: Date = TEST_DATE): () => Promise<PlanResult> {
    let plan: Promise<PlanResult> | undefined;
    return () => (plan ??= planConfig(stack, config(), now));
}

/**
 * `planConfig`, made once per Jest run for each stack, config and date (support/shipped-plans.ts)
 * and shared by every test file that plans the same (treat the result as read-only). Still a run
 * of its own, apart from the shipped stack's plan: tests that compare the two stay meaningful.
 */
export function planConfigPerRun(stack: string, config: Config, now: Date = TEST_DATE): Promise<PlanResult> {
    const digest = createHash("sha256").update(JSON.stringify(config)).digest("hex").slice(0, 16);
    return planOncePerRun(`${stack}+config-${digest}@${now.toISOString()}`, () => planConfig(stack, config, now));
}

/**
 * Plans a shipped stack. Plans are pure functions of the stack file and the date, so each is
 * computed once per Jest run (support/shipped-plans.ts) and shared (treat the result as read-only).
 */
export function planStack(stack: string, now: Date = TEST_DATE): Promise<PlanResult> {
    return shippedPlan(stack, now);
}

export function documentOf(result: PlanResult): PlanDocument {
    if (!result.document) {
        throw new Error(`plan failed with exit ${result.exitCode}: ${result.errorText ?? ""}`);
    }
    return result.document;
}

export function ofType(document: PlanDocument, type: string): PlanResourceEntry[] {
    return document.resources.filter((resource) => resource.type === type);
}

export function byName(document: PlanDocument, name: string): PlanResourceEntry {
    const found = document.resources.find((resource) => resource.name === name);
    if (!found) {
        throw new Error(`no resource named ${name}; have ${document.resources.map((r) => r.name).join(", ")}`);
    }
    return found;
}

/** Reads a dotted path from a resource's inputs. */
export function input(resource: PlanResourceEntry, dotted: string): unknown {
    let current: unknown = resource.inputs;
    for (const part of dotted.split(".")) {
        current = typeof current === "object" && current !== null ? (current as Config)[part] : undefined;
    }
    return current;
}

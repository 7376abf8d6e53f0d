/**
 * The offline plan: what a stack would create, as one JSON document, and its exit code.
 * Exit codes: 0 plan is fine; 1 a mandatory policy violation remains; 2 invalid configuration.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { ConfigSourceError, type EscValues, PROJECT_DIR, readEscValuesFile } from "./config-sources";
import type { PlanDocument } from "./document";
import { type PlannedResource, runProgram } from "./harness";
import { evaluatePolicies, hasMandatoryViolation, type PackConfig, PolicyConfigError, readPackConfig } from "./policy";

export type { PlanDocument, PlanPolicyReport, PlanResourceEntry } from "./document";

export const EXIT_OK = 0;
export const EXIT_POLICY_VIOLATION = 1;
export const EXIT_INVALID_CONFIG = 2;
/** Anything else that goes wrong is a bug in the product. */
export const EXIT_BUG = 70;

export { PROJECT_DIR } from "./config-sources";

export interface PlanResult {
    readonly exitCode: number;
    /** Present unless the configuration was invalid or the run failed. */
    readonly document?: PlanDocument;
    /** What goes to stderr: the gathered configuration problems, or the failure. */
    readonly errorText?: string;
    /** Warnings gathered before a configuration error stopped the run. */
    readonly warnings?: readonly string[];
    /** Resources registered even when the run failed (none for a configuration error). */
    readonly registered: readonly PlannedResource[];
}

export interface PlanOptions {
    readonly stack: string;
    readonly projectDir?: string;
    /** Config to use instead of the stack's sources (`namespace:key` → value). */
    readonly config?: Record<string, unknown>;
    readonly secretKeys?: readonly string[];
    /**
     * Files printed by `esc env open <org/project/env> --format json`, one per environment the
     * stack file imports, in import order (`--esc-values`).
     */
    readonly escValues?: readonly string[];
    /** The date the plan is made for; defaults to today. */
    readonly now?: Date;
    /**
     * Policy pack config file to evaluate with (absolute, or relative to the project), instead of
     * `policies/config/<stack>.json`; lets a test judge one stack by another environment's rules.
     */
    readonly policyConfig?: string;
}

/** The environments' policy pack configs, beside the pack (policies/config) this plan runs. */
export const POLICY_CONFIG_DIR = path.join(PROJECT_DIR, "policies", "config");

/** Where a stack's policy pack config lives: `policies/config/<stack>.json`. */
export function policyConfigPath(stack: string): string {
    return path.join(POLICY_CONFIG_DIR, `${stack}.json`);
}

interface LoadedPolicyConfig {
    readonly file: string | null;
    readonly config: PackConfig;
}

function loadPolicyConfig(projectDir: string, options: PlanOptions): LoadedPolicyConfig {
    if (options.policyConfig !== undefined) {
        const file = path.resolve(projectDir, options.policyConfig);
        return { file, config: readPackConfig(file) };
    }
    const file = policyConfigPath(options.stack);
    return fs.existsSync(file) ? { file, config: readPackConfig(file) } : { file: null, config: {} };
}

function isConfigError(error: unknown): error is Error & { problems: unknown[]; warnings?: readonly string[] } {
    return error instanceof Error && error.name === "ConfigError" && "problems" in error;
}

export async function buildPlan(options: PlanOptions): Promise<PlanResult> {
    const now = options.now;
    const projectDir = options.projectDir ?? PROJECT_DIR;
    let run;
    let policy: LoadedPolicyConfig;
    try {
        // The policy pack's config file first: a typo in its path fails before the program runs.
        policy = loadPolicyConfig(projectDir, options);
        const escValues: EscValues[] = (options.escValues ?? []).map((file) =>
            readEscValuesFile(path.resolve(projectDir, file)),
        );
        run = await runProgram({
            projectDir,
            stack: options.stack,
            ...(options.config ? { config: options.config } : {}),
            ...(options.secretKeys ? { secretKeys: options.secretKeys } : {}),
            escValues,
            programOptions: now ? { clock: () => now } : {},
        });
    } catch (error) {
        // The stack's configuration sources: a missing stack, bad YAML, ESC values not given, ...
        if (error instanceof ConfigSourceError || error instanceof PolicyConfigError) {
            return { exitCode: EXIT_INVALID_CONFIG, errorText: error.message, registered: [] };
        }
        throw error;
    }
    if (run.error !== undefined) {
        if (isConfigError(run.error)) {
            return {
                exitCode: EXIT_INVALID_CONFIG,
                errorText: run.error.message,
                warnings: run.error.warnings ?? [],
                registered: run.resources,
            };
        }
        const text = run.error instanceof Error ? (run.error.stack ?? run.error.message) : JSON.stringify(run.error);
        return {
            exitCode: EXIT_BUG,
            errorText: `The plan failed (a bug, please report it):\n${text}`,
            registered: run.resources,
        };
    }
    const planned: PlanDocument = {
        project: run.project,
        stack: run.stack,
        resources: run.resources.map(({ urn, type, name, parent, dependsOn, protect, inputs }) => ({
            urn,
            type,
            name,
            parent,
            dependsOn,
            protect,
            inputs,
        })),
        outputs: run.outputs,
        warnings:
            (options.escValues ?? []).length > 0
                ? [
                      ...run.warnings,
                      // The plan cannot know this one: say so instead of guessing.
                      "ESC values were read as plain values: `esc env open` does not say which were fn::secret. " +
                          `pulumi up refuses a ${run.project}: key that the environment holds as a secret (the product's keys hold none).`,
                  ]
                : run.warnings,
    };
    try {
        const { file, config } = policy;
        // Shown relative to the repository that holds the pack, as a user would pass it to the CLI.
        const source = file ? path.relative(PROJECT_DIR, file).split(path.sep).join("/") : null;
        const evaluation = await evaluatePolicies(planned, config, now ?? new Date(), {
            ...(source ? { source } : {}),
        });
        const document: PlanDocument = { ...planned, policy: { ...evaluation, config: source } };
        return {
            exitCode: hasMandatoryViolation(evaluation) ? EXIT_POLICY_VIOLATION : EXIT_OK,
            document,
            registered: run.resources,
        };
    } catch (error) {
        if (error instanceof PolicyConfigError) {
            return { exitCode: EXIT_INVALID_CONFIG, errorText: error.message, registered: run.resources };
        }
        throw error;
    }
}

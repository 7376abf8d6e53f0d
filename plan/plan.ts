/**
 * The offline plan: what a stack would create, as one JSON document, and its exit code.
 * Exit codes: 0 plan is fine; 1 a mandatory policy violation remains; 2 invalid configuration.
 */
import * as path from "node:path";
import { type PlannedResource, runProgram } from "./harness";

export const EXIT_OK = 0;
export const EXIT_POLICY_VIOLATION = 1;
export const EXIT_INVALID_CONFIG = 2;
/** Anything else that goes wrong is a bug in the product. */
export const EXIT_BUG = 70;

export const PROJECT_DIR = path.resolve(__dirname, "..");

export interface PlanResourceEntry {
    readonly urn: string;
    readonly type: string;
    readonly name: string;
    readonly parent: string | null;
    readonly dependsOn: readonly string[];
    readonly protect: boolean;
    readonly inputs: Record<string, unknown>;
}

export interface PlanDocument {
    readonly project: string;
    readonly stack: string;
    readonly resources: readonly PlanResourceEntry[];
    readonly outputs: Record<string, unknown>;
    readonly warnings: readonly string[];
}

export interface PlanResult {
    readonly exitCode: number;
    /** Present unless the configuration was invalid or the run failed. */
    readonly document?: PlanDocument;
    /** What goes to stderr: the gathered configuration problems, or the failure. */
    readonly errorText?: string;
    /** Resources registered even when the run failed (none for a configuration error). */
    readonly registered: readonly PlannedResource[];
}

export interface PlanOptions {
    readonly stack: string;
    readonly projectDir?: string;
    /** Config to use instead of the stack file's (`namespace:key` → value). */
    readonly config?: Record<string, unknown>;
    readonly secretKeys?: readonly string[];
    /** The date the plan is made for; defaults to today. */
    readonly now?: Date;
}

function isConfigError(error: unknown): error is Error & { problems: unknown[] } {
    return error instanceof Error && error.name === "ConfigError" && "problems" in error;
}

export async function buildPlan(options: PlanOptions): Promise<PlanResult> {
    const now = options.now;
    const run = await runProgram({
        projectDir: options.projectDir ?? PROJECT_DIR,
        stack: options.stack,
        ...(options.config ? { config: options.config } : {}),
        ...(options.secretKeys ? { secretKeys: options.secretKeys } : {}),
        programOptions: now ? { clock: () => now } : {},
    });
    if (run.error !== undefined) {
        if (isConfigError(run.error)) {
            return { exitCode: EXIT_INVALID_CONFIG, errorText: run.error.message, registered: run.resources };
        }
        const text = run.error instanceof Error ? (run.error.stack ?? run.error.message) : JSON.stringify(run.error);
        return {
            exitCode: EXIT_BUG,
            errorText: `The plan failed (a bug, please report it):\n${text}`,
            registered: run.resources,
        };
    }
    const document: PlanDocument = {
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
        warnings: run.warnings,
    };
    return { exitCode: EXIT_OK, document, registered: run.resources };
}

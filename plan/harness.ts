/**
 * Runs the very program `pulumi up` runs, under Pulumi's mock runtime, and records what the engine
 * would receive: every registration (type, name, parent, dependencies, protect, inputs) and the
 * stack outputs. Shared by the offline plan and the tests.
 */
import * as pulumi from "@pulumi/pulumi";
import * as path from "node:path";
import {
    type EscValues,
    readProjectFile,
    readStackFile,
    resolveStackConfig,
    SECRET_PLACEHOLDER,
} from "./config-sources";
import { mocks } from "./mocks";
import type { PlanDocument, PlanResourceEntry } from "./document";

/** Pulumi's wire markers (sdk/nodejs/runtime/rpc.ts). */
const SPECIAL_SIG_KEY = "4dabf18193072939515e22adb298388d";
const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";
const RESOURCE_SIG = "5cf8f73096256a8f31e491e813e4eb8e";
const UNKNOWN_VALUE = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/**
 * `waitForRPCs` drains the runtime's queue of outstanding registrations; it is internal to
 * @pulumi/pulumi (runtime/settings), where the CLI's own run loop uses it before exiting.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const runtimeSettings = require("@pulumi/pulumi/runtime/settings") as { waitForRPCs(): Promise<void> };

export const ROOT_STACK_TYPE = "pulumi:pulumi:Stack";

/** A registration as the harness records it: the plan document's entry, plus whether it is a custom resource. */
export interface PlannedResource extends PlanResourceEntry {
    /** A custom resource (Azure, random, ...) rather than a component. */
    readonly custom: boolean;
}

/** One run of the program: the plan document before the policy pack judges it, and how the run ended. */
export interface ProgramRun extends Omit<PlanDocument, "resources" | "policy"> {
    /** Every registered resource except the root stack, sorted by URN. */
    readonly resources: readonly PlannedResource[];
    /** The error the program failed with, if it did. */
    readonly error?: unknown;
}

/** Turns wire-format values into plain JSON: secrets hidden, resource references as URNs. */
export function fromWire(value: unknown): unknown {
    if (Array.isArray(value)) {
        return value.map(fromWire);
    }
    if (value === UNKNOWN_VALUE) {
        return "[unknown]";
    }
    if (typeof value === "object" && value !== null) {
        const record = value as Record<string, unknown>;
        const signature = record[SPECIAL_SIG_KEY];
        if (signature === SECRET_SIG) {
            return SECRET_PLACEHOLDER;
        }
        if (signature === RESOURCE_SIG) {
            return record["urn"];
        }
        const result: Record<string, unknown> = {};
        for (const key of Object.keys(record).sort()) {
            result[key] = fromWire(record[key]);
        }
        return result;
    }
    return value;
}

interface StructLike {
    toJavaScript(): unknown;
}

interface RegisterRequest {
    getType(): string;
    getName(): string;
    getParent(): string;
    getCustom(): boolean;
    getProtect(): boolean | undefined;
    getDependenciesList(): string[];
    getObject(): StructLike | undefined;
}

interface RegisterResponse {
    getUrn(): string;
}

interface OutputsRequest {
    getUrn(): string;
    getOutputs(): StructLike | undefined;
}

type Callback<T> = (error: unknown, response: T) => void;

interface MockMonitorLike {
    newUrn(parent: string, type: string, name: string): string;
    registerResource(request: RegisterRequest, callback: Callback<RegisterResponse>): Promise<void> | void;
    registerResourceOutputs(request: OutputsRequest, callback: Callback<unknown>): void;
}

export interface RunOptions {
    readonly projectDir: string;
    readonly stack: string;
    /** Config to use instead of the stack's sources (`namespace:key` → value). */
    readonly config?: Record<string, unknown>;
    readonly secretKeys?: readonly string[];
    /** The opened ESC environments the stack file imports (`--esc-values`), in import order. */
    readonly escValues?: readonly EscValues[];
    /** Arguments passed to the program's exported function (e.g. a fixed clock). */
    readonly programOptions?: unknown;
}

/** What Pulumi's config store holds: strings, with structured values as JSON. */
function toConfigStrings(config: Record<string, unknown>): Record<string, string> {
    return Object.fromEntries(
        Object.entries(config).map(([key, value]) => [key, typeof value === "string" ? value : JSON.stringify(value)]),
    );
}

let programModule: unknown;
let programModulePath: string | undefined;

/** The program module, loaded once per process: its export is a function the runtime calls per run. */
function loadProgram(projectDir: string, main: string): unknown {
    const entry = path.resolve(projectDir, main);
    if (programModulePath !== entry) {
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        programModule = require(entry) as unknown;
        programModulePath = entry;
    }
    return programModule;
}

/** The run in progress, if any: the SDK's runtime state (config, mocks, the stack) is one per process. */
let lastRun: Promise<unknown> = Promise.resolve();

/**
 * Runs the project's program for one stack under mocks and records the registrations. Runs started
 * together take turns: two at once would share the SDK's runtime and mix their resources.
 */
export function runProgram(options: RunOptions): Promise<ProgramRun> {
    const run = lastRun.then(() => runProgramAlone(options));
    lastRun = run.catch(() => undefined);
    return run;
}

async function runProgramAlone(options: RunOptions): Promise<ProgramRun> {
    const project = readProjectFile(options.projectDir);
    // Without explicit config, the stack's configuration as the Pulumi CLI assembles it: stack
    // file, ESC environments, Pulumi.yaml (config-sources.ts). Throws ConfigSourceError.
    const resolved = options.config
        ? undefined
        : resolveStackConfig(
              project,
              options.stack,
              readStackFile(options.projectDir, options.stack),
              options.escValues ?? [],
          );
    const config = options.config ?? resolved?.config ?? {};
    const secretKeys = options.secretKeys ?? resolved?.secretKeys ?? [];

    pulumi.runtime.setAllConfig(toConfigStrings(config), [...secretKeys]);
    await pulumi.runtime.setMocks(mocks, project.name, options.stack, false);

    const registrations = new Map<string, PlannedResource>();
    let stackOutputs: Record<string, unknown> = {};
    const monitor = pulumi.runtime.getMonitor() as unknown as MockMonitorLike;
    // URNs as the Pulumi engine forms them: the parent's whole qualified type prefixes the child's,
    // and children of the root stack carry no prefix (the mock monitor keeps only the parent's last
    // type and prefixes the stack's), so that plan URNs match those of a real `pulumi preview`.
    monitor.newUrn = (parent, type, name) => {
        const parentType = parent ? (parent.split("::")[2] ?? "") : "";
        const qualifiedType = parentType && parentType !== ROOT_STACK_TYPE ? `${parentType}$${type}` : type;
        return `urn:pulumi:${options.stack}::${project.name}::${qualifiedType}::${name}`;
    };
    const registerResource = monitor.registerResource.bind(monitor);
    const registerResourceOutputs = monitor.registerResourceOutputs.bind(monitor);
    monitor.registerResource = (request, callback) =>
        registerResource(request, (error, response) => {
            if (!error && response) {
                const urn = response.getUrn();
                registrations.set(urn, {
                    urn,
                    type: request.getType(),
                    name: request.getName(),
                    parent: request.getParent() || null,
                    custom: request.getCustom(),
                    dependsOn: [...new Set(request.getDependenciesList())].sort(),
                    protect: request.getProtect() === true,
                    inputs: (fromWire(request.getObject()?.toJavaScript() ?? {}) ?? {}) as Record<string, unknown>,
                });
            }
            callback(error, response);
        });
    monitor.registerResourceOutputs = (request, callback) => {
        if (request.getUrn().includes(`::${ROOT_STACK_TYPE}::`)) {
            stackOutputs = (fromWire(request.getOutputs()?.toJavaScript() ?? {}) ?? {}) as Record<string, unknown>;
        }
        registerResourceOutputs(request, callback);
    };

    const warnings: string[] = [];
    const originalWarn = console.warn;
    console.warn = (...parts: unknown[]) => {
        warnings.push(
            parts
                .map(String)
                .join(" ")
                .replace(/^warning: \[runtime\] /, ""),
        );
    };
    let failure: unknown;
    // As under the Pulumi CLI (cmd/run), a failure inside the stack's construction surfaces as an
    // unhandled rejection; record it as the run's failure instead of crashing the process.
    const onUnhandledRejection = (reason: unknown): void => {
        failure ??= reason;
    };
    process.on("unhandledRejection", onUnhandledRejection);
    try {
        const programExport = loadProgram(options.projectDir, project.main);
        // The program's own configuration check, run before the stack starts: a mistake then
        // registers nothing, not even the stack resource.
        const validate = (programExport as { validateConfiguration?: unknown } | undefined)?.validateConfiguration;
        if (typeof validate === "function") {
            (validate as (options: unknown) => unknown)(options.programOptions);
        }
        await pulumi.runtime.runInPulumiStack(async () => {
            const result: unknown =
                typeof programExport === "function"
                    ? await (programExport as (options: unknown) => unknown)(options.programOptions)
                    : programExport;
            return result as Record<string, unknown>;
        });
    } catch (error) {
        failure = error;
    } finally {
        try {
            await runtimeSettings.waitForRPCs();
        } catch (error) {
            failure ??= error;
        }
        console.warn = originalWarn;
        // Let rejections already queued reach the handler before it is removed.
        await new Promise((resolve) => setImmediate(resolve));
        process.off("unhandledRejection", onUnhandledRejection);
    }

    const resources = [...registrations.values()]
        .filter((resource) => resource.type !== ROOT_STACK_TYPE)
        .sort((a, b) => (a.urn < b.urn ? -1 : a.urn > b.urn ? 1 : 0));
    return {
        project: project.name,
        stack: options.stack,
        resources,
        outputs: stackOutputs,
        warnings,
        ...(failure === undefined ? {} : { error: failure }),
    };
}

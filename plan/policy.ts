/**
 * Runs the policy pack offline, against the resources a plan registered, the way the Pulumi engine
 * runs it during `pulumi preview --policy-pack policies --policy-pack-config <file>`:
 *
 * - configuration: the CLI's reconciliation (pkg/resource/plugin ReconcilePolicyPackConfig): each
 *   policy's `configSchema` defaults, then the file's values; the enforcement level is the file's
 *   entry for the policy, else its `all` entry, else the policy's own, else the pack's, else
 *   advisory. The merged values are validated against the schema. `disabled` policies do not run;
 *   `remediate` counts as mandatory (no rule of this pack remediates).
 * - arguments: those the analyzer server of @pulumi/policy builds (server.ts): type, props wrapped
 *   in `unknownCheckingProxy`, urn, name, opts, getConfig, notApplicable, stackTags, isType/asType;
 *   for stack policies every resource with its parent and dependencies resolved to resources.
 * - results: a rule that reads a value not known yet is reported as advisory "can't run … during
 *   preview", as the engine does; `notApplicable` is silence.
 *
 * The args builders are exported: the per-rule tests use the same ones.
 *
 * Differences from a real preview, by necessity: stack policies see the planned inputs (the engine
 * passes outputs, which for a resource being created are its inputs plus unknowns), and the plan
 * runs under mocks, so no value is unknown unless a test makes it so.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import type {
    EnforcementLevel,
    PolicyConfigSchema,
    PolicyResource,
    PolicyResourceOptions,
    ReportViolation,
    ResourceValidationArgs,
    StackValidationArgs,
} from "@pulumi/policy";
import { suggest } from "../infra/config/rules";
import { isStackPolicy, type PackPolicy } from "../policies/metadata";
import { PACK_ENFORCEMENT_LEVEL, PACK_NAME, policies as PACK_POLICIES } from "../policies/pack";
import { isUnknownValueError, unknownCheckingProxy } from "../policies/lib/values";
import type { PlanDocument, PlanResourceEntry, PolicyViolation } from "./document";

export type { PolicyViolation, ViolationLevel } from "./document";

export interface PolicyEvaluation {
    readonly pack: string;
    readonly violations: readonly PolicyViolation[];
    /** Number of rules run (every rule whose effective level is not `disabled`). */
    readonly evaluated: number;
}

/** A policy's entry in a config file: a level, or an object with a level and settings. */
export type PolicyConfigEntry =
    EnforcementLevel | { readonly enforcementLevel?: EnforcementLevel; [key: string]: unknown };

/** The `--policy-pack-config` file: policy name (or `all`) → entry. */
export type PackConfig = Readonly<Record<string, PolicyConfigEntry>>;

export const ENFORCEMENT_LEVELS: readonly EnforcementLevel[] = ["advisory", "mandatory", "remediate", "disabled"];

/** A policy pack config file that the Pulumi CLI would refuse (or silently misread). */
export class PolicyConfigError extends Error {
    public readonly problems: readonly string[];

    /** `headline` replaces "… is invalid:" when the file is not there at all. */
    constructor(source: string, problems: readonly string[], headline?: string) {
        super(
            headline ??
                `Policy pack config ${source} is invalid:\n${problems.map((problem) => `  - ${problem}`).join("\n")}`,
        );
        this.name = "PolicyConfigError";
        this.problems = problems;
    }
}

// ---------------------------------------------------------------------------------------------
// Configuration

function isRecord(value: unknown): value is Record<string, unknown> {
    return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isLevel(value: unknown): value is EnforcementLevel {
    return typeof value === "string" && (ENFORCEMENT_LEVELS as readonly string[]).includes(value);
}

/** Reads a config file; its entries are checked by `checkPackConfig`. */
export function readPackConfig(file: string): PackConfig {
    if (!fs.existsSync(file)) {
        const shown = path.relative(process.cwd(), file) || file;
        const others = fs.existsSync(path.dirname(file))
            ? fs
                  .readdirSync(path.dirname(file))
                  .filter((name) => name.endsWith(".json"))
                  .sort()
            : [];
        throw new PolicyConfigError(
            file,
            [],
            `Policy pack config ${shown} not found` +
                (others.length > 0 ? `; files in ${path.dirname(shown)}: ${others.join(", ")}` : ""),
        );
    }
    let parsed: unknown;
    try {
        parsed = JSON.parse(fs.readFileSync(file, "utf8"));
    } catch (error) {
        throw new PolicyConfigError(file, [error instanceof Error ? error.message : String(error)]);
    }
    if (!isRecord(parsed)) {
        throw new PolicyConfigError(file, ['the file must hold a JSON object: policy name (or "all") → entry']);
    }
    return parsed as PackConfig;
}

function levelOf(entry: PolicyConfigEntry | undefined): EnforcementLevel | undefined {
    if (entry === undefined) {
        return undefined;
    }
    return typeof entry === "string" ? entry : entry.enforcementLevel;
}

/** The level a policy runs at: the file's entry, else `all`, else the policy's, else the pack's. */
export function effectiveLevel(policy: PackPolicy, config: PackConfig): EnforcementLevel {
    return levelOf(config[policy.name]) ?? levelOf(config["all"]) ?? policy.enforcementLevel ?? PACK_ENFORCEMENT_LEVEL;
}

/** The settings a policy's `getConfig()` returns: schema defaults, then the file's values. */
export function policySettings(policy: PackPolicy, config: PackConfig): Record<string, unknown> {
    const defaults = Object.fromEntries(
        Object.entries(policy.configSchema?.properties ?? {})
            .filter(([, schema]) => schema.default !== undefined)
            .map(([key, schema]) => [key, structuredClone(schema.default)]),
    );
    const entry = config[policy.name];
    const given = isRecord(entry)
        ? Object.fromEntries(Object.entries(entry).filter(([key]) => key !== "enforcementLevel"))
        : {};
    return { ...defaults, ...given };
}

type JsonSchema = NonNullable<PolicyConfigSchema["properties"][string]>;

function typeOfJson(value: unknown): string {
    if (value === null) {
        return "null";
    }
    if (Array.isArray(value)) {
        return "array";
    }
    if (typeof value === "number") {
        return Number.isInteger(value) ? "integer" : "number";
    }
    return typeof value;
}

/** The subset of JSON Schema the pack's config schemas use, with messages naming the path. */
function schemaProblems(schema: JsonSchema | boolean, value: unknown, at: string): string[] {
    if (typeof schema === "boolean") {
        return schema ? [] : [`${at}: not allowed`];
    }
    const problems: string[] = [];
    const actual = typeOfJson(value);
    if (schema.type !== undefined) {
        const types = Array.isArray(schema.type) ? schema.type : [schema.type];
        const matches = types.some((type) => type === actual || (type === "number" && actual === "integer"));
        if (!matches) {
            return [`${at}: expected ${types.join(" or ")}, got ${actual} ${JSON.stringify(value)}`];
        }
    }
    if (schema.enum !== undefined && !schema.enum.some((option) => JSON.stringify(option) === JSON.stringify(value))) {
        problems.push(
            `${at}: ${JSON.stringify(value)} is not one of ${schema.enum.map((o) => JSON.stringify(o)).join(", ")}`,
        );
    }
    if (typeof value === "number") {
        if (schema.minimum !== undefined && value < schema.minimum) {
            problems.push(`${at}: ${value} is less than the minimum ${schema.minimum}`);
        }
        if (schema.maximum !== undefined && value > schema.maximum) {
            problems.push(`${at}: ${value} is more than the maximum ${schema.maximum}`);
        }
    }
    if (typeof value === "string") {
        if (schema.minLength !== undefined && value.length < schema.minLength) {
            problems.push(`${at}: ${JSON.stringify(value)} is shorter than ${schema.minLength} characters`);
        }
        if (schema.pattern !== undefined && !new RegExp(schema.pattern).test(value)) {
            problems.push(`${at}: ${JSON.stringify(value)} does not match ${schema.pattern}`);
        }
    }
    if (Array.isArray(value)) {
        if (schema.minItems !== undefined && value.length < schema.minItems) {
            problems.push(`${at}: needs at least ${schema.minItems} items, has ${value.length}`);
        }
        if (schema.uniqueItems === true && new Set(value.map((item) => JSON.stringify(item))).size !== value.length) {
            problems.push(`${at}: items must be unique`);
        }
        const items = schema.items;
        if (items !== undefined && !Array.isArray(items)) {
            value.forEach((item, index) => problems.push(...schemaProblems(items, item, `${at}[${index}]`)));
        }
    }
    if (isRecord(value)) {
        for (const required of schema.required ?? []) {
            if (!(required in value)) {
                problems.push(`${at}: ${required} is required`);
            }
        }
        for (const [key, item] of Object.entries(value)) {
            const property = schema.properties?.[key];
            const additional = schema.additionalProperties;
            if (property !== undefined) {
                problems.push(...schemaProblems(property, item, `${at}.${key}`));
            } else if (additional !== undefined) {
                problems.push(...schemaProblems(additional, item, `${at}.${key}`));
            }
        }
    }
    return problems;
}

/**
 * Everything the Pulumi CLI would refuse in a config file, plus entries naming no policy of the pack
 * (the CLI ignores those silently, so a misspelt name would quietly leave a rule at its default).
 */
export function checkPackConfig(config: PackConfig, policies: readonly PackPolicy[] = PACK_POLICIES): string[] {
    const problems: string[] = [];
    const names = policies.map((policy) => policy.name);
    for (const [key, entry] of Object.entries(config)) {
        if (key !== "all" && !names.includes(key)) {
            const closest = suggest(key, names);
            problems.push(
                `"${key}": no policy of that name in the pack${closest ? ` (did you mean "${closest}"?)` : ""}`,
            );
            continue;
        }
        if (typeof entry === "string" ? !isLevel(entry) : !isRecord(entry)) {
            problems.push(`"${key}": expected an enforcement level (${ENFORCEMENT_LEVELS.join(", ")}) or an object`);
            continue;
        }
        const level = levelOf(entry);
        if (level !== undefined && !isLevel(level)) {
            problems.push(
                `"${key}": enforcementLevel ${JSON.stringify(level)} is not one of ${ENFORCEMENT_LEVELS.join(", ")}`,
            );
        }
        if (key === "all" && isRecord(entry) && Object.keys(entry).some((k) => k !== "enforcementLevel")) {
            problems.push('"all": takes only an enforcement level');
        }
    }
    for (const policy of policies) {
        const schema: JsonSchema = {
            type: "object",
            properties: policy.configSchema?.properties ?? {},
            ...(policy.configSchema?.required ? { required: policy.configSchema.required } : {}),
        };
        for (const problem of schemaProblems(schema, policySettings(policy, config), policy.name)) {
            problems.push(`Policy "${policy.name}": ${problem}`);
        }
    }
    return problems;
}

// ---------------------------------------------------------------------------------------------
// Arguments, built as the analyzer server of @pulumi/policy builds them

/** How the plan shows a value not known yet (plan/harness.ts `fromWire`). */
const PLAN_UNKNOWN = "[unknown]";
/**
 * How the engine sends a value not known yet, and what `unknownCheckingProxy` throws on: the
 * unknown-string sentinel of the Pulumi wire format (sdk/nodejs/runtime/rpc.ts `unknownValue`).
 */
export const UNKNOWN_VALUE = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/**
 * Plan inputs as the engine would send them: unknowns back as the wire sentinel, undefined keys
 * dropped. Every object and array is rebuilt here: `unknownCheckingProxy` wraps only values that are
 * `instanceof Object` of its own realm, and values from another realm (e.g. `structuredClone` under
 * Jest's VM context) would otherwise pass through unwrapped.
 */
function toWireValues(value: unknown): unknown {
    if (value === PLAN_UNKNOWN) {
        return UNKNOWN_VALUE;
    }
    // Plain loops rather than entries/filter/map/fromEntries: this runs on every resource for every
    // rule, and was the hottest function of the project's own code in the test suite's profile.
    if (Array.isArray(value)) {
        const items = value as unknown[];
        const copy = new Array<unknown>(items.length);
        for (let index = 0; index < items.length; index++) {
            copy[index] = toWireValues(items[index]);
        }
        return copy;
    }
    if (isRecord(value)) {
        const copy: Record<string, unknown> = {};
        for (const key of Object.keys(value)) {
            const item = value[key];
            if (item !== undefined) {
                const wire = toWireValues(item);
                if (key === "__proto__") {
                    // An own property, as Object.fromEntries makes it, not the prototype.
                    Object.defineProperty(copy, key, {
                        value: wire,
                        enumerable: true,
                        writable: true,
                        configurable: true,
                    });
                } else {
                    copy[key] = wire;
                }
            }
        }
        return copy;
    }
    return value;
}

/** Resource props as a policy sees them during a preview. */
export function policyProps(inputs: Record<string, unknown>): Record<string, unknown> {
    return unknownCheckingProxy(toWireValues(inputs) as Record<string, unknown>);
}

export function resourceOptions(resource: PlanResourceEntry): PolicyResourceOptions {
    return {
        protect: resource.protect,
        ignoreChanges: [],
        aliases: [],
        customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 },
        additionalSecretOutputs: [],
        ...(resource.parent ? { parent: resource.parent } : {}),
    };
}

/** Thrown by `notApplicable()`: the policy does not apply to this resource (or stack). */
class NotApplicable extends Error {
    constructor(reason?: string) {
        // A signal the runner always catches, never shown: taking its stack trace (up to 100
        // frames under Jest) for every skipped resource is wasted work.
        const stackTraceLimit = Error.stackTraceLimit;
        Error.stackTraceLimit = 0;
        try {
            super(reason ?? "not applicable");
        } finally {
            Error.stackTraceLimit = stackTraceLimit;
        }
        this.name = "NotApplicable";
    }
}

const notApplicable = (reason?: string): never => {
    throw new NotApplicable(reason);
};

/**
 * The type token attached as `__pulumiType` to a resource class, or to a validation made for one
 * type, read as @pulumi/policy's `getPulumiType` reads it.
 */
function pulumiTypeOf(classOrValidation: unknown): string | undefined {
    const token = (classOrValidation as { __pulumiType?: unknown } | undefined)?.__pulumiType;
    return typeof token === "string" && token.length > 0 ? token : undefined;
}

export interface ArgsContext {
    /** What `getConfig()` returns: the policy's settings. */
    readonly settings: Record<string, unknown>;
    readonly stackTags: ReadonlyMap<string, string>;
}

export function resourceValidationArgs(resource: PlanResourceEntry, context: ArgsContext): ResourceValidationArgs {
    const props = policyProps(resource.inputs);
    const isType = (resourceClass: unknown): boolean => pulumiTypeOf(resourceClass) === resource.type;
    return {
        type: resource.type,
        props,
        urn: resource.urn,
        name: resource.name,
        opts: resourceOptions(resource),
        stackTags: context.stackTags,
        isType,
        asType: ((resourceClass: unknown) =>
            isType(resourceClass) ? props : undefined) as ResourceValidationArgs["asType"],
        getConfig: <T extends object>() => structuredClone(context.settings) as T,
        notApplicable,
    };
}

export function stackValidationArgs(
    resources: readonly PlanResourceEntry[],
    context: ArgsContext,
): StackValidationArgs {
    const byUrn = new Map<string, PolicyResource>();
    for (const resource of resources) {
        const props = policyProps(resource.inputs);
        const isType = (resourceClass: unknown): boolean => pulumiTypeOf(resourceClass) === resource.type;
        byUrn.set(resource.urn, {
            type: resource.type,
            props,
            urn: resource.urn,
            name: resource.name,
            opts: resourceOptions(resource),
            dependencies: [],
            propertyDependencies: {},
            isType,
            asType: ((resourceClass: unknown) =>
                isType(resourceClass) ? props : undefined) as PolicyResource["asType"],
        });
    }
    for (const resource of resources) {
        const policyResource = byUrn.get(resource.urn) as PolicyResource;
        const parent = resource.parent ? byUrn.get(resource.parent) : undefined;
        if (parent) {
            policyResource.parent = parent;
        }
        policyResource.dependencies = resource.dependsOn
            .map((urn) => byUrn.get(urn))
            .filter((dependency): dependency is PolicyResource => dependency !== undefined);
    }
    return {
        resources: [...byUrn.values()],
        stackTags: context.stackTags,
        getConfig: <T extends object>() => structuredClone(context.settings) as T,
        notApplicable,
    };
}

// ---------------------------------------------------------------------------------------------
// Running

export interface RawViolation {
    readonly urn: string;
    readonly message: string;
    /** The rule read a value not known yet: reported as advisory, as the engine does. */
    readonly preview?: true;
}

function previewMessage(policy: PackPolicy, error: Error): string {
    return `can't run policy '${policy.name}' from policy pack '${PACK_NAME}' during preview: ${error.message}`;
}

/**
 * Runs one policy against `resources` (each of them for a resource policy, all of them at once for
 * a stack policy) and returns what it reported. Stack violations without a resource get `stackUrn`.
 */
export async function runPolicy(
    policy: PackPolicy,
    resources: readonly PlanResourceEntry[],
    context: ArgsContext,
    stackUrn = "",
): Promise<RawViolation[]> {
    const violations: RawViolation[] = [];
    const handle = (error: unknown, urn: string): void => {
        if (error instanceof NotApplicable) {
            return;
        }
        if (isUnknownValueError(error)) {
            violations.push({ urn, message: previewMessage(policy, error as Error), preview: true });
            return;
        }
        throw error;
    };
    if (isStackPolicy(policy)) {
        const report: ReportViolation = (message, urn) => violations.push({ urn: urn || stackUrn, message });
        try {
            await policy.validateStack(stackValidationArgs(resources, context), report);
        } catch (error) {
            handle(error, stackUrn);
        }
        return violations;
    }
    const validations = Array.isArray(policy.validateResource) ? policy.validateResource : [policy.validateResource];
    // As the analyzer server does (@pulumi/policy server.js, `analyze`): a policy with one
    // validation that carries its resource type is not called for resources of other types.
    const onlyType = Array.isArray(policy.validateResource) ? undefined : pulumiTypeOf(policy.validateResource);
    for (const resource of resources) {
        if (onlyType !== undefined && resource.type !== onlyType) {
            continue;
        }
        // As in the engine, a resource policy's violations always belong to the resource validated.
        const report: ReportViolation = (message) => violations.push({ urn: resource.urn, message });
        for (const validation of validations) {
            try {
                await validation(resourceValidationArgs(resource, context), report);
            } catch (error) {
                handle(error, resource.urn);
            }
        }
    }
    return violations;
}

export function stackUrnOf(document: Pick<PlanDocument, "project" | "stack">): string {
    return `urn:pulumi:${document.stack}::${document.project}::pulumi:pulumi:Stack::${document.project}-${document.stack}`;
}

export function defaultStackTags(project: string): ReadonlyMap<string, string> {
    return new Map([
        ["pulumi:project", project],
        ["pulumi:runtime", "nodejs"],
    ]);
}

export interface EvaluateOptions {
    readonly policies?: readonly PackPolicy[];
    readonly stackTags?: ReadonlyMap<string, string>;
    /** Where the config came from, for error messages. */
    readonly source?: string;
}

/**
 * Runs every enabled policy of the pack against the plan's resources with `config`. `now` is the
 * date lifecycle rules judge by (a policy whose schema has `asOf` gets it unless the file sets one).
 * Throws `PolicyConfigError` for a config the CLI would refuse.
 */
export async function evaluatePolicies(
    document: Pick<PlanDocument, "project" | "stack" | "resources">,
    config: PackConfig,
    now: Date,
    options: EvaluateOptions = {},
): Promise<PolicyEvaluation> {
    const policies = options.policies ?? PACK_POLICIES;
    const problems = checkPackConfig(config, policies);
    if (problems.length > 0) {
        throw new PolicyConfigError(options.source ?? "(given)", problems);
    }
    const stackTags = options.stackTags ?? defaultStackTags(document.project);
    const stackUrn = stackUrnOf(document);
    const violations: PolicyViolation[] = [];
    let evaluated = 0;
    for (const policy of policies) {
        const level = effectiveLevel(policy, config);
        if (level === "disabled") {
            continue;
        }
        evaluated++;
        const settings = policySettings(policy, config);
        if (policy.configSchema?.properties["asOf"] && settings["asOf"] === undefined) {
            settings["asOf"] = now.toISOString().slice(0, 10);
        }
        for (const raw of await runPolicy(policy, document.resources, { settings, stackTags }, stackUrn)) {
            violations.push({
                policy: policy.name,
                level: raw.preview ? "advisory" : level === "advisory" ? "advisory" : "mandatory",
                urn: raw.urn,
                message: raw.message,
            });
        }
    }
    return { pack: PACK_NAME, violations, evaluated };
}

export function hasMandatoryViolation(evaluation: Pick<PolicyEvaluation, "violations">): boolean {
    return evaluation.violations.some((violation) => violation.level === "mandatory");
}

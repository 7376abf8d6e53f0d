/**
 * What turns any zod schema into configuration: problems a person can act on (the key, the value
 * given, what is allowed, "did you mean"), the rows of the configuration reference, and the walk
 * the tests use to reach every position of a schema.
 *
 * Nothing here knows a key of the stack: it reads what zod records on a schema (`_zod.def`, the
 * checks' `_zod.bag`) and three metadata fields set with `.meta({...})`:
 * - `description`: one sentence for the reference (for a map's key schema: the noun, e.g. "region");
 * - `hint`: what a pattern means, in words ("an Azure region name such as swedencentral");
 * - `allowed`: the whole "allowed" text, when the derived one would not say it well.
 * Refinements say what is allowed in their message (`checked` below); a refinement may put the
 * `given` text in `params.given` when the value itself does not show the problem.
 */
import { z } from "zod";
import { type Problem, render, suggest } from "./rules";

type Schema = z.core.$ZodType;
/** The definitions of zod's own schema kinds, a union narrowed by `type`. */
type Def = z.core.$ZodTypes["_zod"]["def"];

export interface ConfigMeta {
    readonly description?: string;
    readonly hint?: string;
    readonly allowed?: string;
}

export interface Unwrapped {
    /** The schema under optional/default/pipe/... wrappers. */
    readonly schema: Schema;
    /** Metadata of every layer, the outermost first. */
    readonly meta: ConfigMeta;
    readonly optional: boolean;
    /** Present when a wrapper gives a default (`.default`, `.prefault`). */
    readonly defaultValue?: { readonly value: unknown; readonly prefault: boolean };
}

function defOf(schema: Schema): Def {
    // Every schema zod builds is one of its own kinds; a custom subclass still has one of these defs.
    return (schema as z.core.$ZodTypes)._zod.def;
}

function metaOf(schema: Schema): ConfigMeta {
    return (z.globalRegistry.get(schema) as ConfigMeta | undefined) ?? {};
}

/** Peels off the wrappers that do not change what a value looks like. */
export function unwrap(schema: Schema): Unwrapped {
    let current = schema;
    let meta: ConfigMeta = {};
    let optional = false;
    let defaultValue: Unwrapped["defaultValue"];
    for (;;) {
        meta = { ...metaOf(current), ...meta };
        const def = defOf(current);
        switch (def.type) {
            case "optional":
                optional = true;
                current = def.innerType;
                continue;
            case "default":
            case "prefault":
                defaultValue ??= { value: def.defaultValue, prefault: def.type === "prefault" };
                current = def.innerType;
                continue;
            case "nullable":
            case "readonly":
            case "nonoptional":
            case "catch":
                current = def.innerType;
                continue;
            case "lazy":
                current = def.getter();
                continue;
            case "pipe": {
                // A refined input piped into its typed form: the output says what is allowed.
                current = defOf(def.out).type === "transform" ? def.in : def.out;
                continue;
            }
            default:
                return { schema: current, meta, optional, ...(defaultValue ? { defaultValue } : {}) };
        }
    }
}

/** The keys of an object schema, or undefined for anything else. */
export function shapeOf(schema: Schema): Readonly<Record<string, Schema>> | undefined {
    const def = defOf(unwrap(schema).schema);
    return def.type === "object" ? def.shape : undefined;
}

/** A map (record) schema's key and value schemas, or undefined for anything else. */
export function recordOf(schema: Schema): { readonly key: Schema; readonly value: Schema } | undefined {
    const def = defOf(unwrap(schema).schema);
    return def.type === "record" ? { key: def.keyType, value: def.valueType } : undefined;
}

/** A list schema's item schema, or undefined for anything else. */
export function elementOf(schema: Schema): Schema | undefined {
    const def = defOf(unwrap(schema).schema);
    return def.type === "array" ? def.element : undefined;
}

/** The schema at `path` below `root` (object keys, map entries, list items). */
export function schemaAt(root: Schema, path: readonly PropertyKey[]): Schema | undefined {
    let current: Schema | undefined = root;
    for (const segment of path) {
        if (!current) {
            return undefined;
        }
        const shape = shapeOf(current);
        const record = recordOf(current);
        const element = elementOf(current);
        current = shape ? shape[String(segment)] : record ? record.value : element;
    }
    return current;
}

function enumValues(schema: Schema): readonly string[] | undefined {
    const def = defOf(schema);
    if (def.type === "enum") {
        return Object.values(def.entries).map(String);
    }
    return undefined;
}

/** What a schema accepts, in words: the "allowed" part of a problem and the reference's second column. */
export function describeAllowed(schema: Schema): string {
    const { schema: inner, meta } = unwrap(schema);
    if (meta.allowed) {
        return meta.allowed;
    }
    const def = defOf(inner);
    switch (def.type) {
        case "string": {
            // Bounds as zod aggregates them from the checks (classic schemas expose them).
            const minimum = inner instanceof z.ZodString ? inner.minLength : null;
            const maximum = inner instanceof z.ZodString ? inner.maxLength : null;
            const parts = ["a string"];
            if (maximum !== null) {
                parts.push(`of ${minimum ?? 0} to ${maximum} characters`);
            } else if (minimum !== null) {
                parts.push(`of at least ${minimum} character${minimum === 1 ? "" : "s"}`);
            }
            if (meta.hint) {
                parts.push(`(${meta.hint})`);
            }
            return parts.join(" ");
        }
        case "enum":
            return `one of ${(enumValues(inner) ?? []).map((value) => JSON.stringify(value)).join(", ")}`;
        case "literal":
            return def.values.map((value) => JSON.stringify(value)).join(" or ");
        case "number": {
            if (!(inner instanceof z.ZodNumber)) {
                return "a number";
            }
            const noun = inner.isInt ? "an integer" : "a number";
            // z.int() carries the safe-integer range as its bounds: those are no bound a person wrote.
            const bound = (value: number | null) =>
                value !== null && Number.isFinite(value) && Math.abs(value) !== Number.MAX_SAFE_INTEGER
                    ? value
                    : undefined;
            const [minimum, maximum] = [bound(inner.minValue), bound(inner.maxValue)];
            if (minimum !== undefined && maximum !== undefined) {
                return `${noun} from ${minimum} to ${maximum}`;
            }
            if (minimum !== undefined || maximum !== undefined) {
                return minimum !== undefined ? `${noun} of at least ${minimum}` : `${noun} of at most ${maximum}`;
            }
            return noun;
        }
        case "boolean":
            return "true or false";
        case "object":
            return `an object with keys ${Object.keys(def.shape).join(", ")}`;
        case "record":
            return `an object whose keys are ${describeAllowed(def.keyType)}`;
        case "array":
            return `a list of ${describeAllowed(def.element)}`;
        case "union":
            return def.options.map(describeAllowed).join(", or ");
        default:
            return meta.description ?? def.type;
    }
}

function typeName(value: unknown): string {
    if (value === null) {
        return "null";
    }
    if (Array.isArray(value)) {
        return "a list";
    }
    return typeof value === "object" ? "an object" : `${typeof value} ${render(value)}`;
}

/** A value as a problem shows it: strings quoted, everything else with its type. */
function renderGiven(value: unknown): string {
    return typeof value === "string" ? render(value) : typeName(value);
}

/** `regions.eastus2.deployments.chat`, `access.principals[0].roles[1]`. */
export function formatPath(path: readonly PropertyKey[]): string {
    return path
        .map((segment, index) =>
            typeof segment === "number" ? `[${segment}]` : `${index === 0 ? "" : "."}${String(segment)}`,
        )
        .join("");
}

interface Located {
    readonly present: boolean;
    readonly value: unknown;
}

function valueAt(input: unknown, path: readonly PropertyKey[]): Located {
    let current: unknown = input;
    for (const segment of path) {
        if (typeof current !== "object" || current === null || !(String(segment) in current)) {
            return { present: false, value: undefined };
        }
        current = (current as Record<string, unknown>)[String(segment)];
    }
    return { present: true, value: current };
}

function knownKeys(schema: Schema | undefined): readonly string[] {
    if (!schema) {
        return [];
    }
    const shape = shapeOf(schema);
    if (shape) {
        return Object.keys(shape);
    }
    const record = recordOf(schema);
    return (record && enumValues(unwrap(record.key).schema)) ?? [];
}

function unknownKeyProblem(key: string, field: string, known: readonly string[]): Problem {
    const hint = suggest(field, known);
    return {
        key,
        given: "an unknown key",
        allowed: hint ? `did you mean "${hint}"? Known keys: ${known.join(", ")}` : `one of ${known.join(", ")}`,
    };
}

type Issue = z.core.$ZodIssue;

const CHECK_CODES: ReadonlySet<string> = new Set(["too_small", "too_big", "invalid_format", "not_multiple_of"]);

/**
 * The schema author's own words for an issue (`{ error: "..." }` on the schema or on the check
 * that failed), which say what is allowed better than a description derived from the schema.
 */
function authorMessage(schema: Schema | undefined, issue: Issue): string | undefined {
    if (!schema) {
        return undefined;
    }
    const def = defOf(unwrap(schema).schema);
    if (def.error !== undefined) {
        return issue.message;
    }
    const checks = def.checks ?? [];
    return CHECK_CODES.has(issue.code) && checks.some((check) => check._zod.def.error !== undefined)
        ? issue.message
        : undefined;
}

/** What is allowed, for a refusal of `schema`: a refinement's message, the author's, or derived. */
function allowedFor(schema: Schema | undefined, issue: Issue): string {
    if (issue.code === "custom") {
        return issue.message;
    }
    return authorMessage(schema, issue) ?? (schema ? describeAllowed(schema) : issue.message);
}

function problemOf(root: Schema, input: unknown, issue: Issue): Problem[] {
    const path = issue.path;
    const key = formatPath(path);
    const schema = schemaAt(root, path);
    const allowed = allowedFor(schema, issue);
    const { present, value } = valueAt(input, path);
    const aboutTheValue = issue.code !== "unrecognized_keys" && issue.code !== "invalid_key" && issue.code !== "custom";
    if (aboutTheValue && (!present || value === undefined)) {
        return [{ key, given: "(missing)", allowed: `required: ${allowed}` }];
    }
    switch (issue.code) {
        case "unrecognized_keys": {
            const known = knownKeys(schema);
            return issue.keys.map((field) => unknownKeyProblem(formatPath([...path, field]), field, known));
        }
        case "invalid_key": {
            const parent = schemaAt(root, path.slice(0, -1));
            const keySchema = parent ? recordOf(parent)?.key : undefined;
            const first = issue.issues[0];
            const refusal = first ? allowedFor(keySchema, first) : issue.message;
            // "did you mean" leads, as it does for unknown keys.
            const [, hint = "", rest = refusal] = /^(did you mean "[^"]*"\? )?([\s\S]*)$/.exec(refusal) ?? [];
            return [
                { key, given: `the key ${render(path[path.length - 1])}`, allowed: `${hint}a key that is ${rest}` },
            ];
        }
        case "custom": {
            const given = (issue.params as { given?: string } | undefined)?.given;
            return [{ key, given: given ?? renderGiven(value), allowed: issue.message }];
        }
        case "invalid_type": {
            if (value === null) {
                // `key:` with nothing under it in YAML. Never read as "absent": that would drop
                // what the key held before (a deployment, a region's account) without a word.
                const listEntry = typeof path[path.length - 1] === "number";
                return [{ key, given: listEntry ? "an empty entry" : "nothing (null)", allowed }];
            }
            return [{ key, given: typeName(value), allowed }];
        }
        case "invalid_value": {
            const options = schema ? enumValues(unwrap(schema).schema) : undefined;
            const hint = typeof value === "string" && options ? suggest(value, options) : undefined;
            return [{ key, given: renderGiven(value), allowed: hint ? `did you mean "${hint}"? ${allowed}` : allowed }];
        }
        case "too_big":
        case "too_small":
            if (issue.origin === "array" && Array.isArray(value)) {
                const bound = Number(issue.code === "too_big" ? issue.maximum : issue.minimum);
                const words = `${issue.code === "too_big" ? "at most" : "at least"} ${bound} item${bound === 1 ? "" : "s"}`;
                const given = `${value.length} item${value.length === 1 ? "" : "s"}`;
                return [{ key, given, allowed: authorMessage(schema, issue) ?? words }];
            }
            return [{ key, given: renderGiven(value), allowed }];
        default:
            return [{ key, given: renderGiven(value), allowed }];
    }
}

/**
 * Turns zod's issues into problems, one per key (the first: a value that fails its pattern is
 * not also told about the checks after it).
 */
export function problemsOf(root: Schema, input: unknown, issues: readonly Issue[]): Problem[] {
    const problems: Problem[] = [];
    const seen = new Set<string>();
    // Unknown keys first (usually a typo that explains the "missing" problems after it).
    const ordered = [
        ...issues.filter((issue) => issue.code === "unrecognized_keys"),
        ...issues.filter((issue) => issue.code !== "unrecognized_keys"),
    ];
    for (const issue of ordered) {
        for (const problem of problemOf(root, input, issue)) {
            if (!seen.has(problem.key)) {
                seen.add(problem.key);
                problems.push(problem);
            }
        }
    }
    return problems;
}

export type Parsed<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly problems: Problem[] };

/** Parses `input` with `schema`; on failure, every problem at once. */
export function parseWith<S extends z.ZodType>(schema: S, input: unknown): Parsed<z.output<S>> {
    const result = schema.safeParse(input);
    return result.success
        ? { ok: true, value: result.data }
        : { ok: false, problems: problemsOf(schema, input, result.error.issues) };
}

/** Adds a check whose refusal says what is allowed (undefined: the value is fine). */
export function checked<S extends z.ZodType>(schema: S, check: (value: z.output<S>) => string | undefined): S {
    return schema.superRefine((value, context) => {
        const refusal = check(value);
        if (refusal !== undefined) {
            context.addIssue({ code: "custom", message: refusal, input: value });
        }
    });
}

/** A map (YAML mapping) with a bounded number of entries. */
export function mapOf<K extends z.core.$ZodRecordKey, V extends z.ZodType>(
    key: K,
    value: V,
    entries: { readonly min?: number; readonly max?: number } = {},
) {
    const min = entries.min ?? 0;
    const max = entries.max ?? Infinity;
    return z.record(key, value).superRefine((map, context) => {
        const count = Object.keys(map).length;
        if (count < min || count > max) {
            context.addIssue({
                code: "custom",
                message:
                    entries.max === undefined
                        ? `at least ${min} ${min === 1 ? "entry" : "entries"}`
                        : `${min} to ${entries.max} entries`,
                params: { given: `${count} entries` },
                input: map,
            });
        }
    });
}

/** A list of at most `max` items, each given once when `unique`. */
export function listOf<T extends z.ZodType>(item: T, options: { readonly max?: number; readonly unique?: boolean }) {
    const list = options.max === undefined ? z.array(item) : z.array(item).max(options.max);
    return list.superRefine((items, context) => {
        if (!options.unique) {
            return;
        }
        const seen = new Set<string>();
        items.forEach((entry, index) => {
            const fingerprint = JSON.stringify(entry);
            if (seen.has(fingerprint)) {
                context.addIssue({
                    code: "custom",
                    path: [index],
                    message: "each value once",
                    params: { given: `${render(entry)} again` },
                    input: entry,
                });
            }
            seen.add(fingerprint);
        });
    });
}

/** A string that must be one of `values`, typed as a plain string (for map keys that are optional). */
export function oneOfString(values: readonly string[], description: string) {
    const allowed = `one of ${values.map((value) => JSON.stringify(value)).join(", ")}`;
    return checked(z.string(), (value) => {
        if (values.includes(value)) {
            return undefined;
        }
        const hint = suggest(value, values);
        return hint ? `did you mean "${hint}"? ${allowed}` : allowed;
    }).meta({
        description,
        allowed,
    });
}

/** One row of the configuration reference. */
export interface ReferenceRow {
    readonly key: string;
    readonly allowed: string;
    readonly default: string;
    readonly doc: string;
}

function defaultText(unwrapped: Unwrapped, mapEntry: boolean): string {
    if (unwrapped.defaultValue && !unwrapped.defaultValue.prefault) {
        return JSON.stringify(unwrapped.defaultValue.value);
    }
    return mapEntry || unwrapped.optional || unwrapped.defaultValue ? "—" : "required";
}

/** Flattens a schema into reference rows (map entries appear under `<noun of the key>`). */
export function referenceRows(schema: Schema, key = "", mapEntry = false): ReferenceRow[] {
    const unwrapped = unwrap(schema);
    const rows: ReferenceRow[] = [];
    if (key) {
        rows.push({
            key,
            allowed: describeAllowed(schema),
            default: defaultText(unwrapped, mapEntry),
            doc: unwrapped.meta.description ?? "",
        });
    }
    const shape = shapeOf(schema);
    const record = recordOf(schema);
    const element = elementOf(schema);
    if (shape) {
        for (const [field, fieldSchema] of Object.entries(shape)) {
            rows.push(...referenceRows(fieldSchema, key ? `${key}.${field}` : field));
        }
    } else if (record) {
        rows.push(...referenceRows(record.value, `${key}.<${unwrap(record.key).meta.description ?? "key"}>`, true));
    } else if (element && shapeOf(element)) {
        rows.push(...referenceRows(element, `${key}[]`));
    }
    return rows;
}

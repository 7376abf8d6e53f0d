/**
 * A small table-driven validator for stack configuration.
 *
 * Each configuration key is described once, by a rule: its type, what is allowed, its default and a
 * sentence for the README. `validate` walks a raw value against a rule, applies defaults and gathers
 * every problem (never stopping at the first) so that a user sees all mistakes in one run. The same
 * table renders the README's configuration reference (`describeRules`).
 */

export interface Problem {
    /** Dotted path of the offending key, e.g. `regions.swedencentral.deployments.chat.capacity`. */
    readonly key: string;
    /** What was given, rendered for a human (`"abc"`, `0`, `(missing)`). */
    readonly given: string;
    /** What is allowed instead. */
    readonly allowed: string;
}

interface RuleBase {
    /** One sentence for the configuration reference. */
    readonly doc: string;
}

export interface StringRule extends RuleBase {
    readonly kind: "string";
    readonly default?: string;
    readonly required?: boolean;
    readonly oneOf?: readonly string[];
    readonly pattern?: RegExp;
    /** How the pattern reads in words, for error messages. */
    readonly patternHint?: string;
    readonly minLength?: number;
    readonly maxLength?: number;
    /** Extra check on a well-formed value; returns what is allowed when the value is refused. */
    readonly check?: (value: string) => string | undefined;
}

export interface IntegerRule extends RuleBase {
    readonly kind: "integer";
    readonly default?: number;
    readonly required?: boolean;
    readonly min: number;
    readonly max: number;
}

export interface BooleanRule extends RuleBase {
    readonly kind: "boolean";
    readonly default?: boolean;
    readonly required?: boolean;
}

export interface ObjectRule extends RuleBase {
    readonly kind: "object";
    readonly fields: Readonly<Record<string, Rule>>;
    readonly required?: boolean;
}

export interface MapRule extends RuleBase {
    readonly kind: "map";
    /** Rule for the keys (always strings); its doc describes what a key names. */
    readonly key: StringRule;
    readonly value: Rule;
    readonly required?: boolean;
    readonly default?: Readonly<Record<string, unknown>>;
    readonly minEntries?: number;
    readonly maxEntries?: number;
}

export interface ListRule extends RuleBase {
    readonly kind: "list";
    readonly item: Rule;
    readonly required?: boolean;
    readonly default?: readonly unknown[];
    readonly maxItems?: number;
    /** Refuse repeated items. */
    readonly unique?: boolean;
}

export type Rule = StringRule | IntegerRule | BooleanRule | ObjectRule | MapRule | ListRule;

export function render(value: unknown): string {
    if (value === undefined) {
        return "(missing)";
    }
    const text = JSON.stringify(value);
    return text.length > 80 ? `${text.slice(0, 77)}...` : text;
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

/** Levenshtein distance, to suggest the real key for a typo. */
function distance(a: string, b: string): number {
    const row = Array.from({ length: b.length + 1 }, (_, index) => index);
    for (let i = 1; i <= a.length; i++) {
        let previousDiagonal = row[0] ?? 0;
        row[0] = i;
        for (let j = 1; j <= b.length; j++) {
            const above = row[j] ?? 0;
            const substitution = previousDiagonal + (a[i - 1]?.toLowerCase() === b[j - 1]?.toLowerCase() ? 0 : 1);
            row[j] = Math.min(above + 1, (row[j - 1] ?? 0) + 1, substitution);
            previousDiagonal = above;
        }
    }
    return row[b.length] ?? 0;
}

export function suggest(unknown: string, known: readonly string[]): string | undefined {
    let best: { name: string; score: number } | undefined;
    for (const name of known) {
        const score = distance(unknown, name);
        if (score <= Math.max(2, Math.floor(name.length / 3)) && (!best || score < best.score)) {
            best = { name, score };
        }
    }
    return best?.name;
}

export function describeAllowed(rule: Rule): string {
    switch (rule.kind) {
        case "string": {
            if (rule.oneOf) {
                return `one of ${rule.oneOf.map((v) => JSON.stringify(v)).join(", ")}`;
            }
            const parts = ["a string"];
            if (rule.minLength !== undefined || rule.maxLength !== undefined) {
                parts.push(`of ${rule.minLength ?? 0} to ${rule.maxLength ?? "any number of"} characters`);
            }
            if (rule.patternHint) {
                parts.push(`(${rule.patternHint})`);
            }
            return parts.join(" ");
        }
        case "integer":
            return `an integer from ${rule.min} to ${rule.max}`;
        case "boolean":
            return "true or false";
        case "object":
            return `an object with keys ${Object.keys(rule.fields).join(", ")}`;
        case "map":
            return `an object whose keys are ${describeAllowed(rule.key)}`;
        case "list":
            return `a list of ${describeAllowed(rule.item)}`;
    }
}

function isRequired(rule: Rule): boolean {
    return rule.required === true;
}

function hasDefault(rule: Rule): boolean {
    return "default" in rule && rule.default !== undefined;
}

function checkString(rule: StringRule, value: string): string | undefined {
    if (rule.oneOf && !rule.oneOf.includes(value)) {
        return describeAllowed(rule);
    }
    if (
        (rule.minLength !== undefined && value.length < rule.minLength) ||
        (rule.maxLength !== undefined && value.length > rule.maxLength) ||
        (rule.pattern && !rule.pattern.test(value))
    ) {
        return describeAllowed(rule);
    }
    return rule.check?.(value);
}

/**
 * Validates `value` against `rule`, pushing every problem into `problems`. Returns the value with
 * defaults applied (objects get their defaulted fields; missing optional values stay undefined).
 */
export function validate(rule: Rule, value: unknown, key: string, problems: Problem[]): unknown {
    if (value === undefined || value === null) {
        if (hasDefault(rule)) {
            return (rule as { default: unknown }).default;
        }
        if (isRequired(rule)) {
            problems.push({ key, given: "(missing)", allowed: `required: ${describeAllowed(rule)}` });
            return undefined;
        }
        if (rule.kind === "object" && !Object.values(rule.fields).some(isRequired)) {
            // An absent optional object still yields its defaults, unless it has required keys:
            // then its absence means "not used".
            return validate(rule, {}, key, problems);
        }
        return undefined;
    }
    switch (rule.kind) {
        case "string": {
            if (typeof value !== "string") {
                problems.push({ key, given: typeName(value), allowed: describeAllowed(rule) });
                return undefined;
            }
            const refusal = checkString(rule, value);
            if (refusal !== undefined) {
                problems.push({ key, given: render(value), allowed: refusal });
                return undefined;
            }
            return value;
        }
        case "integer": {
            if (typeof value !== "number" || !Number.isInteger(value) || value < rule.min || value > rule.max) {
                problems.push({ key, given: typeName(value), allowed: describeAllowed(rule) });
                return undefined;
            }
            return value;
        }
        case "boolean": {
            if (typeof value !== "boolean") {
                problems.push({ key, given: typeName(value), allowed: describeAllowed(rule) });
                return undefined;
            }
            return value;
        }
        case "object": {
            if (typeof value !== "object" || Array.isArray(value)) {
                problems.push({ key, given: typeName(value), allowed: describeAllowed(rule) });
                return undefined;
            }
            const input = value as Record<string, unknown>;
            const known = Object.keys(rule.fields);
            const result: Record<string, unknown> = {};
            for (const field of Object.keys(input)) {
                if (!known.includes(field)) {
                    const hint = suggest(field, known);
                    problems.push({
                        key: key ? `${key}.${field}` : field,
                        given: "an unknown key",
                        allowed: hint
                            ? `did you mean "${hint}"? Known keys: ${known.join(", ")}`
                            : `one of ${known.join(", ")}`,
                    });
                }
            }
            for (const [field, fieldRule] of Object.entries(rule.fields)) {
                const fieldValue = validate(fieldRule, input[field], key ? `${key}.${field}` : field, problems);
                if (fieldValue !== undefined) {
                    result[field] = fieldValue;
                }
            }
            return result;
        }
        case "map": {
            if (typeof value !== "object" || Array.isArray(value)) {
                problems.push({ key, given: typeName(value), allowed: describeAllowed(rule) });
                return undefined;
            }
            const entries = Object.entries(value as Record<string, unknown>);
            if (
                (rule.minEntries !== undefined && entries.length < rule.minEntries) ||
                (rule.maxEntries !== undefined && entries.length > rule.maxEntries)
            ) {
                problems.push({
                    key,
                    given: `${entries.length} entries`,
                    allowed: `${rule.minEntries ?? 0} to ${rule.maxEntries ?? "any number of"} entries`,
                });
            }
            const result: Record<string, unknown> = {};
            for (const [entryKey, entryValue] of entries) {
                const path = `${key}.${entryKey}`;
                const refusal = checkString(rule.key, entryKey);
                if (refusal !== undefined) {
                    problems.push({
                        key: path,
                        given: `the key ${render(entryKey)}`,
                        allowed: `a key that is ${refusal}`,
                    });
                    continue;
                }
                const validated = validate(rule.value, entryValue, path, problems);
                if (validated !== undefined) {
                    result[entryKey] = validated;
                }
            }
            return result;
        }
        case "list": {
            if (!Array.isArray(value)) {
                problems.push({ key, given: typeName(value), allowed: describeAllowed(rule) });
                return undefined;
            }
            if (rule.maxItems !== undefined && value.length > rule.maxItems) {
                problems.push({ key, given: `${value.length} items`, allowed: `at most ${rule.maxItems} items` });
            }
            const seen = new Set<string>();
            const result: unknown[] = [];
            value.forEach((item: unknown, index) => {
                const path = `${key}[${index}]`;
                if (item === null || item === undefined) {
                    // An empty entry (a bare "-" in YAML): never a default, never silently dropped.
                    problems.push({ key: path, given: "an empty entry", allowed: describeAllowed(rule.item) });
                    return;
                }
                const validated = validate(rule.item, item, path, problems);
                if (rule.unique) {
                    const fingerprint = JSON.stringify(item);
                    if (seen.has(fingerprint)) {
                        problems.push({ key: path, given: `${render(item)} again`, allowed: "each value once" });
                    }
                    seen.add(fingerprint);
                }
                if (validated !== undefined) {
                    result.push(validated);
                }
            });
            return result;
        }
    }
}

/** One row of the README's configuration reference. */
export interface RuleDescription {
    readonly key: string;
    readonly type: string;
    readonly default: string;
    readonly doc: string;
}

/** Flattens a rule table into reference rows (map values appear under `<name>`). */
export function describeRules(rule: Rule, key = ""): RuleDescription[] {
    const rows: RuleDescription[] = [];
    const defaultText = hasDefault(rule)
        ? JSON.stringify((rule as { default: unknown }).default)
        : isRequired(rule)
          ? "required"
          : "—";
    if (key) {
        rows.push({ key, type: describeAllowed(rule), default: defaultText, doc: rule.doc });
    }
    if (rule.kind === "object") {
        for (const [field, fieldRule] of Object.entries(rule.fields)) {
            rows.push(...describeRules(fieldRule, key ? `${key}.${field}` : field));
        }
    } else if (rule.kind === "map") {
        rows.push(...describeRules(rule.value, `${key}.<${rule.key.doc}>`));
    } else if (rule.kind === "list") {
        if (rule.item.kind === "object") {
            rows.push(...describeRules(rule.item, `${key}[]`));
        }
    }
    return rows;
}

/** Formats gathered problems as one error text, the way the plan and `pulumi up` show them. */
export function formatProblems(stack: string, problems: readonly Problem[]): string {
    const lines = problems.map((p) => `  - ${p.key}: got ${p.given}; allowed: ${p.allowed}`);
    const noun = problems.length === 1 ? "problem" : "problems";
    return [`Stack "${stack}" configuration has ${problems.length} ${noun}:`, ...lines].join("\n");
}

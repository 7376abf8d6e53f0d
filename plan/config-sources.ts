/**
 * The configuration a stack's program sees, assembled the way the Pulumi CLI assembles it before
 * `pulumi preview`/`up` (pulumi/pulumi sdk/go/common/workspace/config.go, `mergeConfig`):
 *
 * 1. the stack file's `config:` (Pulumi.<stack>.yaml);
 * 2. the `pulumiConfig` of the ESC environments the stack file imports (`environment:`), under the
 *    stack file: a key only in the environment is added; a key in both is the environment's value
 *    with the stack file's merged over it as a JSON merge patch (RFC 7386), so the stack file wins;
 *    keys without a namespace take the project's;
 * 3. the project file's `config:` (Pulumi.yaml) for keys still unset: its `value:` or `default:`;
 *    a project key declared with neither and set nowhere is an error ("missing configuration value");
 * 4. typed declarations (`type:`, `items:`, `secret:`) checked against the merged values.
 *
 * Project file rules (sdk/go/common/workspace/project.go, `RewriteShorthandConfigValues` and
 * `Validate`): a plain value or list is shorthand for `default:` on a project key and for `value:`
 * on another namespace's key (`pulumi:tags`, `azure-native:location`); a key of another namespace
 * takes neither `type:` nor `default:` and needs `value:`; `value:` and `default:` exclude each other.
 * Docs: https://www.pulumi.com/docs/iac/concepts/projects/project-file/ (config options),
 * https://www.pulumi.com/docs/iac/concepts/config/ and
 * https://www.pulumi.com/docs/esc/integrations/infrastructure/pulumi-iac/ (pulumiConfig).
 *
 * ESC cannot be opened offline: the values come from `--esc-values FILE`, the JSON that
 * `esc env open <org/project/env> --format json` prints. A stack that imports environments and is
 * given no such file is refused, never planned as if the import were not there.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { parseDocument } from "yaml";

/** The project directory: the repository root, where Pulumi.yaml is. */
export const PROJECT_DIR = path.resolve(__dirname, "..");

export const SECRET_PLACEHOLDER = "[secret]";

/** Configuration the CLI would refuse, or that cannot be known offline: exit 2 with this message. */
export class ConfigSourceError extends Error {
    constructor(message: string) {
        super(message);
        this.name = "ConfigSourceError";
    }
}

function isRecord(value: unknown): value is Record<string, unknown> {
    return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A path as the user would type it: relative to the working directory when inside it. */
function shown(file: string): string {
    const relative = path.relative(process.cwd(), file);
    if (relative === "") {
        return ".";
    }
    return !relative.startsWith("..") && !path.isAbsolute(relative) ? relative : file;
}

/** Parses a YAML file; a syntax error names the file, the line and the column. */
export function readYamlFile(file: string): unknown {
    const document = parseDocument(fs.readFileSync(file, "utf8"), { prettyErrors: true });
    const [error] = document.errors;
    if (error) {
        const position = error.linePos?.[0];
        const where = position ? `${shown(file)}:${position.line}:${position.col}` : shown(file);
        const reason = error.message.split("\n")[0]?.replace(/ at line \d+, column \d+:?$/, "") ?? error.message;
        throw new ConfigSourceError(`${where}: invalid YAML: ${reason}`);
    }
    return document.toJS() as unknown;
}

// ---------------------------------------------------------------------------------------------
// Project file

type ConfigTypeName = "string" | "integer" | "boolean" | "array";

interface ItemsType {
    readonly type: ConfigTypeName;
    readonly items?: ItemsType;
}

/** One entry of Pulumi.yaml's `config:`, after the shorthand is expanded. */
export interface ProjectConfigDeclaration {
    /** The key as written (`lifecycle`, `aoai-platform:lifecycle`, `pulumi:tags`). */
    readonly written: string;
    /** `namespace:name`. */
    readonly key: string;
    readonly type?: ConfigTypeName;
    readonly items?: ItemsType;
    readonly description?: string;
    readonly secret: boolean;
    readonly value?: unknown;
    readonly default?: unknown;
}

export interface ProjectFile {
    readonly name: string;
    readonly main: string;
    readonly config: readonly ProjectConfigDeclaration[];
}

const DECLARATION_ATTRIBUTES = ["type", "description", "items", "default", "value", "secret"];
const TYPE_NAMES: readonly string[] = ["string", "integer", "boolean", "array"];

/** `namespace:name` for a key as written: a key without a namespace takes the project's. */
export function namespacedKey(project: string, key: string): string {
    return key.includes(":") ? key : `${project}:${key}`;
}

function isOwnKey(project: string, key: string): boolean {
    return !key.includes(":") || key.startsWith(`${project}:`);
}

function itemsType(value: unknown, where: string): ItemsType {
    if (!isRecord(value) || typeof value["type"] !== "string" || !TYPE_NAMES.includes(value["type"])) {
        throw new ConfigSourceError(`${where}: items: needs type: string, integer, boolean or array`);
    }
    const type = value["type"] as ConfigTypeName;
    if (type === "array") {
        return { type, items: itemsType(value["items"], `${where}.items`) };
    }
    return { type };
}

/** Whether `value` is of the declared type, as the CLI decides it (project.go, ValidateConfigValue). */
export function matchesConfigType(type: ConfigTypeName, items: ItemsType | undefined, value: unknown): boolean {
    switch (type) {
        case "string":
            // The CLI stores every scalar as text, so a number or boolean passes as a string.
            return typeof value === "string" || typeof value === "number" || typeof value === "boolean";
        case "integer":
            return (
                (typeof value === "number" && Number.isInteger(value)) ||
                (typeof value === "string" && /^[-+]?\d+$/.test(value))
            );
        case "boolean":
            return typeof value === "boolean" || value === "true" || value === "false";
        case "array":
            return (
                Array.isArray(value) &&
                items !== undefined &&
                value.every((item) => matchesConfigType(items.type, items.items, item))
            );
    }
}

function typeName(type: ConfigTypeName, items: ItemsType | undefined): string {
    return items ? `array<${typeName(items.type, items.items)}>` : type;
}

function declaration(project: string, written: string, raw: unknown, file: string): ProjectConfigDeclaration {
    const where = `${file}: config.${written}`;
    const own = isOwnKey(project, written);
    // The CLI's shorthand: a scalar or a list is the default of a project key, the value of another's.
    if (!isRecord(raw)) {
        if (raw === null || raw === undefined) {
            throw new ConfigSourceError(
                `${where}: nothing is written under it; give a value, or remove the key (a value of another namespace needs value: ...)`,
            );
        }
        return own
            ? { written, key: namespacedKey(project, written), secret: false, default: raw }
            : { written, key: written, secret: false, value: raw };
    }
    const unknown = Object.keys(raw).filter((attribute) => !DECLARATION_ATTRIBUTES.includes(attribute));
    if (unknown.length > 0) {
        throw new ConfigSourceError(
            `${where}: unknown attribute${unknown.length === 1 ? "" : "s"} ${unknown.map((a) => JSON.stringify(a)).join(", ")}; ` +
                `allowed: ${DECLARATION_ATTRIBUTES.join(", ")}. An object value goes under value: or default: ` +
                `(e.g. ${written}: { default: { ${unknown[0]}: ... } }), as the Pulumi CLI reads a mapping here as a declaration`,
        );
    }
    if ("default" in raw && "value" in raw) {
        throw new ConfigSourceError(`${where}: has both default: and value:; the Pulumi CLI allows one of them`);
    }
    const typeValue = raw["type"];
    if (typeValue !== undefined && (typeof typeValue !== "string" || !TYPE_NAMES.includes(typeValue))) {
        throw new ConfigSourceError(
            `${where}.type: got ${JSON.stringify(typeValue)}; allowed: ${TYPE_NAMES.join(", ")}`,
        );
    }
    const type = typeValue as ConfigTypeName | undefined;
    if (!own) {
        if (type !== undefined) {
            throw new ConfigSourceError(
                `${where}: is not namespaced by the project (${project}) and should not define a type`,
            );
        }
        if ("default" in raw) {
            throw new ConfigSourceError(
                `${where}: is not namespaced by the project (${project}) and should not define a default; use value: instead`,
            );
        }
        if (!("value" in raw)) {
            throw new ConfigSourceError(`${where}: is namespaced and must provide value:`);
        }
    }
    if (type === "array" && raw["items"] === undefined) {
        throw new ConfigSourceError(`${where}: declares an array but does not give the item type under items:`);
    }
    const items = type === "array" ? itemsType(raw["items"], where) : undefined;
    if (type !== undefined && raw["default"] !== undefined && !matchesConfigType(type, items, raw["default"])) {
        throw new ConfigSourceError(`${where}.default: is not of the declared type ${typeName(type, items)}`);
    }
    return {
        written,
        key: namespacedKey(project, written),
        ...(type ? { type } : {}),
        ...(items ? { items } : {}),
        ...(typeof raw["description"] === "string" ? { description: raw["description"] } : {}),
        secret: raw["secret"] === true,
        ...("value" in raw ? { value: raw["value"] } : {}),
        ...("default" in raw ? { default: raw["default"] } : {}),
    };
}

/** Reads Pulumi.yaml: the project's name, its program and its `config:` declarations. */
export function readProjectFile(projectDir: string): ProjectFile {
    const file = path.join(projectDir, "Pulumi.yaml");
    const document = readYamlFile(file);
    if (!isRecord(document) || typeof document["name"] !== "string") {
        throw new ConfigSourceError(`${shown(file)}: has no project name (name: ...)`);
    }
    const name = document["name"];
    const config = document["config"] ?? {};
    if (!isRecord(config)) {
        throw new ConfigSourceError(`${shown(file)}: config: must be a mapping of keys to values or declarations`);
    }
    return {
        name,
        main: typeof document["main"] === "string" ? document["main"] : ".",
        config: Object.keys(config)
            .sort()
            .map((key) => declaration(name, key, config[key], shown(file))),
    };
}

// ---------------------------------------------------------------------------------------------
// Stack file

export interface StackFile {
    /** Config values keyed by `namespace:key`, parsed (objects stay objects). */
    readonly config: Record<string, unknown>;
    /** Keys whose value is `secure:` in the file. */
    readonly secretKeys: readonly string[];
    /** The environments the stack imports (`environment:`), as written; empty when none. */
    readonly environments: readonly string[];
}

export function stackFilePath(projectDir: string, stack: string): string {
    return path.join(projectDir, `Pulumi.${stack}.yaml`);
}

/** Lists the stacks that have a `Pulumi.<stack>.yaml` in the project. */
export function listStacks(projectDir: string): string[] {
    return fs
        .readdirSync(projectDir)
        .map((file) => /^Pulumi\.(.+)\.yaml$/.exec(file)?.[1])
        .filter((stack): stack is string => stack !== undefined)
        .sort();
}

function environmentNames(value: unknown): string[] {
    if (value === undefined || value === null) {
        return [];
    }
    if (typeof value === "string") {
        return [value];
    }
    if (Array.isArray(value)) {
        return value.map(String);
    }
    // An inline environment definition ({ imports: [...], values: {...} }).
    if (isRecord(value)) {
        const imports = Array.isArray(value["imports"]) ? value["imports"].map(String) : [];
        return value["values"] !== undefined ? [...imports, "(inline values)"] : imports;
    }
    return [JSON.stringify(value)];
}

/**
 * Reads a stack file. `secure:` values cannot be decrypted here (no passphrase, no service): they
 * become placeholders marked secret, exactly what a program sees of a secret it does not print.
 */
export function readStackFile(projectDir: string, stack: string): StackFile {
    const file = stackFilePath(projectDir, stack);
    if (!fs.existsSync(file)) {
        const stacks = listStacks(projectDir);
        throw new ConfigSourceError(
            `no stack ${JSON.stringify(stack)}: there is no ${path.basename(file)} in ${shown(projectDir)}; ` +
                (stacks.length > 0 ? `stacks here: ${stacks.join(", ")}` : "this project has no stack files yet"),
        );
    }
    const document = readYamlFile(file) ?? {};
    if (!isRecord(document)) {
        throw new ConfigSourceError(`${shown(file)}: must be a mapping (config:, environment:, ...)`);
    }
    const config = document["config"] ?? {};
    if (!isRecord(config)) {
        throw new ConfigSourceError(`${shown(file)}: config: must be a mapping of namespace:key to values`);
    }
    const values: Record<string, unknown> = {};
    const secretKeys: string[] = [];
    for (const [key, value] of Object.entries(config)) {
        if (!/^[^:]+:[^:]/.test(key)) {
            throw new ConfigSourceError(
                `${shown(file)}: config key ${JSON.stringify(key)} has no namespace; the Pulumi CLI refuses it. ` +
                    `Write <namespace>:<name>, e.g. ${key.includes(":") ? key : `<project>:${key}`}`,
            );
        }
        if (isRecord(value) && "secure" in value) {
            values[key] = SECRET_PLACEHOLDER;
            secretKeys.push(key);
        } else {
            values[key] = value;
        }
    }
    return { config: values, secretKeys, environments: environmentNames(document["environment"]) };
}

// ---------------------------------------------------------------------------------------------
// ESC values

/** The `pulumiConfig` of an opened environment, with where it came from. */
export interface EscValues {
    readonly file: string;
    readonly pulumiConfig: Readonly<Record<string, unknown>>;
}

/** Reads the JSON `esc env open <org/project/env> --format json` prints. */
export function readEscValuesFile(file: string): EscValues {
    let parsed: unknown;
    try {
        parsed = JSON.parse(fs.readFileSync(file, "utf8"));
    } catch (error) {
        const reason =
            (error as NodeJS.ErrnoException).code === "ENOENT"
                ? "not found"
                : `not JSON (${error instanceof Error ? error.message : String(error)})`;
        throw new ConfigSourceError(
            `--esc-values ${shown(file)}: ${reason}; expected the output of esc env open <org/project/env> --format json`,
        );
    }
    if (!isRecord(parsed)) {
        throw new ConfigSourceError(
            `--esc-values ${shown(file)}: expected a JSON object (esc env open <org/project/env> --format json)`,
        );
    }
    const pulumiConfig = parsed["pulumiConfig"] ?? {};
    if (!isRecord(pulumiConfig)) {
        throw new ConfigSourceError(
            `--esc-values ${shown(file)}: pulumiConfig: got ${JSON.stringify(pulumiConfig)}; allowed: an object of config keys`,
        );
    }
    return { file, pulumiConfig };
}

/** RFC 7386 JSON merge patch: `patch` over `target`; null in the patch removes a member. */
export function mergePatch(target: unknown, patch: unknown): unknown {
    if (!isRecord(patch)) {
        return patch;
    }
    const result: Record<string, unknown> = isRecord(target) ? { ...target } : {};
    for (const [key, value] of Object.entries(patch)) {
        if (value === null) {
            delete result[key];
        } else {
            result[key] = mergePatch(result[key], value);
        }
    }
    return result;
}

// ---------------------------------------------------------------------------------------------
// The merge

/** Where each key's value came from, for `--json` readers and tests. */
export type ConfigSource = "stack" | "environment" | "stack+environment" | "project";

export interface ResolvedConfig {
    /** `namespace:key` → value, as the program sees it. */
    readonly config: Record<string, unknown>;
    readonly secretKeys: readonly string[];
    readonly sources: Readonly<Record<string, ConfigSource>>;
}

/** How to give the plan the values of the environments a stack imports. */
export function escHowTo(stack: string, environments: readonly string[]): string {
    const name = environments[0] ?? "<org>/<project>/<env>";
    return (
        `Pulumi.${stack}.yaml imports ESC environment${environments.length === 1 ? "" : "s"} ${environments.join(", ")} ` +
        `(environment:), which the offline plan cannot open. Open ${environments.length === 1 ? "it" : "each"} and pass the values:\n` +
        `  esc env open ${name.includes("/") && name.split("/").length === 3 ? name : `<org>/${name}`} --format json > esc-${stack}.json\n` +
        `  npm run plan -- --stack ${stack} --esc-values esc-${stack}.json\n` +
        `(--esc-values may be repeated, in the order of environment:; the file holds secrets in plain text: keep it out of git.)`
    );
}

/**
 * The configuration of one stack from its three sources, with the CLI's precedence: stack file over
 * ESC environments over the project file. Throws ConfigSourceError for what the CLI would refuse.
 */
export function resolveStackConfig(
    project: ProjectFile,
    stack: string,
    stackFile: StackFile,
    escValues: readonly EscValues[] = [],
): ResolvedConfig {
    if (stackFile.environments.length > 0 && escValues.length === 0) {
        throw new ConfigSourceError(escHowTo(stack, stackFile.environments));
    }
    if (stackFile.environments.length === 0 && escValues.length > 0) {
        throw new ConfigSourceError(
            `--esc-values: Pulumi.${stack}.yaml imports no ESC environment (no environment:), so the CLI would not read ` +
                `${escValues.map((values) => shown(values.file)).join(", ")}; add environment: to the stack file or drop --esc-values`,
        );
    }
    const config: Record<string, unknown> = { ...stackFile.config };
    const secretKeys = new Set(stackFile.secretKeys);
    const sources: Record<string, ConfigSource> = Object.fromEntries(
        Object.keys(config).map((key) => [key, "stack" as const]),
    );

    // Environments merged in order, later over earlier (JSON merge patch), as ESC merges imports.
    let environment: Record<string, unknown> = {};
    for (const values of escValues) {
        for (const [written, value] of Object.entries(values.pulumiConfig)) {
            const key = namespacedKey(project.name, written);
            environment[key] = key in environment ? mergePatch(environment[key], value) : value;
        }
    }
    environment = Object.fromEntries(Object.entries(environment).sort(([a], [b]) => (a < b ? -1 : 1)));
    for (const [key, value] of Object.entries(environment)) {
        if (!(key in config)) {
            config[key] = value;
            sources[key] = "environment";
        } else if (!secretKeys.has(key)) {
            config[key] = mergePatch(value, config[key]);
            sources[key] = "stack+environment";
        }
        // `esc env open` prints secrets in plain text and loses which values were secret: keys of
        // other namespaces (provider credentials, e.g. from fn::open::azure-login) are kept secret.
        if (!key.startsWith(`${project.name}:`)) {
            secretKeys.add(key);
        }
    }

    const missing: string[] = [];
    for (const entry of project.config) {
        if (entry.key in config) {
            continue;
        }
        const fallback = entry.default !== undefined ? entry.default : entry.value;
        if (fallback !== undefined) {
            config[entry.key] = fallback;
            sources[entry.key] = "project";
        } else if (entry.key.startsWith(`${project.name}:`)) {
            missing.push(entry.written);
        }
    }
    if (missing.length > 0) {
        throw new ConfigSourceError(
            `Stack '${stack}' is missing configuration value${missing.length === 1 ? "" : "s"} ${missing.map((k) => `'${k}'`).join(", ")} ` +
                `(declared in Pulumi.yaml without value: or default:); set ${missing.length === 1 ? "it" : "them"} in Pulumi.${stack}.yaml`,
        );
    }

    for (const entry of project.config) {
        // ESC values are left alone: `esc env open` output no longer says which of them were secret.
        const fromEnvironment = sources[entry.key] === "environment" || sources[entry.key] === "stack+environment";
        if (entry.secret && !fromEnvironment && !secretKeys.has(entry.key)) {
            throw new ConfigSourceError(
                `Stack '${stack}' with configuration key '${entry.written}' must be encrypted as it's secret ` +
                    `(pulumi config set --secret ${entry.key} ...)`,
            );
        }
        if (
            entry.type &&
            !secretKeys.has(entry.key) &&
            !matchesConfigType(entry.type, entry.items, config[entry.key])
        ) {
            throw new ConfigSourceError(
                `Stack '${stack}' with configuration key '${entry.written}' must be of type '${typeName(entry.type, entry.items)}'; ` +
                    `got ${JSON.stringify(config[entry.key])}`,
            );
        }
    }
    return { config, secretKeys: [...secretKeys].sort(), sources };
}

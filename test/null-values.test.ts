/**
 * No value is silently dropped: a key written with nothing under it (`embed:` alone, YAML null) is
 * refused with exit 2 naming the key, at every object and map-entry position of the config schema.
 *
 * The positions come from walking the schema (infra/config/stack-config.ts) over a full stack
 * (test/fixtures/config/full-stack.yaml); the fixture must reach every object and map position the
 * schema has, so a section added to the schema is covered as soon as the fixture shows it. Each
 * position goes through the validation entry the program uses (config text as Pulumi stores it →
 * `fromConfigText` → `validateStackConfig`); a handful go end to end through the plan CLI.
 */
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { promisify } from "node:util";
import { parse as parseYaml, stringify as toYaml } from "yaml";
import { fromConfigText } from "../infra/config/load";
import {
    describeAllowed,
    elementOf,
    formatPath,
    recordOf,
    schemaAt,
    shapeOf,
    unwrap,
} from "../infra/config/schema-kit";
import { stackConfigSchema } from "../infra/config/stack-config";
import { ConfigError, validateStackConfig } from "../infra/config/validate-stack";
import { NAMESPACE, TEST_DATE } from "./helpers";

type Schema = Parameters<typeof shapeOf>[0];
type Json = Record<string, unknown>;

const FIXTURE = path.join(__dirname, "fixtures", "config", "full-stack.yaml");
const ROOT = path.join(__dirname, "..");

interface Position {
    /** Where the null goes, e.g. `["regions", "eastus2", "deployments", "reasoning"]`. */
    readonly path: readonly (string | number)[];
    /** The schema position it stands for: map keys as `<noun>`, list items as `[]`. */
    readonly pattern: string;
}

function isObject(value: unknown): value is Json {
    return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** An object or a map: a position where YAML lets a key stand with nothing under it. */
function holdsKeys(schema: Schema): boolean {
    return shapeOf(schema) !== undefined || recordOf(schema) !== undefined;
}

function noun(record: { key: Schema }): string {
    return `<${unwrap(record.key).meta.description ?? "key"}>`;
}

/** Every object and map-entry position of `schema`, as patterns (no config needed). */
function schemaPatterns(schema: Schema, pattern = ""): string[] {
    const join = (part: string) => (pattern ? `${pattern}.${part}` : part);
    const shape = shapeOf(schema);
    const record = recordOf(schema);
    const element = elementOf(schema);
    const found: string[] = [];
    if (shape) {
        for (const [field, child] of Object.entries(shape)) {
            if (holdsKeys(child)) {
                found.push(join(field));
            }
            found.push(...schemaPatterns(child, join(field)));
        }
    } else if (record) {
        // Every map entry is a position, whatever its value is (a deployment, a tag value, a quota row).
        found.push(join(noun(record)));
        found.push(...schemaPatterns(record.value, join(noun(record))));
    } else if (element && holdsKeys(element)) {
        found.push(`${pattern}[]`);
        found.push(...schemaPatterns(element, `${pattern}[]`));
    }
    return found;
}

/** The same positions, reached in a real config: one per object, map entry and list item written. */
function configPositions(schema: Schema, value: unknown, at: Position = { path: [], pattern: "" }): Position[] {
    const join = (part: string) => (at.pattern ? `${at.pattern}.${part}` : part);
    const shape = shapeOf(schema);
    const record = recordOf(schema);
    const element = elementOf(schema);
    const found: Position[] = [];
    if (shape && isObject(value)) {
        for (const [field, child] of Object.entries(shape)) {
            if (!(field in value)) {
                continue;
            }
            const position = { path: [...at.path, field], pattern: join(field) };
            if (holdsKeys(child)) {
                found.push(position);
            }
            found.push(...configPositions(child, value[field], position));
        }
    } else if (record && isObject(value)) {
        for (const key of Object.keys(value)) {
            const position = { path: [...at.path, key], pattern: join(noun(record)) };
            found.push(position, ...configPositions(record.value, value[key], position));
        }
    } else if (element && holdsKeys(element) && Array.isArray(value)) {
        value.forEach((item, index) => {
            const position = { path: [...at.path, index], pattern: `${at.pattern}[]` };
            found.push(position, ...configPositions(element, item, position));
        });
    }
    return found;
}

/** The fixture's config keys without the namespace. */
function fixtureConfig(): Json {
    const document = parseYaml(fs.readFileSync(FIXTURE, "utf8")) as { config: Json };
    return Object.fromEntries(
        Object.entries(document.config).map(([key, value]) => [key.slice(NAMESPACE.length + 1), value]),
    );
}

function withNull(config: Json, at: readonly (string | number)[]): Json {
    const copy = structuredClone(config);
    let parent: Record<string | number, unknown> = copy;
    for (const segment of at.slice(0, -1)) {
        parent = parent[segment] as Record<string | number, unknown>;
    }
    parent[at[at.length - 1]!] = null;
    return copy;
}

/** What the program reads: each key's value as Pulumi stores it (text, JSON for structures), then parsed. */
function asTheProgramReadsIt(config: Json): Json {
    return Object.fromEntries(
        Object.entries(config).map(([key, value]) => [
            key,
            fromConfigText(stackConfigSchema, key, typeof value === "string" ? value : JSON.stringify(value)),
        ]),
    );
}

function problemsOf(config: Json): ConfigError["problems"] {
    try {
        validateStackConfig("full", asTheProgramReadsIt(config), TEST_DATE);
        return [];
    } catch (error) {
        if (ConfigError.isConfigError(error)) {
            return error.problems;
        }
        throw error;
    }
}

describe("a key written with nothing under it", () => {
    const config = fixtureConfig();
    const positions = configPositions(stackConfigSchema, config);
    let checked = 0;

    afterAll(() => {
        // Counted from the positions that were really nulled and refused.
        process.stdout.write(`${checked} null positions refused (of ${positions.length} in the full stack)\n`);
    });

    it("starts from a full stack that validates cleanly", () => {
        expect(problemsOf(config)).toEqual([]);
    });

    it("reaches every object and map position the schema has", () => {
        const reached = new Set(positions.map((position) => position.pattern));
        const missing = schemaPatterns(stackConfigSchema).filter((pattern) => !reached.has(pattern));
        expect({ missingFromFixture: missing }).toEqual({ missingFromFixture: [] });
    });

    it("is refused at every position, naming the key and what is expected", () => {
        const failures: string[] = [];
        for (const position of positions) {
            const key = formatPath(position.path);
            const listItem = typeof position.path[position.path.length - 1] === "number";
            const expected = {
                key,
                given: listItem ? "an empty entry" : "nothing (null)",
                allowed: describeAllowed(schemaAt(stackConfigSchema, position.path)!),
            };
            const problems = problemsOf(withNull(config, position.path));
            if (!problems.some((problem) => JSON.stringify(problem) === JSON.stringify(expected))) {
                failures.push(`${key}: ${JSON.stringify(problems)}`);
                continue;
            }
            checked++;
        }
        expect(failures).toEqual([]);
        expect(checked).toBe(positions.length);
    });
});

const run = promisify(execFile);

describe("through the plan CLI", () => {
    // The real CLI in a copy of this project (the CLI plans stack files of its own project only), so
    // that no stack file is added to the repository while other tests list its stacks.
    const NULLED = [
        ["regions", "eastus2", "deployments", "chat"],
        ["regions", "swedencentral"],
        ["quota", "eastus2"],
        ["network", "privateEndpoints", "existingDnsZoneIds", "privatelink.openai.azure.com"],
        ["contentFilters", "strict", "blocklists", "terms"],
        ["tags"],
    ] as const;
    let project: string;

    beforeAll(() => {
        project = fs.mkdtempSync(path.join(os.tmpdir(), "aoai-null-values-"));
        for (const entry of fs.readdirSync(ROOT)) {
            if (["node_modules", ".git", ".ci"].includes(entry) || /^Pulumi\..+\.yaml$/.test(entry)) {
                continue;
            }
            fs.cpSync(path.join(ROOT, entry), path.join(project, entry), { recursive: true });
        }
        fs.symlinkSync(path.join(ROOT, "node_modules"), path.join(project, "node_modules"), "junction");
    });

    afterAll(() => {
        fs.rmSync(project, { recursive: true, force: true });
    });

    it("exits 2 and names every key written as null in one run", async () => {
        let config = fixtureConfig();
        for (const at of NULLED) {
            config = withNull(config, at);
        }
        const stackFile = {
            config: Object.fromEntries(Object.entries(config).map(([key, value]) => [`${NAMESPACE}:${key}`, value])),
        };
        fs.writeFileSync(path.join(project, "Pulumi.nulls.yaml"), toYaml(stackFile));
        // npm as the user runs it: the npm running this test when there is one (no shell needed).
        const npmCli = process.env["npm_execpath"];
        const [command, prefix] = npmCli ? [process.execPath, [npmCli]] : ["npm", []];
        const failed = await run(
            command,
            [...prefix, "run", "-s", "plan", "--", "--stack", "nulls", "--date", "2026-11-28"],
            { cwd: project, shell: !npmCli && process.platform === "win32" },
        ).then(
            () => undefined,
            (error: { code?: number; stderr?: string }) => error,
        );
        expect(failed?.code).toBe(2);
        const stderr = failed?.stderr ?? "";
        for (const at of NULLED) {
            const key = formatPath(at);
            const allowed = describeAllowed(schemaAt(stackConfigSchema, at)!);
            expect(stderr).toContain(`  - ${key}: got nothing (null); allowed: ${allowed}\n`);
        }
        expect(stderr).not.toMatch(/\n\s+at .+:\d+:\d+/);
    });
});

/**
 * The problem machinery works for any zod schema, not only the stack's: a section written by
 * someone else (with or without its own error texts) gets the same key paths, values given,
 * "did you mean" and null handling.
 */
import { z } from "zod";
import { type Parsed, parseWith, referenceRows, schemaAt } from "../infra/config/schema-kit";
import { ENVIRONMENT_DEFAULTS, stackConfigSchema } from "../infra/config/stack-config";
import type { Problem } from "../infra/config/rules";

/** A section in another author's style: `{ error }` texts on some checks, none on others. */
const teamSchema = z.strictObject({
    tokensPerMinute: z.int({ error: "a whole number of tokens per minute" }).min(100, { error: "at least 100" }),
    tier: z.enum(["Basic", "Standard", "Premium"]).default("Standard"),
    owners: z.array(z.string().email({ error: "an e-mail address" })).max(2),
});
const sectionSchema = z.strictObject({
    name: z.string().min(1).max(10).describe("Name of the section."),
    teams: z.record(
        z
            .string()
            .regex(/^[a-z]+$/, { error: "lowercase letters" })
            .describe("team"),
        teamSchema.describe("One team."),
    ),
    options: z.strictObject({ verbose: z.boolean().default(false) }).prefault({}),
});

function problems(input: unknown): Problem[] {
    const parsed: Parsed<unknown> = parseWith(sectionSchema, input);
    return parsed.ok ? [] : parsed.problems;
}

const GOOD = { name: "gw", teams: { search: { tokensPerMinute: 1000, owners: ["a@contoso.com"] } } };

describe("schema-kit on a schema it was not written for", () => {
    it("parses a good value with its defaults", () => {
        const parsed = parseWith(sectionSchema, GOOD);
        expect(parsed).toEqual({
            ok: true,
            value: {
                ...GOOD,
                teams: { search: { ...GOOD.teams.search, tier: "Standard" } },
                options: { verbose: false },
            },
        });
    });

    it("reports every problem at once, by key, with the value given and what is allowed", () => {
        expect(
            problems({
                name: "",
                teams: {
                    Search: { tokensPerMinute: 1000, owners: [] },
                    chat: { tokensPerMinute: 10, tier: "Standrd", owners: ["nobody"], tokensPerMinut: 5 },
                    docs: null,
                },
                option: {},
            }),
        ).toEqual([
            {
                key: "teams.chat.tokensPerMinut",
                given: "an unknown key",
                allowed: 'did you mean "tokensPerMinute"? Known keys: tokensPerMinute, tier, owners',
            },
            {
                key: "option",
                given: "an unknown key",
                allowed: 'did you mean "options"? Known keys: name, teams, options',
            },
            { key: "name", given: '""', allowed: "a string of 1 to 10 characters" },
            { key: "teams.Search", given: 'the key "Search"', allowed: "a key that is lowercase letters" },
            { key: "teams.chat.tokensPerMinute", given: "number 10", allowed: "at least 100" },
            {
                key: "teams.chat.tier",
                given: '"Standrd"',
                allowed: 'did you mean "Standard"? one of "Basic", "Standard", "Premium"',
            },
            { key: "teams.chat.owners[0]", given: '"nobody"', allowed: "an e-mail address" },
            {
                key: "teams.docs",
                given: "nothing (null)",
                allowed: "an object with keys tokensPerMinute, tier, owners",
            },
        ]);
    });

    it("says what a missing key and a wrong type need", () => {
        expect(problems({ teams: { search: { tokensPerMinute: "many", owners: "a@contoso.com" } } })).toEqual([
            { key: "name", given: "(missing)", allowed: "required: a string of 1 to 10 characters" },
            {
                key: "teams.search.tokensPerMinute",
                given: 'string "many"',
                allowed: "a whole number of tokens per minute",
            },
            { key: "teams.search.owners", given: 'string "a@contoso.com"', allowed: "a list of a string" },
        ]);
    });

    it("generates reference rows from descriptions and defaults", () => {
        expect(referenceRows(sectionSchema).map((row) => [row.key, row.default, row.doc])).toEqual([
            ["name", "required", "Name of the section."],
            ["teams", "required", ""],
            ["teams.<team>", "—", "One team."],
            ["teams.<team>.tokensPerMinute", "required", ""],
            ["teams.<team>.tier", '"Standard"', ""],
            ["teams.<team>.owners", "required", ""],
            ["options", "—", ""],
            ["options.verbose", "false", ""],
        ]);
    });
});

describe("the stack's map keys", () => {
    it("suggest the closest allowed key for a typo", () => {
        const parsed = parseWith(stackConfigSchema.shape.quota, {
            swedencentral: { GlobalStandad: { "gpt-5.4-mini": 1 } },
        });
        expect(parsed.ok ? [] : parsed.problems).toEqual([
            {
                key: "swedencentral.GlobalStandad",
                given: 'the key "GlobalStandad"',
                allowed: expect.stringMatching(
                    /^did you mean "GlobalStandard"\? a key that is one of "Standard", /,
                ) as unknown,
            },
        ]);
    });
});

describe("the stack's environment defaults", () => {
    /** Leaf values of a nested object, with their paths. */
    function leaves(value: unknown, path: string[] = []): Array<[string[], unknown]> {
        return typeof value === "object" && value !== null && !Array.isArray(value)
            ? Object.entries(value).flatMap(([key, child]) => leaves(child, [...path, key]))
            : [[path, value]];
    }

    it.each(Object.entries(ENVIRONMENT_DEFAULTS))(
        "%s names only keys of the schema, with values it accepts",
        (_, defaults) => {
            for (const [path, value] of leaves(defaults).filter(([at]) => at.length > 0)) {
                const schema = schemaAt(stackConfigSchema, path);
                expect({ path, known: schema !== undefined }).toEqual({ path, known: true });
                expect({ path, accepted: schema?.["~standard"].validate(value) }).toEqual({
                    path,
                    accepted: { value },
                });
            }
        },
    );
});

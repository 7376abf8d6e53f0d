/** Content-filter blocklists: one ARM name per blocklist per account, items named by their term. */
import {
    blocklistArmName,
    blocklistItemName,
    checkBlocklistNames,
    RAI_NAME_MAX_LENGTH,
} from "../infra/config/blocklist-names";
import { diffPlans, operationCounts } from "../plan/diff";
import { EXIT_INVALID_CONFIG } from "../plan/plan";
import { type Config, documentOf, input, ofType, planConfig, planOnce, stackConfig, variant } from "./helpers";

const BLOCKLIST = "azure-native:cognitiveservices:RaiBlocklist";
const ITEM = "azure-native:cognitiveservices:RaiBlocklistItem";
const POLICY = "azure-native:cognitiveservices:RaiPolicy";
const ARM_NAME = /^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/;

type Filters = Record<string, Record<string, unknown>>;

/** prod with a second filter ("lenient", a copy of "strict") and the given blocklists per filter. */
function withBlocklists(blocklists: Record<string, Record<string, string[]>>): Config {
    return variant(stackConfig("prod"), (c) => {
        const filters = c["contentFilters"] as Filters;
        filters["lenient"] = structuredClone(filters["strict"]!);
        for (const [filter, lists] of Object.entries(blocklists)) {
            filters[filter]!["blocklists"] = lists;
        }
    });
}

/**
 * prod with two filters each defining a blocklist named `terms`: the first test's subject, and the
 * second plan of the item test (after a term was removed), so planned once for both.
 */
const twoFiltersWithTerms = planOnce("prod", () =>
    withBlocklists({ strict: { terms: ["Fabrikam"] }, lenient: { terms: ["Contoso"] } }),
);

describe("blocklist ARM names", () => {
    it("two filters defining a blocklist named `terms` plan to two ARM blocklists, each filter referencing its own", async () => {
        const plan = documentOf(await twoFiltersWithTerms());
        const accounts = ofType(plan, "azure-native:cognitiveservices:Account").length;
        const blocklists = ofType(plan, BLOCKLIST);
        expect(blocklists).toHaveLength(2 * accounts);
        const perAccount = new Map<string, string[]>();
        for (const blocklist of blocklists) {
            const account = String(input(blocklist, "accountName"));
            perAccount.set(account, [...(perAccount.get(account) ?? []), String(input(blocklist, "raiBlocklistName"))]);
        }
        for (const names of perAccount.values()) {
            expect(names.sort()).toEqual(["lenient-terms", "strict-terms"]);
        }
        // Items land in their own filter's blocklist.
        const items = ofType(plan, ITEM).map((item) => [
            input(item, "raiBlocklistName"),
            input(item, "properties.pattern"),
        ]);
        expect(new Set(items.map((pair) => JSON.stringify(pair)))).toEqual(
            new Set([JSON.stringify(["strict-terms", "Fabrikam"]), JSON.stringify(["lenient-terms", "Contoso"])]),
        );
        for (const policy of ofType(plan, POLICY)) {
            const filter = String(input(policy, "raiPolicyName"));
            const referenced = (input(policy, "properties.customBlocklists") as { blocklistName: string }[]).map(
                (entry) => entry.blocklistName,
            );
            expect(new Set(referenced)).toEqual(new Set([`${filter}-terms`]));
        }
    });

    it("refuses config mapping two blocklists to one ARM name (exit 2, naming both keys)", async () => {
        // "a-b" + "c" and "a" + "b-c" would both be raiBlocklists/a-b-c.
        const config = variant(stackConfig("prod"), (c) => {
            const filters = c["contentFilters"] as Filters;
            const strict = filters["strict"]!;
            delete filters["strict"];
            filters["ab"] = { ...structuredClone(strict), blocklists: { "x-terms": ["one"] } };
            filters["ab-x"] = { ...structuredClone(strict), blocklists: { Terms: ["two"] } };
            const regions = c["regions"] as Record<string, { deployments: Record<string, Record<string, unknown>> }>;
            for (const region of Object.values(regions)) {
                for (const deployment of Object.values(region.deployments)) {
                    if (deployment["contentFilter"] === "strict") {
                        deployment["contentFilter"] = "ab";
                    }
                }
            }
        });
        const result = await planConfig("prod", config);
        expect(result.exitCode).toBe(EXIT_INVALID_CONFIG);
        expect(result.errorText).toContain("contentFilters.ab-x.blocklists.Terms");
        expect(result.errorText).toContain("contentFilters.ab.blocklists.x-terms");
        expect(result.errorText).toContain('"ab-x-Terms"');
    });

    it("checkBlocklistNames returns problems in the config's Problem shape", () => {
        const problems = checkBlocklistNames({
            a: { blocklists: { "b-c": ["x"] } },
            "a-b": { blocklists: { c: ["y"] } },
        });
        expect(problems.map(({ key, given }) => ({ key, given }))).toEqual([
            {
                key: "contentFilters.a-b.blocklists.c",
                given: 'the ARM blocklist name "a-b-c", which contentFilters.a.blocklists.b-c also maps to',
            },
        ]);
        expect(problems[0]?.allowed).toContain("differs (ignoring case)");
        expect(checkBlocklistNames({ strict: { blocklists: { terms: ["x", "y"] } }, lenient: {} })).toEqual([]);
        expect(checkBlocklistNames(undefined)).toEqual([]);
    });

    it("keeps every ARM name within the pattern and 64 characters, long pairs shortened with a digest", () => {
        const filter = "f".repeat(64);
        const long = blocklistArmName(filter, "b".repeat(64));
        expect(long.length).toBeLessThanOrEqual(RAI_NAME_MAX_LENGTH);
        expect(long).toMatch(ARM_NAME);
        expect(blocklistArmName(filter, `${"b".repeat(63)}c`)).not.toBe(long);
        expect(blocklistArmName("strict", "terms")).toBe("strict-terms");
        const item = blocklistItemName("Contoso Rival");
        expect(item).toMatch(/^term-[0-9a-f]{16}$/);
        expect(item).toMatch(ARM_NAME);
        expect(blocklistItemName("Contoso Rival")).toBe(item);
    });
});

describe("blocklist items", () => {
    it("removing one term deletes exactly that item and updates nothing", async () => {
        // The first term of strict's list goes (the next one's place in the chain moves); lenient's
        // list of the same name stays as it was.
        const base = documentOf(
            await planConfig(
                "prod",
                withBlocklists({ strict: { terms: ["Contoso Rival", "Fabrikam"] }, lenient: { terms: ["Contoso"] } }),
            ),
        );
        const head = documentOf(await twoFiltersWithTerms());
        const diff = diffPlans(base, head);
        const accounts = ofType(base, "azure-native:cognitiveservices:Account").length;
        expect(diff.removed.map((r) => r.type)).toEqual(Array<string>(accounts).fill(ITEM));
        const removedNames = diff.removed.map((r) => r.name);
        expect(removedNames.every((name) => name.endsWith(`-strict-terms-${blocklistItemName("Contoso Rival")}`))).toBe(
            true,
        );
        expect(diff.added).toEqual([]);
        expect(diff.changed).toEqual([]);
        expect(operationCounts(diff)).toEqual({ create: 0, update: 0, replace: 0, delete: accounts });
        // Each remaining item keeps its name and pattern.
        const names = (plan: typeof base) =>
            ofType(plan, ITEM)
                .map((item) => String(input(item, "raiBlocklistItemName")))
                .sort();
        expect(names(head)).toEqual(names(base).filter((name) => name !== blocklistItemName("Contoso Rival")));
    });
});

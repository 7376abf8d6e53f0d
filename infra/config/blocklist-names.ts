/**
 * The ARM names of content-filter blocklists and their items, and the cross-key check that refuses
 * config mapping two blocklists (or two terms) to one ARM name.
 *
 * Blocklists are namespaced by their filter: `raiBlocklists/<filter>-<blocklist>`. A blocklist is a
 * child of the account, not of the filter, so the bare name would let two filters each defining
 * `terms` share one ARM resource and overwrite each other's items. Namespacing (rather than
 * declaring blocklists once per account and referencing them) keeps the config shape: each filter
 * owns its terms, and editing one filter's list never changes what another filter blocks.
 * docs/config-sources.md ("Content-filter blocklists") says more.
 *
 * Names follow the ARM spec's `raiBlocklistName` pattern `^[a-zA-Z0-9][a-zA-Z0-9_.-]*$`
 * (Microsoft.CognitiveServices 2025-06-01, tools/armspec/specification/cognitiveservices) and stay
 * within 64 characters, the limit the config already puts on filter and blocklist names.
 */
import { createHash } from "node:crypto";
import type { Problem } from "./rules";

/** The longest blocklist or item name this product sends to ARM. */
export const RAI_NAME_MAX_LENGTH = 64;
const DIGEST_LENGTH = 8;
const NAME_PATTERN = /^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/;

function hex(text: string, length: number): string {
    return createHash("sha256").update(text, "utf8").digest("hex").slice(0, length);
}

/**
 * `<filter>-<blocklist>`; when that is longer than 64 characters, its first 55 characters, `-`
 * and 8 hex digits of the SHA-256 of the whole pair (stable, and distinct for distinct pairs).
 */
export function blocklistArmName(filter: string, blocklist: string): string {
    const name = `${filter}-${blocklist}`;
    if (name.length <= RAI_NAME_MAX_LENGTH) {
        return name;
    }
    const head = name.slice(0, RAI_NAME_MAX_LENGTH - DIGEST_LENGTH - 1).replace(/[-_.]+$/, "");
    return `${head}-${hex(`${filter}\n${blocklist}`, DIGEST_LENGTH)}`;
}

/**
 * `term-` and 16 hex digits of the SHA-256 of the pattern: the name depends on the term alone, so
 * removing or reordering terms never renames the others.
 */
export function blocklistItemName(pattern: string): string {
    return `term-${hex(pattern, 16)}`;
}

/** The part of a stack's config this check reads: filter → blocklists → terms. */
export type BlocklistsByFilter = Readonly<
    Record<string, { readonly blocklists?: Readonly<Record<string, readonly string[]>> }>
>;

/**
 * Problems for config that would give two blocklists of one account the same ARM name (ARM names
 * are case-insensitive), a name outside the ARM pattern, or two terms of one blocklist the same item
 * name. `contentFilters` apply to every account, so one check covers them all.
 */
export function checkBlocklistNames(contentFilters: BlocklistsByFilter | undefined): Problem[] {
    const problems: Problem[] = [];
    const owners = new Map<string, string>();
    for (const filter of Object.keys(contentFilters ?? {}).sort()) {
        const blocklists = contentFilters?.[filter]?.blocklists ?? {};
        for (const blocklist of Object.keys(blocklists).sort()) {
            const key = `contentFilters.${filter}.blocklists.${blocklist}`;
            const armName = blocklistArmName(filter, blocklist);
            if (!NAME_PATTERN.test(armName)) {
                problems.push({
                    key,
                    given: `the ARM blocklist name ${JSON.stringify(armName)}`,
                    allowed: "filter and blocklist names of letters, digits, _ . - starting with a letter or digit",
                });
            }
            const owner = owners.get(armName.toLowerCase());
            if (owner !== undefined) {
                problems.push({
                    key,
                    given: `the ARM blocklist name ${JSON.stringify(armName)}, which ${owner} also maps to`,
                    allowed:
                        "filter and blocklist names whose <filter>-<blocklist> differs (ignoring case) from every other blocklist's",
                });
            } else {
                owners.set(armName.toLowerCase(), key);
            }
            const items = new Map<string, number>();
            (blocklists[blocklist] ?? []).forEach((term, index) => {
                const item = blocklistItemName(term);
                const first = items.get(item);
                if (first !== undefined) {
                    problems.push({
                        key: `${key}[${index}]`,
                        given: `a term with the same item name (${item}) as ${key}[${first}]`,
                        allowed: "each term once",
                    });
                } else {
                    items.set(item, index);
                }
            });
        }
    }
    return problems;
}

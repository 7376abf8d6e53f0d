import * as cognitiveservices from "@pulumi/azure-native/cognitiveservices";
import type * as pulumi from "@pulumi/pulumi";
import type * as inputs from "@pulumi/azure-native/types/input";
import type { ContentFilterConfig, HarmFilterConfig } from "../config/stack-config";
import { blocklistArmName, blocklistItemName } from "../config/blocklist-names";
import { DEFAULT_CONTENT_FILTER } from "../config/stack-config";

/**
 * Filter names as the RAI policy API spells them (Microsoft's RAI policy examples in the REST API
 * specs and SDK samples: "Hate", "Sexual", "Violence", "Selfharm", "Jailbreak", "Indirect Attack",
 * "Protected Material Text", "Protected Material Code").
 */
const HARM_FILTERS = [
    ["hate", "Hate"],
    ["sexual", "Sexual"],
    ["violence", "Violence"],
    ["selfHarm", "Selfharm"],
] as const;

type ContentFilterEntry = inputs.cognitiveservices.RaiPolicyContentFilterArgs;

function harm(name: string, source: "Prompt" | "Completion", filter: HarmFilterConfig): ContentFilterEntry {
    return { name, source, enabled: true, blocking: filter.blocking, severityThreshold: filter.threshold };
}

function toggle(name: string, source: "Prompt" | "Completion", on: boolean): ContentFilterEntry {
    return { name, source, enabled: on, blocking: on };
}

/** The RAI policy body for a content filter from config. */
export function raiPolicyProperties(config: ContentFilterConfig, blocklistNames: readonly string[]) {
    return {
        basePolicyName: DEFAULT_CONTENT_FILTER,
        mode: "Blocking",
        contentFilters: [
            ...HARM_FILTERS.map(([key, name]) => harm(name, "Prompt", config.prompt[key])),
            toggle("Jailbreak", "Prompt", config.prompt.jailbreak),
            toggle("Indirect Attack", "Prompt", config.prompt.indirectAttack),
            ...HARM_FILTERS.map(([key, name]) => harm(name, "Completion", config.completion[key])),
            toggle("Protected Material Text", "Completion", config.completion.protectedMaterialText),
            toggle("Protected Material Code", "Completion", config.completion.protectedMaterialCode),
        ],
        customBlocklists: blocklistNames.flatMap((blocklistName) =>
            (["Prompt", "Completion"] as const).map((source) => ({ blocklistName, blocking: true, source })),
        ),
    };
}

/**
 * Creates the content filters (and their blocklists) of one account as a chain: each resource
 * depends on the one before, because Azure refuses concurrent operations on one account. Returns every
 * resource in creation order.
 */
export function createContentFilters(
    accountLogicalName: string,
    accountName: pulumi.Input<string>,
    resourceGroupName: pulumi.Input<string>,
    filters: Readonly<Record<string, ContentFilterConfig>>,
    parent: pulumi.Resource,
): { chain: pulumi.Resource[]; policies: Record<string, cognitiveservices.RaiPolicy> } {
    const chain: pulumi.Resource[] = [];
    const policies: Record<string, cognitiveservices.RaiPolicy> = {};
    let last: pulumi.Resource | undefined;
    const after = () => ({ parent, dependsOn: last ? [last] : [] });
    for (const filterName of Object.keys(filters).sort()) {
        const filter = filters[filterName] as ContentFilterConfig;
        // ARM names namespaced by the filter, items named by a digest of their term
        // (config/blocklist-names.ts): unique per account, and stable when terms come and go.
        const blocklistNames: string[] = [];
        for (const blocklistName of Object.keys(filter.blocklists).sort()) {
            const armName = blocklistArmName(filterName, blocklistName);
            blocklistNames.push(armName);
            const blocklist = new cognitiveservices.RaiBlocklist(
                `${accountLogicalName}-${armName}`,
                {
                    accountName,
                    resourceGroupName,
                    raiBlocklistName: armName,
                    properties: { description: `Terms blocked by ${filterName} (${blocklistName})` },
                },
                after(),
            );
            last = blocklist;
            chain.push(blocklist);
            for (const term of filter.blocklists[blocklistName] ?? []) {
                const itemName = blocklistItemName(term);
                const item = new cognitiveservices.RaiBlocklistItem(
                    `${accountLogicalName}-${armName}-${itemName}`,
                    {
                        accountName,
                        resourceGroupName,
                        raiBlocklistName: armName,
                        raiBlocklistItemName: itemName,
                        properties: { pattern: term, isRegex: false },
                    },
                    // Chained like the rest (one operation at a time per account). Removing a term
                    // moves the next item's dependsOn, which Pulumi does not count as an update.
                    after(),
                );
                last = item;
                chain.push(item);
            }
        }
        const policy = new cognitiveservices.RaiPolicy(
            `${accountLogicalName}-${filterName}`,
            {
                accountName,
                resourceGroupName,
                raiPolicyName: filterName,
                properties: raiPolicyProperties(filter, blocklistNames),
            },
            after(),
        );
        last = policy;
        chain.push(policy);
        policies[filterName] = policy;
    }
    return { chain, policies };
}

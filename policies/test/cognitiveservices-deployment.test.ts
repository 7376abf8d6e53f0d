import { deploymentAllowedModels } from "../rules/azure-cognitiveservices-deployment-allowed-models";
import { deploymentAllowedTypes } from "../rules/azure-cognitiveservices-deployment-allowed-types";
import { deploymentCapacityCap } from "../rules/azure-cognitiveservices-deployment-capacity-cap";
import { deploymentContentFilter } from "../rules/azure-cognitiveservices-deployment-content-filter";
import { deploymentModelLifecycle } from "../rules/azure-cognitiveservices-deployment-model-lifecycle";
import { deploymentRegionCapacityCap } from "../rules/azure-cognitiveservices-deployment-region-capacity-cap";
import { deploymentSerialized } from "../rules/azure-cognitiveservices-deployment-serialized";
import { raiPolicyNotWeakened } from "../rules/azure-cognitiveservices-raipolicy-not-weakened";
import { allUnknown, byName, compliantStack, UNKNOWN, withEntry, withInput } from "./fixtures";
import { messages, violations } from "./harness";

const stack = compliantStack();
const AS_OF = { asOf: "2026-11-28" };

describe(deploymentAllowedModels.name, () => {
    const prodModels = { allowedModels: ["gpt-5.4-mini", "gpt-5.4-nano@2026-03-17"] };

    it("passes approved models, by name or by pinned version, and every catalog model by default", async () => {
        expect(await messages(deploymentAllowedModels, stack, prodModels)).toEqual([]);
        expect(await messages(deploymentAllowedModels, stack)).toEqual([]);
    });

    it("reports a model that is not approved", async () => {
        const other = withInput(stack, "acct-chat", "properties.model.name", "gpt-4o");
        expect(await violations(deploymentAllowedModels, other, prodModels)).toEqual([
            {
                urn: byName(stack, "acct-chat").urn,
                message:
                    "model gpt-4o 2026-03-17 is not approved for this environment; allowed: gpt-5.4-mini, " +
                    "gpt-5.4-nano@2026-03-17.",
            },
        ]);
    });

    it("reports another version of a model approved only at a pinned version", async () => {
        const other = withInput(stack, "acct-chat", "properties.model.version", "2025-08-07");
        expect(await messages(deploymentAllowedModels, other, prodModels)).toEqual([
            "model gpt-5.4-nano 2025-08-07 is not approved for this environment; allowed: gpt-5.4-mini, " +
                "gpt-5.4-nano@2026-03-17.",
        ]);
    });

    it("passes when the model is not known yet", async () => {
        const other = withInput(stack, "acct-chat", "properties.model.name", "gpt-4o");
        expect(
            await messages(
                deploymentAllowedModels,
                withInput(other, "acct-chat", "properties.model", UNKNOWN),
                prodModels,
            ),
        ).toEqual([]);
        expect(
            await messages(
                deploymentAllowedModels,
                withInput(other, "acct-chat", "properties.model.version", UNKNOWN),
                prodModels,
            ),
        ).toEqual([]);
    });
});

describe(deploymentAllowedTypes.name, () => {
    const dataZoneOnly = { allowedDeploymentTypes: ["DataZoneStandard"] };

    it("passes every type by default", async () => {
        expect(await messages(deploymentAllowedTypes, stack)).toEqual([]);
    });

    it("reports a type that is not allowed", async () => {
        expect(await messages(deploymentAllowedTypes, stack, dataZoneOnly)).toEqual([
            'sku.name "GlobalStandard" is not an allowed deployment type; allowed: DataZoneStandard.',
        ]);
    });

    it("passes when the type is not known yet", async () => {
        expect(
            await messages(deploymentAllowedTypes, withInput(stack, "acct-chat", "sku.name", UNKNOWN), dataZoneOnly),
        ).toEqual([]);
    });
});

describe(deploymentModelLifecycle.name, () => {
    it("passes generally available versions retiring after the window", async () => {
        expect(await messages(deploymentModelLifecycle, stack, AS_OF)).toEqual([]);
    });

    it("reports a retired version, with Microsoft's replacement apart from the project's successor", async () => {
        const retired = withInput(stack, "acct-chat", "properties.model", {
            format: "OpenAI",
            name: "gpt-4o-mini-transcribe",
            version: "2025-03-20",
        });
        expect(await messages(deploymentModelLifecycle, retired, AS_OF)).toEqual([
            "model gpt-4o-mini-transcribe 2025-03-20 retired on 2026-10-15: Azure refuses new deployments and calls " +
                "fail; suggested successor (the project's pick): gpt-4o-mini-transcribe 2025-12-15, the newer version " +
                "of the same model, retiring 2027-06-15.",
        ]);
        const replaced = withInput(stack, "acct-chat", "properties.model", {
            format: "OpenAI",
            name: "dall-e-3",
            version: "3.0",
        });
        expect(await messages(deploymentModelLifecycle, replaced, AS_OF)).toEqual([
            "model dall-e-3 3.0 retired on 2026-03-04: Azure refuses new deployments and calls fail; Microsoft's " +
                "replacement: gpt-image-1.5; suggested successor (the project's pick): gpt-image-2 2026-04-21, GA and " +
                "open to every subscription (the gpt-image-1 series needs registration), retiring 2027-10-21.",
        ]);
    });

    it("reports a version retiring within the window, and not one retiring after it", async () => {
        const retiring = withInput(stack, "acct-chat", "properties.model", {
            format: "OpenAI",
            name: "gpt-image-1.5",
            version: "2025-12-16",
        });
        expect(await messages(deploymentModelLifecycle, retiring, AS_OF)).toEqual([
            "model gpt-image-1.5 2025-12-16 retires on 2026-12-16, in 18 days (within the 90-day window); suggested " +
                "successor (the project's pick): gpt-image-2 2026-04-21, GA and open to every subscription (the " +
                "gpt-image-1 series needs registration), retiring 2027-10-21.",
        ]);
        expect(await messages(deploymentModelLifecycle, retiring, { ...AS_OF, retirementWindowDays: 10 })).toEqual([]);
        const gpt4o = withInput(stack, "acct-chat", "properties.model", {
            format: "OpenAI",
            name: "gpt-4o",
            version: "2024-05-13",
        });
        expect(await messages(deploymentModelLifecycle, gpt4o, AS_OF)).toEqual([
            "model gpt-4o 2024-05-13 retires on 2026-12-09, in 11 days (within the 90-day window); Microsoft's " +
                "replacement: gpt-5.6-sol.",
        ]);
    });

    it("judges by the asOf date: a version is retired from its retirement date on", async () => {
        expect(await messages(deploymentModelLifecycle, stack, { asOf: "2027-09-21" })).toEqual([
            "model gpt-5.4-nano 2026-03-17 retired on 2027-09-21: Azure refuses new deployments and calls fail; no " +
                "successor deployable on 2027-09-21 is known: run npm run catalog:sync for Microsoft's newest models.",
            "model gpt-5.4-mini 2026-03-17 retired on 2027-09-21: Azure refuses new deployments and calls fail; no " +
                "successor deployable on 2027-09-21 is known: run npm run catalog:sync for Microsoft's newest models.",
        ]);
    });

    it("reports a version the catalog does not know", async () => {
        const unknownVersion = withInput(stack, "acct-chat", "properties.model.version", "2099-01-01");
        expect(await messages(deploymentModelLifecycle, unknownVersion, AS_OF)).toEqual([
            "model gpt-5.4-nano 2099-01-01 is not in the model catalog (facts as of 2026-10-05): its lifecycle cannot " +
                "be checked; use a cataloged version or refresh the catalog with npm run catalog:sync.",
        ]);
    });

    it("passes when the model is not known yet", async () => {
        expect(
            await messages(
                deploymentModelLifecycle,
                withInput(stack, "acct-chat", "properties.model.version", UNKNOWN),
                AS_OF,
            ),
        ).toEqual([]);
    });
});

describe(deploymentCapacityCap.name, () => {
    it("passes capacities within the cap", async () => {
        expect(await messages(deploymentCapacityCap, stack, { maxCapacity: 100 })).toEqual([]);
    });

    it("reports a capacity over the cap", async () => {
        expect(
            await messages(deploymentCapacityCap, withInput(stack, "acct-chat", "sku.capacity", 101), {
                maxCapacity: 100,
            }),
        ).toEqual(["sku.capacity 101 exceeds the cap of 100 capacity units per deployment."]);
    });

    it("applies a type's own cap instead of the general one", async () => {
        const settings = { maxCapacity: 1000, maxCapacityByType: { DataZoneStandard: 50 } };
        expect(await messages(deploymentCapacityCap, stack, settings)).toEqual([
            "sku.capacity 100 exceeds the cap of 50 capacity units per DataZoneStandard deployment.",
        ]);
    });

    it("passes when the capacity is not known yet", async () => {
        const over = withInput(stack, "acct-chat", "sku.capacity", 500);
        expect(
            await messages(deploymentCapacityCap, withInput(over, "acct-chat", "sku.capacity", UNKNOWN), {
                maxCapacity: 100,
            }),
        ).toEqual([]);
    });
});

describe(deploymentRegionCapacityCap.name, () => {
    it("passes a region within the cap", async () => {
        expect(await messages(deploymentRegionCapacityCap, stack, { maxCapacityPerRegion: 200 })).toEqual([]);
    });

    it("reports a region over the cap, on its account", async () => {
        const over = withInput(stack, "acct-chat", "sku.capacity", 150);
        expect(await violations(deploymentRegionCapacityCap, over, { maxCapacityPerRegion: 200 })).toEqual([
            {
                urn: byName(stack, "acct").urn,
                message:
                    "deployments in swedencentral request 250 capacity units, more than the cap of 200 per region " +
                    "(acct-chat 150, acct-reasoning 100).",
            },
        ]);
    });

    it("leaves out deployments whose capacity or account's region is not known yet", async () => {
        const over = withInput(stack, "acct-chat", "sku.capacity", 150);
        expect(
            await messages(deploymentRegionCapacityCap, withInput(over, "acct-chat", "sku.capacity", UNKNOWN), {
                maxCapacityPerRegion: 120,
            }),
        ).toEqual([]);
        expect(
            await messages(deploymentRegionCapacityCap, withInput(over, "acct", "location", UNKNOWN), {
                maxCapacityPerRegion: 200,
            }),
        ).toEqual([]);
    });
});

describe(deploymentSerialized.name, () => {
    it("passes deployments that form a chain", async () => {
        expect(await messages(deploymentSerialized, stack)).toEqual([]);
    });

    it("reports deployments of one account that can run at the same time", async () => {
        const parallel = withEntry(stack, "acct-reasoning", { dependsOn: ["acct"] });
        expect(await violations(deploymentSerialized, parallel)).toEqual([
            {
                urn: byName(stack, "acct").urn,
                message:
                    'deployments of account "acct" can run at the same time: "acct-chat" and "acct-reasoning". Azure ' +
                    "answers concurrent deployment operations on one account with 409 RequestConflict; make each " +
                    "deployment depend on the one before it.",
            },
        ]);
    });

    it("relates deployments to accounts by dependency when names are not known yet", async () => {
        expect(await messages(deploymentSerialized, allUnknown(stack))).toEqual([]);
        const parallel = withEntry(allUnknown(stack), "acct-reasoning", { dependsOn: ["acct"] });
        expect(await messages(deploymentSerialized, parallel)).toHaveLength(1);
    });
});

describe(raiPolicyNotWeakened.name, () => {
    const filter = (index: number): string => `properties.contentFilters.${index}`;

    it("passes a filter as strict as Microsoft's default", async () => {
        expect(await messages(raiPolicyNotWeakened, stack)).toEqual([]);
    });

    it.each([
        [`${filter(0)}.enabled`, false, "content filter Hate (Prompt) is not enabled (enabled is false)."],
        [`${filter(1)}.blocking`, false, "content filter Sexual (Prompt) does not block (blocking is false)."],
        [
            `${filter(8)}.severityThreshold`,
            "High",
            'content filter Violence (Completion) has severityThreshold "High": only "Low" or "Medium" (Microsoft\'s ' +
                "default) block harmful content of medium severity.",
        ],
        [`${filter(4)}.blocking`, false, "content filter Jailbreak (Prompt) does not block (blocking is false)."],
        [
            "properties.basePolicyName",
            "Microsoft.Nil",
            'properties.basePolicyName is "Microsoft.Nil": the filter must build on Microsoft.DefaultV2.',
        ],
    ])("reports %s = %p", async (path, value, message) => {
        expect(await messages(raiPolicyNotWeakened, withInput(stack, "acct-strict", path, value))).toEqual([message]);
    });

    it("reports a missing category", async () => {
        const filters = byName(stack, "acct-strict").inputs["properties"] as {
            contentFilters: { name: string; source: string }[];
        };
        const withoutSelfharm = filters.contentFilters.filter(
            (f) => !(f.name === "Selfharm" && f.source === "Completion"),
        );
        expect(
            await messages(
                raiPolicyNotWeakened,
                withInput(stack, "acct-strict", "properties.contentFilters", withoutSelfharm),
            ),
        ).toEqual(["content filter Selfharm (Completion) is missing: list it enabled and blocking."]);
    });

    it("passes when filters are not known yet", async () => {
        expect(
            await messages(raiPolicyNotWeakened, withInput(stack, "acct-strict", `${filter(0)}.enabled`, UNKNOWN)),
        ).toEqual([]);
        expect(await messages(raiPolicyNotWeakened, allUnknown(stack))).toEqual([]);
    });
});

describe(deploymentContentFilter.name, () => {
    it("passes a built-in filter and a strict filter of the same account", async () => {
        expect(await messages(deploymentContentFilter, stack)).toEqual([]);
    });

    it("reports a deployment without a filter", async () => {
        expect(
            await violations(
                deploymentContentFilter,
                withInput(stack, "acct-reasoning", "properties.raiPolicyName", undefined),
            ),
        ).toEqual([
            {
                urn: byName(stack, "acct-reasoning").urn,
                message:
                    'deployment "acct-reasoning": properties.raiPolicyName is not set, so the service\'s default ' +
                    "filter applies (it has changed before); name the filter explicitly.",
            },
        ]);
    });

    it("reports a filter the account does not have", async () => {
        expect(
            await messages(
                deploymentContentFilter,
                withInput(stack, "acct-chat", "properties.raiPolicyName", "lenient"),
            ),
        ).toEqual([
            'deployment "acct-chat": properties.raiPolicyName "lenient" is neither a built-in filter ' +
                "(Microsoft.DefaultV2) nor a content filter of its account.",
        ]);
    });

    it("reports a filter weaker than Microsoft's default", async () => {
        const weak = withInput(stack, "acct-strict", "properties.contentFilters.0.enabled", false);
        expect(await messages(deploymentContentFilter, weak)).toEqual([
            'deployment "acct-chat": content filter "strict" is weaker than Microsoft\'s default: content filter Hate ' +
                "(Prompt) is not enabled (enabled is false).",
        ]);
    });

    it("passes when the filter name or the account's filters are not known yet", async () => {
        const lenient = withInput(stack, "acct-chat", "properties.raiPolicyName", "lenient");
        expect(
            await messages(
                deploymentContentFilter,
                withInput(lenient, "acct-chat", "properties.raiPolicyName", UNKNOWN),
            ),
        ).toEqual([]);
        expect(
            await messages(deploymentContentFilter, withInput(lenient, "acct-strict", "raiPolicyName", UNKNOWN)),
        ).toEqual([]);
    });
});

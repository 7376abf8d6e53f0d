/**
 * The Azure OpenAI model catalog: which (model, version) pairs exist, where each deployment type is offered, and
 * where each model is in its lifecycle. Data only; the checks that use it live in `lifecycle.ts`.
 *
 * Every fact comes from the reference `azure-openai-models.md` (compiled 2026-11-28), which restates Microsoft's
 * docs. Each entry lists the ids of the `SOURCES` it came from. Region lists keep the order of the reference tables
 * (grouped by geography); only region names are kept, the geography / data-zone labels are dropped.
 */
import type { CatalogModel, CatalogSource } from "./types";

/**
 * Date of the newest Microsoft docs the facts come from (the 2026-10-05 retirement schedule, lifecycle policy and
 * Standard/Global/DataZone region matrix). The reference that restates them was compiled 2026-11-28, so doc changes
 * from 2026-10-06 onward are not covered.
 */
export const CATALOG_FACTS_AS_OF = "2026-10-05";

// Reference §1. Paths are in MicrosoftDocs/azure-ai-docs unless stated; the commit read is in the comment.
export const SOURCES: Readonly<Record<string, CatalogSource>> = {
    // @0378dd85ff38: lifecycle, retirement dates, replacements (newest).
    S1: {
        document: "articles/foundry/openai/includes/concepts-model-retirement-schedule-content.md",
        msDate: "2026-10-05",
    },
    // @00bb5540c93f: older values, kept for conflict tracking.
    S1a: {
        document: "articles/foundry/openai/includes/concepts-model-retirement-schedule-content.md",
        msDate: "2026-07-07",
    },
    // @479968752687: older values.
    S1b: {
        document: "articles/foundry/openai/includes/concepts-model-retirement-schedule-content.md",
        msDate: "2026-04-23",
    },
    // Rendered Learn page; page metadata gives azure-ai-docs-pr commit c0b1c983. Older values.
    S1c: {
        document: "Learn page foundry/openai/concepts/model-retirement-schedule (rendered)",
        msDate: "2026-09-02",
    },
    // @31c50ba110d5 and @00b1f657038c (content edited into early 2026): "no new customers" deprecation dates.
    S2: {
        document: "articles/ai-foundry/openai/includes/retirement/models.md",
        msDate: "2025-12-16",
    },
    // @0378dd85ff38: lifecycle policy, API status mapping, versionUpgradeOption.
    S3: {
        document: "articles/foundry/openai/includes/concepts-model-retirements-content.md",
        msDate: "2026-10-05",
    },
    // @0378dd85ff38: GlobalStandard / DataZoneStandard / Standard regions.
    S4: {
        document: "articles/foundry/foundry-models/includes/model-matrix/deployments-standard.md",
        msDate: "2026-10-05",
    },
    // @fd2d94563fc5: GlobalProvisionedManaged / DataZoneProvisionedManaged / ProvisionedManaged regions.
    S5: {
        document: "articles/foundry/foundry-models/includes/model-matrix/deployments-provisioned.md",
        msDate: "2026-05-11",
    },
    // @2a5ac2402744: GlobalBatch / DataZoneBatch regions.
    S6: {
        document: "articles/foundry/foundry-models/includes/model-matrix/deployments-batch.md",
        msDate: "2026-08-28",
    },
    // @00bb5540c93f: model capabilities, o1-mini / o1-preview notes.
    S7: {
        document: "articles/foundry/openai/includes/models-azure-direct-openai.md",
        msDate: "2026-06-11",
    },
    // Flattened copy of the Learn page (index id 70192976994; repository not identifiable): gpt-6 / gpt-6.1,
    // gpt-image-2.5, new speech-to-text models.
    S7a: {
        document: "Learn page: Foundry Models sold by Azure (flattened copy)",
        msDate: "2026-09-21",
    },
    // @061aa849a431: SKU codes, data-zone definitions.
    S8: {
        document: "articles/foundry/foundry-models/includes/concepts-deployment-types-content.md",
        msDate: "2026-05-08",
    },
    // @0d126d3a3ac2: limited-access (registration) table for o-series and GPT-5.x.
    S9: {
        document: "articles/foundry/openai/how-to/reasoning.md",
        msDate: "2026-02-24",
    },
    // @10fd319b2aa5: gpt-image-1 series gating; gpt-image-2 GA.
    S10: {
        document: "articles/foundry/openai/how-to/dall-e.md",
        msDate: "2026-04-17",
    },
    // @1a42ed319dc6: DALL-E 3 retirement.
    S11: {
        document: "articles/foundry/openai/includes/dall-e-retirement.md",
        msDate: "2026-03-18",
    },
    // @4345ee015911: retired models (o1-preview etc.).
    S12: {
        document: "articles/foundry/openai/includes/concepts-retired-models-content.md",
        msDate: "2026-04-23",
    },
    // @1205cbf887d6: per-resource limits, image / speech-to-text defaults.
    S13: {
        document: "articles/foundry/openai/quotas-limits.md",
        msDate: "2026-02-17",
    },
    // @08408ff5333e: Tier-1 default quota (ms.date is older than some of its content, see reference §9.14).
    S14: {
        document: "articles/foundry/openai/includes/quota-tier/tier-1.md",
        msDate: "2026-08-20",
    },
    // @467c504ddea5: capacity-unit to RPM/TPM ratios.
    S15: {
        document: "articles/foundry/openai/includes/quota-1.md",
        msDate: "2026-09-16",
    },
    // @01a83b281225: Foundry resource limits (100 resources, 32 deployments).
    S16: {
        document: "articles/foundry/foundry-models/includes/quotas-limits-content.md",
        msDate: "2026-04-29",
    },
    // @07d8467ca5ec: PTU minimums and increments.
    S17: {
        document: "articles/foundry/openai/how-to/provisioned-throughput-sizing.md",
        msDate: "2026-05-21",
    },
    // Index id 68831557094 (repository not identifiable): PTU parameters for gpt-5.6 / gpt-6 / gpt-image-2.
    S17a: {
        document: "PTU sizing include (index id 68831557094)",
        msDate: "2026-09-23",
    },
};

// ---------------------------------------------------------------------------------------------------------------
// Region sets that repeat across the §4 tables (S4 2026-10-05, S5 2026-05-11, S6 2026-08-28). A model entry uses a
// constant only where its table matches it exactly; tables that differ even by one region are written out.
// ---------------------------------------------------------------------------------------------------------------

/** S4 (2026-10-05) GlobalStandard set of the newer models; S5's GlobalProvisionedManaged set is the same 28. */
const GLOBAL_STANDARD_2026_10: readonly string[] = [
    "brazilsouth",
    "canadacentral",
    "canadaeast",
    "centralus",
    "eastus",
    "eastus2",
    "northcentralus",
    "southcentralus",
    "westus",
    "westus3",
    "francecentral",
    "germanywestcentral",
    "italynorth",
    "norwayeast",
    "polandcentral",
    "spaincentral",
    "swedencentral",
    "switzerlandnorth",
    "switzerlandwest",
    "uksouth",
    "westeurope",
    "australiaeast",
    "japaneast",
    "koreacentral",
    "southeastasia",
    "southindia",
    "southafricanorth",
    "uaenorth",
];

/** S5 (2026-05-11) GlobalProvisionedManaged: identical in every table that has the SKU (except gpt-5.4-mini). */
const GLOBAL_PROVISIONED: readonly string[] = GLOBAL_STANDARD_2026_10;

/** S4 (2026-10-05) GlobalStandard with northeurope (new in 2026-10): gpt-5.4 family, gpt-5.5, text-embedding-3-*. */
const GLOBAL_STANDARD_2026_10_NORTHEUROPE: readonly string[] = [
    "brazilsouth",
    "canadacentral",
    "canadaeast",
    "centralus",
    "eastus",
    "eastus2",
    "northcentralus",
    "southcentralus",
    "westus",
    "westus3",
    "francecentral",
    "germanywestcentral",
    "italynorth",
    "northeurope",
    "norwayeast",
    "polandcentral",
    "spaincentral",
    "swedencentral",
    "switzerlandnorth",
    "switzerlandwest",
    "uksouth",
    "westeurope",
    "australiaeast",
    "japaneast",
    "koreacentral",
    "southeastasia",
    "southindia",
    "southafricanorth",
    "uaenorth",
];

/** S4 GlobalStandard of the 2025 models (no canadacentral, no switzerlandwest): o3, o4-mini, gpt-5*, gpt-4.1*. */
const GLOBAL_STANDARD_2025: readonly string[] = [
    "brazilsouth",
    "canadaeast",
    "centralus",
    "eastus",
    "eastus2",
    "northcentralus",
    "southcentralus",
    "westus",
    "westus3",
    "francecentral",
    "germanywestcentral",
    "italynorth",
    "norwayeast",
    "polandcentral",
    "spaincentral",
    "swedencentral",
    "switzerlandnorth",
    "uksouth",
    "westeurope",
    "australiaeast",
    "japaneast",
    "koreacentral",
    "southeastasia",
    "southindia",
    "southafricanorth",
    "uaenorth",
];

/** S4 GlobalStandard of the 2024 models (as 2025 but no southeastasia): o1, o3-mini, gpt-4o 2024-11-20, gpt-4o-mini. */
const GLOBAL_STANDARD_2024: readonly string[] = [
    "brazilsouth",
    "canadaeast",
    "centralus",
    "eastus",
    "eastus2",
    "northcentralus",
    "southcentralus",
    "westus",
    "westus3",
    "francecentral",
    "germanywestcentral",
    "italynorth",
    "norwayeast",
    "polandcentral",
    "spaincentral",
    "swedencentral",
    "switzerlandnorth",
    "uksouth",
    "westeurope",
    "australiaeast",
    "japaneast",
    "koreacentral",
    "southindia",
    "southafricanorth",
    "uaenorth",
];

/** S4 GlobalStandard of gpt-4o 2024-05-13 and 2024-08-06 (as 2024 but no italynorth). */
const GLOBAL_STANDARD_GPT_4O_EARLY: readonly string[] = [
    "brazilsouth",
    "canadaeast",
    "centralus",
    "eastus",
    "eastus2",
    "northcentralus",
    "southcentralus",
    "westus",
    "westus3",
    "francecentral",
    "germanywestcentral",
    "norwayeast",
    "polandcentral",
    "spaincentral",
    "swedencentral",
    "switzerlandnorth",
    "uksouth",
    "westeurope",
    "australiaeast",
    "japaneast",
    "koreacentral",
    "southindia",
    "southafricanorth",
    "uaenorth",
];

/** S6 (2026-08-28) GlobalBatch: identical in every table that has the SKU. */
const GLOBAL_BATCH: readonly string[] = [
    "brazilsouth",
    "canadaeast",
    "centralus",
    "eastus",
    "eastus2",
    "northcentralus",
    "southcentralus",
    "westus",
    "westus3",
    "francecentral",
    "germanywestcentral",
    "norwayeast",
    "polandcentral",
    "swedencentral",
    "switzerlandnorth",
    "uksouth",
    "westeurope",
    "australiaeast",
    "japaneast",
    "koreacentral",
    "southindia",
    "southafricanorth",
];

/** US data zone, all 7 regions (§2; DataZoneStandard and DataZoneBatch tables). */
const US_DATA_ZONE: readonly string[] = [
    "centralus",
    "eastus",
    "eastus2",
    "northcentralus",
    "southcentralus",
    "westus",
    "westus3",
];

/** US data zone as the S5 DataZoneProvisionedManaged tables list it (no centralus). */
const US_DATA_ZONE_PROVISIONED: readonly string[] = [
    "eastus",
    "eastus2",
    "northcentralus",
    "southcentralus",
    "westus",
    "westus3",
];

/** EU data zone as most tables list it (DataZoneStandard, and DataZoneProvisionedManaged of the newer models). */
const EU_DATA_ZONE: readonly string[] = [
    "francecentral",
    "germanywestcentral",
    "italynorth",
    "polandcentral",
    "spaincentral",
    "swedencentral",
    "westeurope",
];

/** EU data zone without italynorth (gpt-4o 2024-05-13 / 2024-08-06 DataZoneStandard; older DataZoneProvisioned). */
const EU_DATA_ZONE_NO_ITALYNORTH: readonly string[] = [
    "francecentral",
    "germanywestcentral",
    "polandcentral",
    "spaincentral",
    "swedencentral",
    "westeurope",
];

/** EU data zone with norwayeast and switzerlandnorth (S4 2026-10-05 DataZoneStandard of gpt-5.6 / gpt-6 models). */
const EU_DATA_ZONE_2026_10: readonly string[] = [
    "francecentral",
    "germanywestcentral",
    "italynorth",
    "norwayeast",
    "polandcentral",
    "spaincentral",
    "swedencentral",
    "switzerlandnorth",
    "westeurope",
];

/** EU data zone with northeurope too (S4 2026-10-05 DataZoneStandard of gpt-5.4 and gpt-5.5). */
const EU_DATA_ZONE_2026_10_NORTHEUROPE: readonly string[] = [
    "francecentral",
    "germanywestcentral",
    "italynorth",
    "northeurope",
    "norwayeast",
    "polandcentral",
    "spaincentral",
    "swedencentral",
    "switzerlandnorth",
    "westeurope",
];

/** EU data zone in the S6 DataZoneBatch tables. */
const EU_DATA_ZONE_BATCH: readonly string[] = [
    "francecentral",
    "germanywestcentral",
    "polandcentral",
    "swedencentral",
    "westeurope",
];

/** Asia-Pacific data zone (S4 2026-10-05 only; §2, §9.7). */
const APAC_DATA_ZONE: readonly string[] = ["australiaeast", "japaneast", "koreacentral", "southeastasia", "southindia"];

/** US + EU DataZoneStandard, the most common DataZoneStandard table (S4). */
const DATA_ZONE_STANDARD_US_EU: readonly string[] = [...US_DATA_ZONE, ...EU_DATA_ZONE];

/** US + EU (2026-10, with norwayeast and switzerlandnorth) DataZoneStandard (S4). */
const DATA_ZONE_STANDARD_US_EU_2026_10: readonly string[] = [...US_DATA_ZONE, ...EU_DATA_ZONE_2026_10];

/** US + EU DataZoneProvisionedManaged (S5, newer models). */
const DATA_ZONE_PROVISIONED_US_EU: readonly string[] = [...US_DATA_ZONE_PROVISIONED, ...EU_DATA_ZONE];

/** US + EU DataZoneProvisionedManaged without italynorth (S5, older models). */
const DATA_ZONE_PROVISIONED_US_EU_NO_ITALYNORTH: readonly string[] = [
    ...US_DATA_ZONE_PROVISIONED,
    ...EU_DATA_ZONE_NO_ITALYNORTH,
];

/** US + EU DataZoneBatch (S6). */
const DATA_ZONE_BATCH_US_EU: readonly string[] = [...US_DATA_ZONE, ...EU_DATA_ZONE_BATCH];

/** Regional Standard set shared by o1, o4-mini, gpt-4o 2024-05-13 and gpt-4o-mini (S4). */
const REGIONAL_STANDARD_US_SWEDEN: readonly string[] = [
    "eastus",
    "eastus2",
    "northcentralus",
    "southcentralus",
    "westus",
    "westus3",
    "swedencentral",
];

/** Regional Standard set with centralus: gpt-5.1 and gpt-4o 2024-08-06 (S4). */
const REGIONAL_STANDARD_US_SWEDEN_CENTRALUS: readonly string[] = ["centralus", ...REGIONAL_STANDARD_US_SWEDEN];

/** GlobalStandard set of every speech-to-text model that has a region row (S4). */
const SPEECH_GLOBAL_STANDARD: readonly string[] = [
    "canadacentral",
    "centralus",
    "eastus2",
    "francecentral",
    "swedencentral",
    "southindia",
];

/** GlobalStandard set of every image model that has a region row (S4). */
const IMAGE_GLOBAL_STANDARD: readonly string[] = ["eastus2", "westus3", "polandcentral", "swedencentral", "uaenorth"];

// ---------------------------------------------------------------------------------------------------------------
// The catalog. Lifecycle: reference §3 (stage / Retires / Replacement from S1 2026-10-05; Deprecation from S2 where it
// is a concrete date). Regions: §4. PTU sizing: §6 (S17, S17a). Conflicts between doc versions: §9.
// Note: S2's "no new customers" dates predate S1; where S1 still says GA or Legacy the S1 stage is the newer fact.
// ---------------------------------------------------------------------------------------------------------------

export const MODEL_CATALOG: readonly CatalogModel[] = [
    // ---- Reasoning: o-series (reference §3.1 lifecycle, §4.1 regions, §6 PTU sizing) ----
    {
        format: "OpenAI",
        name: "o1",
        version: "2024-12-17",
        family: "reasoning",
        deploymentTypes: {
            GlobalStandard: GLOBAL_STANDARD_2024,
            DataZoneStandard: DATA_ZONE_STANDARD_US_EU,
            Standard: REGIONAL_STANDARD_US_SWEDEN,
            GlobalProvisionedManaged: GLOBAL_PROVISIONED,
            DataZoneProvisionedManaged: DATA_ZONE_PROVISIONED_US_EU_NO_ITALYNORTH,
            ProvisionedManaged: ["westus3", "uksouth", "japaneast", "uaenorth"],
        },
        lifecycle: {
            stage: "Deprecated",
            deprecationDate: "2025-12-17",
            // §9.1: earlier retirement values 2026-07-15 (S2, replacement o3), 2026-09-16 (S1a), 2026-10-21 (S1c).
            retirementDate: "2026-11-19",
            replacement: "gpt-5.6-sol",
        },
        access: "open", // S9: "no longer restricted".
        provisioned: { globalMinimum: 15, globalIncrement: 5, regionalMinimum: 25, regionalIncrement: 50 },
        sources: ["S1", "S2", "S4", "S5", "S9", "S17"],
        note: "Retirement date 2026-11-19 has passed; the region tables still list it, so treat it as not deployable.",
    },
    {
        format: "OpenAI",
        name: "o1-mini",
        version: "2024-09-12",
        family: "reasoning",
        deploymentTypes: {},
        // Safer reading: absent from every 2026 retirement schedule (S1, S1a, S1b, S1c) and region table (S4, S5, S6),
        // so treated as retired; no retirement date is published.
        lifecycle: { stage: "Retired" },
        // S7: GlobalStandard was open to all; regional Standard only for customers of the o1-preview limited release.
        access: "open",
        sources: ["S1", "S4", "S7"],
        note:
            "No region rows are published and it is absent from every 2026 schedule and region table, " +
            "so it is treated as not deployable.",
    },
    {
        format: "OpenAI",
        name: "o1-preview",
        version: "2024-09-12",
        family: "reasoning",
        deploymentTypes: {},
        lifecycle: { stage: "Retired", retirementDate: "2025-07-28", replacement: "o1" },
        access: "limited-access", // Was limited access while it was offered.
        sources: ["S12"],
        note: "Retired on 2025-07-28; no region rows are published.",
    },
    {
        format: "OpenAI",
        name: "o3-mini",
        version: "2025-01-31",
        family: "reasoning",
        deploymentTypes: {
            GlobalStandard: GLOBAL_STANDARD_2024,
            DataZoneStandard: DATA_ZONE_STANDARD_US_EU,
            GlobalProvisionedManaged: GLOBAL_PROVISIONED,
            DataZoneProvisionedManaged: DATA_ZONE_PROVISIONED_US_EU_NO_ITALYNORTH,
            ProvisionedManaged: [
                "canadaeast",
                "eastus2",
                "southcentralus",
                "swedencentral",
                "switzerlandnorth",
                "australiaeast",
                "japaneast",
                "koreacentral",
                "southindia",
                "uaenorth",
            ],
            GlobalBatch: GLOBAL_BATCH,
            DataZoneBatch: US_DATA_ZONE,
        },
        lifecycle: {
            stage: "Deprecated",
            deprecationDate: "2026-01-31",
            // §9.1: earlier retirement 2026-08-02 (S2), then 2026-10-01 (S1a, S1c) with replacement o4-mini.
            retirementDate: "2026-11-19",
            replacement: "gpt-5.6-terra",
        },
        access: "open",
        provisioned: { globalMinimum: 15, globalIncrement: 5, regionalMinimum: 25, regionalIncrement: 25 },
        sources: ["S1", "S2", "S4", "S5", "S6", "S9", "S17"],
        note: "Retirement date 2026-11-19 has passed; the region tables still list it, so treat it as not deployable.",
    },
    {
        format: "OpenAI",
        name: "o3",
        version: "2025-04-16",
        family: "reasoning",
        deploymentTypes: {
            GlobalStandard: GLOBAL_STANDARD_2025,
            DataZoneStandard: DATA_ZONE_STANDARD_US_EU,
            GlobalProvisionedManaged: GLOBAL_PROVISIONED,
            DataZoneProvisionedManaged: DATA_ZONE_PROVISIONED_US_EU,
            ProvisionedManaged: [
                "eastus",
                "eastus2",
                "northcentralus",
                "southcentralus",
                "westus",
                "westus3",
                "westeurope",
                "australiaeast",
            ],
            GlobalBatch: GLOBAL_BATCH,
            DataZoneBatch: DATA_ZONE_BATCH_US_EU,
        },
        lifecycle: {
            stage: "Deprecated",
            deprecationDate: "2026-04-16",
            // §9.1: earlier retirement 2026-10-16 (S2, S1a), then 2026-10-21 (S1c).
            retirementDate: "2026-11-19",
            replacement: "gpt-5.6-sol",
        },
        access: "limited-access", // S9: o3 registration form; streaming for o3 is itself limited access.
        provisioned: { globalMinimum: 15, globalIncrement: 5, regionalMinimum: 50, regionalIncrement: 50 },
        sources: ["S1", "S2", "S4", "S5", "S6", "S9", "S17"],
        note: "Retirement date 2026-11-19 has passed; the region tables still list it, so treat it as not deployable.",
    },
    {
        format: "OpenAI",
        name: "o4-mini",
        version: "2025-04-16",
        family: "reasoning",
        deploymentTypes: {
            GlobalStandard: GLOBAL_STANDARD_2025,
            DataZoneStandard: DATA_ZONE_STANDARD_US_EU,
            Standard: REGIONAL_STANDARD_US_SWEDEN,
            GlobalProvisionedManaged: GLOBAL_PROVISIONED,
            DataZoneProvisionedManaged: DATA_ZONE_PROVISIONED_US_EU,
            ProvisionedManaged: [
                "centralus",
                "eastus",
                "eastus2",
                "northcentralus",
                "southcentralus",
                "westus",
                "westus3",
                "westeurope",
                "japaneast",
            ],
            GlobalBatch: GLOBAL_BATCH,
            DataZoneBatch: DATA_ZONE_BATCH_US_EU,
        },
        lifecycle: {
            stage: "Deprecated",
            deprecationDate: "2026-04-16",
            // §9.1: earlier retirement 2026-10-16 (S2, S1a, S1c); 2027-10-16 (S1b, probably the fine-tuning date).
            retirementDate: "2026-11-19",
            replacement: "gpt-5.6-terra",
        },
        access: "open", // S9: open for core use; reasoning summaries need limited-access registration.
        provisioned: { globalMinimum: 15, globalIncrement: 5, regionalMinimum: 25, regionalIncrement: 25 },
        sources: ["S1", "S2", "S4", "S5", "S6", "S9", "S17"],
        note: "Retirement date 2026-11-19 has passed; the region tables still list it, so treat it as not deployable.",
    },

    // ---- Reasoning: GPT-5 / 5.1 / 5.2 (reference §3.1 lifecycle, §4.1 regions, §6 PTU sizing) ----
    {
        format: "OpenAI",
        name: "gpt-5",
        version: "2025-08-07",
        family: "reasoning",
        deploymentTypes: {
            GlobalStandard: GLOBAL_STANDARD_2025,
            DataZoneStandard: DATA_ZONE_STANDARD_US_EU,
            GlobalProvisionedManaged: GLOBAL_PROVISIONED,
            DataZoneProvisionedManaged: DATA_ZONE_PROVISIONED_US_EU,
            ProvisionedManaged: [
                "canadaeast",
                "centralus",
                "eastus",
                "eastus2",
                "northcentralus",
                "southcentralus",
                "westus",
                "westus3",
                "uksouth",
                "australiaeast",
                "japaneast",
                "koreacentral",
                "southindia",
            ],
            GlobalBatch: GLOBAL_BATCH,
            DataZoneBatch: US_DATA_ZONE,
        },
        lifecycle: {
            stage: "GA",
            deprecationDate: "2026-08-07", // S2 planned date; S1 (newer) still lists the model as GA.
            retirementDate: "2027-02-09", // §9.1: earlier 2027-02-06 (S2, S1a).
        },
        access: "open", // S9: "no longer restricted".
        provisioned: { globalMinimum: 15, globalIncrement: 5, regionalMinimum: 50, regionalIncrement: 50 },
        sources: ["S1", "S2", "S4", "S5", "S6", "S9", "S17"],
    },
    {
        format: "OpenAI",
        name: "gpt-5-mini",
        version: "2025-08-07",
        family: "reasoning",
        deploymentTypes: {
            GlobalStandard: GLOBAL_STANDARD_2025,
            DataZoneStandard: DATA_ZONE_STANDARD_US_EU,
            GlobalProvisionedManaged: GLOBAL_PROVISIONED,
            DataZoneProvisionedManaged: DATA_ZONE_PROVISIONED_US_EU,
            ProvisionedManaged: [
                "canadaeast",
                "eastus2",
                "westus3",
                "swedencentral",
                "uksouth",
                "australiaeast",
                "japaneast",
                "koreacentral",
                "southindia",
                "uaenorth",
            ],
        },
        lifecycle: {
            stage: "GA",
            deprecationDate: "2026-08-07", // S2 planned date; S1 (newer) still lists the model as GA.
            retirementDate: "2027-02-09", // §9.1: earlier 2027-02-06 (S2, S1a).
        },
        access: "open",
        provisioned: { globalMinimum: 15, globalIncrement: 5, regionalMinimum: 25, regionalIncrement: 25 },
        sources: ["S1", "S2", "S4", "S5", "S9", "S17"],
    },
    {
        format: "OpenAI",
        name: "gpt-5-nano",
        version: "2025-08-07",
        family: "reasoning",
        deploymentTypes: {
            GlobalStandard: GLOBAL_STANDARD_2025,
            DataZoneStandard: DATA_ZONE_STANDARD_US_EU,
        },
        lifecycle: {
            stage: "GA",
            deprecationDate: "2026-08-07", // S2 planned date; S1 (newer) still lists the model as GA.
            retirementDate: "2027-02-09", // §9.1: earlier 2027-02-06 (S2, S1a).
        },
        access: "open",
        sources: ["S1", "S2", "S4", "S9"],
    },
    {
        format: "OpenAI",
        name: "gpt-5.1",
        version: "2025-11-13",
        family: "reasoning",
        deploymentTypes: {
            GlobalStandard: GLOBAL_STANDARD_2026_10,
            DataZoneStandard: [...US_DATA_ZONE, "francecentral", "swedencentral"],
            Standard: REGIONAL_STANDARD_US_SWEDEN_CENTRALUS,
            GlobalProvisionedManaged: GLOBAL_PROVISIONED,
            DataZoneProvisionedManaged: DATA_ZONE_PROVISIONED_US_EU,
            ProvisionedManaged: [
                "canadaeast",
                "eastus",
                "eastus2",
                "westus3",
                "swedencentral",
                "switzerlandnorth",
                "uksouth",
                "australiaeast",
                "southindia",
                "uaenorth",
            ],
            GlobalBatch: GLOBAL_BATCH,
            DataZoneBatch: US_DATA_ZONE,
        },
        lifecycle: {
            stage: "GA",
            deprecationDate: "2026-11-13", // S2 planned date; S1 (newer) still lists the model as GA.
            retirementDate: "2027-05-15",
        },
        access: "open", // S9: "no longer restricted".
        provisioned: { globalMinimum: 15, globalIncrement: 5, regionalMinimum: 50, regionalIncrement: 50 },
        sources: ["S1", "S2", "S4", "S5", "S6", "S9", "S17"],
        note: "reasoning_effort defaults to none.",
    },
    {
        format: "OpenAI",
        name: "gpt-5.2",
        version: "2025-12-11",
        family: "reasoning",
        deploymentTypes: {
            GlobalStandard: GLOBAL_STANDARD_2026_10,
            DataZoneStandard: [...US_DATA_ZONE, ...APAC_DATA_ZONE],
            GlobalProvisionedManaged: GLOBAL_PROVISIONED,
            DataZoneProvisionedManaged: DATA_ZONE_PROVISIONED_US_EU,
            ProvisionedManaged: [
                "canadacentral",
                "canadaeast",
                "westus",
                "westus3",
                "swedencentral",
                "uksouth",
                "australiaeast",
                "japaneast",
                "koreacentral",
            ],
        },
        // S2's deprecation is only "no earlier than 2026-12-12", so no deprecationDate.
        // §9.1: earlier retirement 2026-12-12 (S1a, S1b); "no earlier than 2027-05-12" (S2).
        lifecycle: { stage: "GA", retirementDate: "2027-06-08" },
        access: "limited-access", // S9: gpt5 form; no new request if the subscription already has any LA model.
        provisioned: { globalMinimum: 15, globalIncrement: 5, regionalMinimum: 50, regionalIncrement: 50 },
        sources: ["S1", "S2", "S4", "S5", "S9", "S17"],
    },

    // ---- Reasoning: GPT-5.4 / 5.5 (reference §3.1 lifecycle, §4.1 regions, §6 PTU sizing) ----
    {
        format: "OpenAI",
        name: "gpt-5.4",
        version: "2026-03-05",
        family: "reasoning",
        deploymentTypes: {
            GlobalStandard: GLOBAL_STANDARD_2026_10_NORTHEUROPE,
            DataZoneStandard: [...US_DATA_ZONE, ...EU_DATA_ZONE_2026_10_NORTHEUROPE, ...APAC_DATA_ZONE],
            GlobalProvisionedManaged: GLOBAL_PROVISIONED,
            DataZoneProvisionedManaged: DATA_ZONE_PROVISIONED_US_EU,
            ProvisionedManaged: ["uksouth", "australiaeast", "japaneast"],
            GlobalBatch: GLOBAL_BATCH,
            DataZoneBatch: US_DATA_ZONE,
        },
        lifecycle: { stage: "GA", retirementDate: "2027-09-02" }, // §9.1: earlier 2027-03-05 (S1a, S1b).
        access: "limited-access", // S9: gpt53codex form; no new request if the subscription already has any LA model.
        provisioned: { globalMinimum: 15, globalIncrement: 5, regionalMinimum: 50, regionalIncrement: 50 },
        sources: ["S1", "S4", "S5", "S6", "S9", "S17"],
    },
    {
        format: "OpenAI",
        name: "gpt-5.4-mini",
        version: "2026-03-17",
        family: "reasoning",
        deploymentTypes: {
            GlobalStandard: GLOBAL_STANDARD_2026_10_NORTHEUROPE,
            DataZoneStandard: [...US_DATA_ZONE, ...EU_DATA_ZONE_2026_10, ...APAC_DATA_ZONE],
            GlobalProvisionedManaged: [
                "brazilsouth",
                "canadacentral",
                "canadaeast",
                "centralus",
                "eastus",
                "eastus2",
                "northcentralus",
                "southcentralus",
                "westus",
                "westus3",
            ],
            DataZoneProvisionedManaged: US_DATA_ZONE_PROVISIONED,
            ProvisionedManaged: ["westus3", "japaneast", "southeastasia", "southindia"],
            GlobalBatch: GLOBAL_BATCH,
            DataZoneBatch: US_DATA_ZONE,
        },
        lifecycle: { stage: "GA", retirementDate: "2027-09-21" }, // §9.1: earlier 2027-03-18.
        access: "open",
        provisioned: { globalMinimum: 15, globalIncrement: 5, regionalMinimum: 25, regionalIncrement: 25 },
        sources: ["S1", "S4", "S5", "S6", "S9", "S17"],
    },
    {
        format: "OpenAI",
        name: "gpt-5.4-nano",
        version: "2026-03-17",
        family: "reasoning",
        deploymentTypes: {
            GlobalStandard: GLOBAL_STANDARD_2026_10_NORTHEUROPE,
            DataZoneStandard: [...US_DATA_ZONE, "northeurope"],
        },
        lifecycle: { stage: "GA", retirementDate: "2027-09-21" }, // §9.1: earlier 2027-03-18.
        access: "open",
        sources: ["S1", "S4", "S9"],
    },
    {
        format: "OpenAI",
        name: "gpt-5.4-pro",
        version: "2026-03-05",
        family: "reasoning",
        deploymentTypes: {
            GlobalStandard: GLOBAL_STANDARD_2026_10_NORTHEUROPE,
        },
        lifecycle: { stage: "GA", retirementDate: "2027-09-07" }, // §9.1: earlier 2027-03-06.
        access: "limited-access", // S9.
        sources: ["S1", "S4", "S9"],
        note: "Responses API only.",
    },
    {
        format: "OpenAI",
        name: "gpt-5.5",
        version: "2026-04-24",
        family: "reasoning",
        deploymentTypes: {
            GlobalStandard: GLOBAL_STANDARD_2026_10_NORTHEUROPE,
            DataZoneStandard: [...US_DATA_ZONE, ...EU_DATA_ZONE_2026_10_NORTHEUROPE],
            GlobalProvisionedManaged: GLOBAL_PROVISIONED,
            DataZoneProvisionedManaged: US_DATA_ZONE_PROVISIONED,
            ProvisionedManaged: ["eastus"],
        },
        lifecycle: { stage: "GA", retirementDate: "2027-10-26" }, // §9.1: earlier 2027-04-23 (S1a).
        access: "quota-tier",
        provisioned: { globalMinimum: 15, globalIncrement: 5, regionalMinimum: 50, regionalIncrement: 50 },
        sources: ["S1", "S4", "S5", "S14", "S17"],
    },

    // ---- Reasoning: GPT-5.6 (reference §3.1 lifecycle, §4.1 regions) ----
    // S5 (2026-05-11) predates gpt-5.6, so no provisioned rows: S17a's PTU sizing (15/5, 50/50) is not attached
    // and only a secondary note (§9.10) shows provisioned SKUs for them.
    {
        format: "OpenAI",
        name: "gpt-5.6-luna",
        version: "2026-07-09",
        family: "reasoning",
        deploymentTypes: {
            GlobalStandard: GLOBAL_STANDARD_2026_10,
            DataZoneStandard: DATA_ZONE_STANDARD_US_EU_2026_10,
        },
        lifecycle: { stage: "GA", retirementDate: "2028-01-11" },
        access: "quota-tier",
        sources: ["S1", "S4", "S14"],
    },
    {
        format: "OpenAI",
        name: "gpt-5.6-sol",
        version: "2026-07-09",
        family: "reasoning",
        deploymentTypes: {
            GlobalStandard: GLOBAL_STANDARD_2026_10,
            DataZoneStandard: [...US_DATA_ZONE, ...EU_DATA_ZONE_2026_10, ...APAC_DATA_ZONE],
        },
        lifecycle: { stage: "GA", retirementDate: "2028-01-11" },
        access: "quota-tier",
        sources: ["S1", "S3", "S4", "S14"],
        note: "Auto-upgrade target for o1, o3 and gpt-4o 2024-05-13.",
    },
    {
        format: "OpenAI",
        name: "gpt-5.6-terra",
        version: "2026-07-09",
        family: "reasoning",
        deploymentTypes: {
            GlobalStandard: GLOBAL_STANDARD_2026_10,
            DataZoneStandard: DATA_ZONE_STANDARD_US_EU_2026_10,
        },
        lifecycle: { stage: "GA", retirementDate: "2028-01-11" },
        access: "quota-tier",
        sources: ["S1", "S4", "S14"],
        note: "Replacement for o3-mini and o4-mini.",
    },

    // ---- Reasoning: other GPT-5.x variants and codex (reference §3.1 list, §4.1 "SKU coverage only", §6) ----
    // The reference gives these regions as prose, not tables: "every GlobalStandard region, including canadacentral
    // and switzerlandwest", northeurope only for gpt-5.4-pro, so they get the 28-region 2026-10 set.
    {
        format: "OpenAI",
        name: "gpt-5-pro",
        version: "2025-10-06",
        family: "reasoning",
        deploymentTypes: {
            GlobalStandard: GLOBAL_STANDARD_2026_10,
        },
        lifecycle: { stage: "GA", retirementDate: "2027-04-07" },
        access: "open", // The reference names no gate for it.
        sources: ["S1", "S4"],
    },
    {
        format: "OpenAI",
        name: "gpt-5-codex",
        version: "2025-09-15",
        family: "reasoning",
        deploymentTypes: {
            GlobalStandard: GLOBAL_STANDARD_2026_10,
        },
        lifecycle: { stage: "GA", retirementDate: "2027-03-17" },
        access: "open", // The reference names no gate for it.
        sources: ["S1", "S4"],
    },
    {
        format: "OpenAI",
        name: "gpt-5.1-codex",
        version: "2025-11-13",
        family: "reasoning",
        deploymentTypes: {
            GlobalStandard: GLOBAL_STANDARD_2026_10,
            GlobalProvisionedManaged: GLOBAL_PROVISIONED,
            // "US and EU" without a list; the narrower S5 EU set (no italynorth) is used as the safer reading.
            DataZoneProvisionedManaged: DATA_ZONE_PROVISIONED_US_EU_NO_ITALYNORTH,
        },
        lifecycle: { stage: "GA", retirementDate: "2027-05-15" },
        access: "open", // The reference names no gate for it.
        provisioned: { globalMinimum: 15, globalIncrement: 5, regionalMinimum: 50, regionalIncrement: 50 },
        sources: ["S1", "S4", "S5", "S17"],
    },
    {
        format: "OpenAI",
        name: "gpt-5.1-codex-mini",
        version: "2025-11-13",
        family: "reasoning",
        deploymentTypes: {
            GlobalStandard: GLOBAL_STANDARD_2026_10,
        },
        lifecycle: { stage: "GA", retirementDate: "2027-05-15" },
        access: "open", // The reference names no gate for it.
        sources: ["S1", "S4"],
    },
    {
        format: "OpenAI",
        name: "gpt-5.1-codex-max",
        version: "2025-12-04",
        family: "reasoning",
        deploymentTypes: {
            GlobalStandard: GLOBAL_STANDARD_2026_10,
        },
        lifecycle: { stage: "GA", retirementDate: "2027-05-18" },
        access: "open", // The reference names no gate for it.
        sources: ["S1", "S4"],
    },
    {
        format: "OpenAI",
        name: "gpt-5.2-codex",
        version: "2026-01-14",
        family: "reasoning",
        deploymentTypes: {
            // "All listed regions"; whether northeurope is included is not stated, so it is left out (safer).
            GlobalStandard: GLOBAL_STANDARD_2026_10,
            GlobalProvisionedManaged: GLOBAL_PROVISIONED,
        },
        lifecycle: { stage: "GA", retirementDate: "2027-07-13" },
        access: "limited-access", // S9; no new request if the subscription already has any LA model.
        provisioned: { globalMinimum: 15, globalIncrement: 5, regionalMinimum: 50, regionalIncrement: 50 },
        sources: ["S1", "S4", "S5", "S9", "S17"],
    },
    {
        format: "OpenAI",
        name: "gpt-5.3-codex",
        version: "2026-02-24",
        family: "reasoning",
        deploymentTypes: {
            // "All regions"; whether northeurope is included is not stated, so it is left out (safer).
            GlobalStandard: GLOBAL_STANDARD_2026_10,
            DataZoneStandard: [...US_DATA_ZONE, ...APAC_DATA_ZONE],
            GlobalProvisionedManaged: GLOBAL_PROVISIONED,
            ProvisionedManaged: ["uksouth"],
        },
        lifecycle: { stage: "GA", retirementDate: "2027-08-24" },
        access: "limited-access", // S9; no new request if the subscription already has any LA model.
        provisioned: { globalMinimum: 15, globalIncrement: 5, regionalMinimum: 50, regionalIncrement: 50 },
        sources: ["S1", "S4", "S5", "S9", "S17"],
    },
    {
        format: "OpenAI",
        name: "codex-mini",
        version: "2025-05-16",
        family: "reasoning",
        deploymentTypes: {},
        lifecycle: { stage: "Deprecated", retirementDate: "2026-11-15" },
        access: "open", // The reference names no gate for it.
        sources: ["S1"],
        note: "No region rows are published; its retirement date 2026-11-15 has passed.",
    },

    // ---- Reasoning: GPT-6 / 6.1 (reference §3.1, §4.6 regions, §9.8) ----
    // Absent from the retirement schedule (S1); a secondary note calls them preview, so stage "Preview" (the safer
    // reading) with no dates. No provisioned rows (S5 predates them), so S17a's PTU sizing is not attached.
    {
        format: "OpenAI",
        name: "gpt-6-astra",
        version: "2026-09-03",
        family: "reasoning",
        deploymentTypes: {
            GlobalStandard: GLOBAL_STANDARD_2026_10,
            DataZoneStandard: US_DATA_ZONE,
        },
        lifecycle: { stage: "Preview" },
        access: "quota-tier",
        sources: ["S4", "S7a", "S14"],
        note: "Not in Microsoft's retirement schedule, so its lifecycle is unknown; treated as preview.",
    },
    {
        format: "OpenAI",
        name: "gpt-6-luna",
        version: "2026-09-22",
        family: "reasoning",
        deploymentTypes: {
            GlobalStandard: GLOBAL_STANDARD_2026_10,
            DataZoneStandard: DATA_ZONE_STANDARD_US_EU_2026_10,
        },
        lifecycle: { stage: "Preview" },
        access: "quota-tier",
        sources: ["S4", "S7a", "S14"],
        note: "Not in Microsoft's retirement schedule, so its lifecycle is unknown; treated as preview.",
    },
    {
        format: "OpenAI",
        name: "gpt-6-sol",
        version: "2026-09-22",
        family: "reasoning",
        deploymentTypes: {
            GlobalStandard: GLOBAL_STANDARD_2026_10,
            DataZoneStandard: DATA_ZONE_STANDARD_US_EU_2026_10,
        },
        lifecycle: { stage: "Preview" },
        access: "quota-tier",
        sources: ["S4", "S7a", "S14"],
        note: "Not in Microsoft's retirement schedule, so its lifecycle is unknown; treated as preview.",
    },
    {
        format: "OpenAI",
        name: "gpt-6.1-sol",
        version: "2026-09-29",
        family: "reasoning",
        deploymentTypes: {
            GlobalStandard: GLOBAL_STANDARD_2026_10,
            DataZoneStandard: [...US_DATA_ZONE, ...EU_DATA_ZONE_2026_10, ...APAC_DATA_ZONE],
        },
        lifecycle: { stage: "Preview" },
        access: "quota-tier", // Assumed: the reference infers the gate from the rest of the gpt-6 family.
        sources: ["S4", "S7a"],
        note: "Not in Microsoft's retirement schedule, so its lifecycle is unknown; treated as preview.",
    },

    // ---- Chat / multimodal: GPT-4o, GPT-4o mini, GPT-4.1 (reference §3.2 lifecycle, §4.2 regions, §6) ----
    {
        format: "OpenAI",
        name: "gpt-4o",
        version: "2024-05-13",
        family: "chat",
        deploymentTypes: {
            GlobalStandard: GLOBAL_STANDARD_GPT_4O_EARLY,
            DataZoneStandard: [...US_DATA_ZONE, ...EU_DATA_ZONE_NO_ITALYNORTH],
            Standard: REGIONAL_STANDARD_US_SWEDEN,
            GlobalProvisionedManaged: GLOBAL_PROVISIONED,
            DataZoneProvisionedManaged: DATA_ZONE_PROVISIONED_US_EU_NO_ITALYNORTH,
            ProvisionedManaged: [
                "brazilsouth",
                "canadacentral",
                "canadaeast",
                "centralus",
                "eastus",
                "eastus2",
                "northcentralus",
                "southcentralus",
                "westus",
                "westus3",
                "francecentral",
                "germanywestcentral",
                "norwayeast",
                "polandcentral",
                "spaincentral",
                "swedencentral",
                "switzerlandnorth",
                "uksouth",
                "australiaeast",
                "japaneast",
                "koreacentral",
                "southindia",
                "southafricanorth",
                "uaenorth",
            ],
            GlobalBatch: GLOBAL_BATCH,
        },
        lifecycle: {
            stage: "Deprecated",
            deprecationDate: "2025-05-13",
            // §9.1/§9.4: S2 gave the Standard SKU 2026-03-31 and other SKUs 2026-10-01; later 2027-03-31 (S1b),
            // 2026-10-01 (S1a, S1c). S1 now gives one date for every SKU.
            retirementDate: "2026-12-09",
            replacement: "gpt-5.6-sol",
        },
        access: "open",
        provisioned: { globalMinimum: 15, globalIncrement: 5, regionalMinimum: 50, regionalIncrement: 50 },
        sources: ["S1", "S2", "S3", "S4", "S5", "S6", "S17"],
        note: "At retirement, Standard deployments auto-upgrade to gpt-5.6-sol (S3); provisioned ones do not.",
    },
    {
        format: "OpenAI",
        name: "gpt-4o",
        version: "2024-08-06",
        family: "chat",
        deploymentTypes: {
            GlobalStandard: GLOBAL_STANDARD_GPT_4O_EARLY,
            DataZoneStandard: [...US_DATA_ZONE, ...EU_DATA_ZONE_NO_ITALYNORTH],
            Standard: REGIONAL_STANDARD_US_SWEDEN_CENTRALUS,
            GlobalProvisionedManaged: GLOBAL_PROVISIONED,
            DataZoneProvisionedManaged: DATA_ZONE_PROVISIONED_US_EU_NO_ITALYNORTH,
            ProvisionedManaged: [
                "brazilsouth",
                "canadaeast",
                "centralus",
                "eastus",
                "eastus2",
                "northcentralus",
                "southcentralus",
                "westus",
                "westus3",
                "francecentral",
                "germanywestcentral",
                "norwayeast",
                "spaincentral",
                "swedencentral",
                "switzerlandnorth",
                "switzerlandwest",
                "uksouth",
                "australiaeast",
                "japaneast",
                "koreacentral",
                "southeastasia",
                "southindia",
                "uaenorth",
            ],
            GlobalBatch: GLOBAL_BATCH,
            DataZoneBatch: DATA_ZONE_BATCH_US_EU,
        },
        lifecycle: {
            stage: "Deprecated",
            deprecationDate: "2025-08-06",
            // §9.1/§9.4: S2 Standard 2026-03-31 / others 2026-10-01; then 2027-10-01 (S1b), 2026-10-01 (S1a),
            // 2027-04-14 (S1c).
            retirementDate: "2027-04-14",
            replacement: "gpt-5.1",
        },
        access: "open",
        provisioned: { globalMinimum: 15, globalIncrement: 5, regionalMinimum: 50, regionalIncrement: 50 },
        sources: ["S1", "S2", "S4", "S5", "S6", "S17"],
        note: "Open only to subscriptions that already used this version; fine-tuned deployments retire 2027-10-01.",
    },
    {
        format: "OpenAI",
        name: "gpt-4o",
        version: "2024-11-20",
        family: "chat",
        deploymentTypes: {
            GlobalStandard: GLOBAL_STANDARD_2024,
            DataZoneStandard: DATA_ZONE_STANDARD_US_EU,
            Standard: [
                "canadaeast",
                "centralus",
                "eastus",
                "eastus2",
                "northcentralus",
                "southcentralus",
                "westus",
                "westus3",
                "francecentral",
                "norwayeast",
                "swedencentral",
                "switzerlandnorth",
                "uksouth",
                "australiaeast",
                "japaneast",
                "southindia",
            ],
            GlobalProvisionedManaged: GLOBAL_PROVISIONED,
            DataZoneProvisionedManaged: DATA_ZONE_PROVISIONED_US_EU_NO_ITALYNORTH,
            ProvisionedManaged: [
                "brazilsouth",
                "canadaeast",
                "centralus",
                "eastus",
                "eastus2",
                "northcentralus",
                "westus",
                "westus3",
                "germanywestcentral",
                "polandcentral",
                "swedencentral",
                "switzerlandnorth",
                "uksouth",
                "westeurope",
                "australiaeast",
                "japaneast",
                "koreacentral",
                "southeastasia",
                "southindia",
                "uaenorth",
            ],
            GlobalBatch: GLOBAL_BATCH,
            DataZoneBatch: DATA_ZONE_BATCH_US_EU,
        },
        lifecycle: {
            stage: "Legacy",
            // S2 planned "no new customers" from 2025-11-20, but the newer S1 (2026-10-05) still lists it as
            // Legacy and it is the only gpt-4o version open to new subscriptions, so no deprecation date is
            // recorded: the newer source is explicit here.
            // §9.1: earlier 2026-06-05, then 2026-10-01 (S2, S1b, S1a), then 2027-04-14 (S1c).
            retirementDate: "2027-04-14",
            replacement: "gpt-5.1",
        },
        access: "open",
        provisioned: { globalMinimum: 15, globalIncrement: 5, regionalMinimum: 50, regionalIncrement: 50 },
        sources: ["S1", "S2", "S4", "S5", "S6", "S17"],
    },
    {
        format: "OpenAI",
        name: "gpt-4o-mini",
        version: "2024-07-18",
        family: "chat",
        deploymentTypes: {
            GlobalStandard: GLOBAL_STANDARD_2024,
            DataZoneStandard: DATA_ZONE_STANDARD_US_EU,
            Standard: REGIONAL_STANDARD_US_SWEDEN,
            GlobalProvisionedManaged: GLOBAL_PROVISIONED,
            DataZoneProvisionedManaged: DATA_ZONE_PROVISIONED_US_EU_NO_ITALYNORTH,
            ProvisionedManaged: [
                "brazilsouth",
                "canadacentral",
                "canadaeast",
                "eastus",
                "eastus2",
                "northcentralus",
                "southcentralus",
                "westus",
                "westus3",
                "francecentral",
                "norwayeast",
                "spaincentral",
                "swedencentral",
                "switzerlandnorth",
                "switzerlandwest",
                "uksouth",
                "australiaeast",
                "japaneast",
                "koreacentral",
                "southeastasia",
                "southindia",
            ],
            GlobalBatch: GLOBAL_BATCH,
            DataZoneBatch: DATA_ZONE_BATCH_US_EU,
        },
        lifecycle: {
            stage: "Deprecated",
            deprecationDate: "2025-07-18",
            // §9.1/§9.4: S2 Standard 2026-03-31 / others 2026-10-01; then 2027-10-01 (S1b), 2026-10-01 (S1a),
            // 2027-04-14 (S1c).
            retirementDate: "2027-04-14",
            // S1 names no replacement; fallback to the earlier schedule's value (itself Deprecated now).
            replacement: "gpt-4.1-mini",
        },
        access: "open",
        provisioned: { globalMinimum: 15, globalIncrement: 5, regionalMinimum: 25, regionalIncrement: 25 },
        sources: ["S1", "S2", "S4", "S5", "S6", "S17"],
        note: "Fine-tuned deployments retire 2027-10-01.",
    },
    {
        format: "OpenAI",
        name: "gpt-4.1",
        version: "2025-04-14",
        family: "chat",
        deploymentTypes: {
            GlobalStandard: GLOBAL_STANDARD_2025,
            DataZoneStandard: DATA_ZONE_STANDARD_US_EU,
            Standard: [...REGIONAL_STANDARD_US_SWEDEN, "switzerlandnorth"],
            GlobalProvisionedManaged: GLOBAL_PROVISIONED,
            DataZoneProvisionedManaged: DATA_ZONE_PROVISIONED_US_EU,
            ProvisionedManaged: [
                "brazilsouth",
                "centralus",
                "eastus",
                "eastus2",
                "northcentralus",
                "southcentralus",
                "westus",
                "westus3",
                "germanywestcentral",
                "swedencentral",
                "switzerlandnorth",
                "uksouth",
                "australiaeast",
                "japaneast",
                "koreacentral",
                "southeastasia",
                "southindia",
                "uaenorth",
            ],
            GlobalBatch: GLOBAL_BATCH,
            DataZoneBatch: DATA_ZONE_BATCH_US_EU,
        },
        lifecycle: {
            stage: "Deprecated",
            deprecationDate: "2026-04-14",
            // §9.2: 2026-10-14 (S2, S1a), 2027-10-14 (S1b), Legacy 2027-04-14 (S1c).
            retirementDate: "2027-04-14",
            // S1 names no replacement; fallback to S2's value (secondary notes say gpt-5.1).
            replacement: "gpt-5",
        },
        access: "open",
        provisioned: { globalMinimum: 15, globalIncrement: 5, regionalMinimum: 50, regionalIncrement: 50 },
        sources: ["S1", "S2", "S4", "S5", "S6", "S17"],
        note: "Provisioned deployments reject prompts of 128K tokens or more unless spillover is configured.",
    },
    {
        format: "OpenAI",
        name: "gpt-4.1-mini",
        version: "2025-04-14",
        family: "chat",
        deploymentTypes: {
            GlobalStandard: GLOBAL_STANDARD_2025,
            DataZoneStandard: DATA_ZONE_STANDARD_US_EU,
            Standard: [
                "canadaeast",
                "eastus",
                "eastus2",
                "northcentralus",
                "southcentralus",
                "westus",
                "westus3",
                "francecentral",
                "swedencentral",
                "switzerlandnorth",
                "uksouth",
                "westeurope",
                "australiaeast",
                "japaneast",
                "southindia",
            ],
            GlobalProvisionedManaged: GLOBAL_PROVISIONED,
            DataZoneProvisionedManaged: DATA_ZONE_PROVISIONED_US_EU_NO_ITALYNORTH,
            ProvisionedManaged: [
                "brazilsouth",
                "eastus",
                "eastus2",
                "northcentralus",
                "southcentralus",
                "westus",
                "westus3",
                "swedencentral",
                "switzerlandnorth",
                "uksouth",
                "australiaeast",
                "japaneast",
                "koreacentral",
                "southindia",
            ],
            GlobalBatch: GLOBAL_BATCH,
            DataZoneBatch: DATA_ZONE_BATCH_US_EU,
        },
        lifecycle: {
            stage: "Deprecated",
            deprecationDate: "2026-04-14",
            // §9.2: 2026-10-14 (S2, S1a), 2027-10-14 (S1b), Legacy 2027-04-14 (S1c).
            retirementDate: "2027-04-14",
            replacement: "gpt-5-mini", // S1 names no replacement; fallback to S2's value.
        },
        access: "open",
        provisioned: { globalMinimum: 15, globalIncrement: 5, regionalMinimum: 25, regionalIncrement: 25 },
        sources: ["S1", "S2", "S4", "S5", "S6", "S17"],
        note: "Provisioned deployments reject prompts of 128K tokens or more unless spillover is configured.",
    },
    {
        format: "OpenAI",
        name: "gpt-4.1-nano",
        version: "2025-04-14",
        family: "chat",
        deploymentTypes: {
            GlobalStandard: GLOBAL_STANDARD_2025,
            DataZoneStandard: DATA_ZONE_STANDARD_US_EU,
            GlobalProvisionedManaged: GLOBAL_PROVISIONED,
            DataZoneProvisionedManaged: DATA_ZONE_PROVISIONED_US_EU,
            ProvisionedManaged: [
                "eastus",
                "eastus2",
                "northcentralus",
                "southcentralus",
                "westus",
                "westus3",
                "swedencentral",
            ],
            GlobalBatch: GLOBAL_BATCH,
            DataZoneBatch: DATA_ZONE_BATCH_US_EU,
        },
        lifecycle: {
            stage: "Deprecated",
            deprecationDate: "2026-04-14",
            // §9.2: 2026-10-14 also in S2 and S1a; 2027-10-14 (S1b); 2027-04-14 Legacy (S1c).
            retirementDate: "2026-10-14",
            replacement: "gpt-5-nano", // S1 names no replacement; fallback to S2's value.
        },
        access: "open",
        provisioned: { globalMinimum: 15, globalIncrement: 5, regionalMinimum: 25, regionalIncrement: 25 },
        sources: ["S1", "S2", "S4", "S5", "S6", "S17"],
        note: "Retirement date 2026-10-14 has passed; the region tables still list it, so treat it as not deployable.",
    },

    // ---- Speech-to-text: Whisper and successors (reference §3.3 lifecycle, §4.3 regions) ----
    {
        format: "OpenAI",
        name: "whisper",
        version: "001",
        family: "speech-to-text",
        deploymentTypes: {
            Standard: [
                "eastus2",
                "northcentralus",
                "norwayeast",
                "swedencentral",
                "switzerlandnorth",
                "westeurope",
                "southindia",
                "uaenorth",
            ],
        },
        // §9.1: S2 gave only "no earlier than" dates; 2026-06-18 (S1b); 2026-12-15 from S1a onward.
        // No replacement is named.
        lifecycle: { stage: "GA", retirementDate: "2026-12-15" },
        access: "open",
        sources: ["S1", "S4", "S13"],
        note: "Regional Standard only; max file 25 MB; default speech-to-text quota is 3 RPM.",
    },
    {
        format: "OpenAI",
        name: "gpt-4o-transcribe",
        version: "2025-03-20",
        family: "speech-to-text",
        deploymentTypes: {
            GlobalStandard: SPEECH_GLOBAL_STANDARD,
        },
        // §9.5: the models page (S7, S7a) still says Preview. §9.1: earlier 2026-06-01 (S1b).
        lifecycle: { stage: "GA", retirementDate: "2026-10-15" },
        access: "open",
        sources: ["S1", "S4"],
        note: "Retirement date 2026-10-15 has passed; the region table still lists it, so treat it as not deployable.",
    },
    {
        format: "OpenAI",
        name: "gpt-4o-mini-transcribe",
        version: "2025-03-20",
        family: "speech-to-text",
        deploymentTypes: {
            GlobalStandard: SPEECH_GLOBAL_STANDARD,
        },
        // §9.5: the models page (S7, S7a) still says Preview. §9.1: earlier 2026-06-01 (S1b).
        lifecycle: { stage: "GA", retirementDate: "2026-10-15" },
        access: "open",
        sources: ["S1", "S4"],
        note: "Retirement date 2026-10-15 has passed; use version 2025-12-15.",
    },
    {
        format: "OpenAI",
        name: "gpt-4o-mini-transcribe",
        version: "2025-12-15",
        family: "speech-to-text",
        deploymentTypes: {
            GlobalStandard: SPEECH_GLOBAL_STANDARD,
        },
        lifecycle: { stage: "GA", retirementDate: "2027-06-15" }, // §9.1: earlier 2026-12-15 (S1b, S1a).
        access: "open",
        sources: ["S1", "S4"],
        note: "The most direct batch-file successor to whisper with a published lifecycle.",
    },
    {
        format: "OpenAI",
        name: "gpt-4o-transcribe-diarize",
        version: "2025-10-15",
        family: "speech-to-text",
        deploymentTypes: {
            GlobalStandard: SPEECH_GLOBAL_STANDARD,
        },
        // §9.1: earlier 2027-04-16 (S2, S1b) and 2026-10-15 (S1a).
        lifecycle: { stage: "GA", retirementDate: "2027-04-15" },
        access: "open",
        sources: ["S1", "S4"],
        note: "Adds speaker diarization.",
    },
    {
        format: "OpenAI",
        name: "gpt-realtime-whisper",
        version: "2026-05-06",
        family: "speech-to-text",
        deploymentTypes: {
            GlobalStandard: SPEECH_GLOBAL_STANDARD,
        },
        lifecycle: { stage: "Preview" }, // Not in S1; no dates published.
        access: "open", // The reference names no gate for it.
        sources: ["S4"],
        note: "Realtime API streaming transcription billed by duration; not in the retirement schedule.",
    },

    // ---- Image generation: DALL-E 3 and gpt-image (reference §3.4 lifecycle, §4.4 regions) ----
    {
        format: "OpenAI",
        name: "dall-e-3",
        version: "3.0",
        family: "image-generation",
        deploymentTypes: {},
        lifecycle: {
            stage: "Retired",
            retirementDate: "2026-03-04", // S11 (actual); §9.18: S2 planned 2026-02-18.
            // S11 names gpt-image-1 or gpt-image-1.5, S2 gpt-image-1-mini; gpt-image-2 is chosen because it is GA
            // without registration (S10).
            replacement: "gpt-image-2",
        },
        access: "open",
        sources: ["S2", "S10", "S11"],
        note: "Retired on 2026-03-04; no region rows are published and existing deployments no longer work.",
    },
    {
        format: "OpenAI",
        name: "gpt-image-1",
        version: "2025-04-15",
        family: "image-generation",
        deploymentTypes: {
            GlobalStandard: IMAGE_GLOBAL_STANDARD,
        },
        // §9.1: S2 gave only "no earlier than 2026-03-31"; 2026-05-15 (S1b).
        lifecycle: { stage: "Preview", retirementDate: "2026-10-23" },
        access: "limited-access", // S10: gpt-image-1 registration form.
        sources: ["S1", "S4", "S10"],
        note: "Retirement date 2026-10-23 has passed; the region table still lists it, so treat it as not deployable.",
    },
    {
        format: "OpenAI",
        name: "gpt-image-1-mini",
        version: "2025-10-06",
        family: "image-generation",
        deploymentTypes: {
            GlobalStandard: IMAGE_GLOBAL_STANDARD,
        },
        lifecycle: {
            stage: "GA",
            deprecationDate: "2026-10-06", // S2 planned date; S1 (newer) still lists the model as GA.
            retirementDate: "2027-04-07",
        },
        // S10 calls the whole gpt-image-1 series limited access but publishes forms only for -1 and -1.5 (§9.16);
        // limited-access is the safer reading.
        access: "limited-access",
        sources: ["S1", "S2", "S4", "S10"],
    },
    {
        format: "OpenAI",
        name: "gpt-image-1.5",
        version: "2025-12-16",
        family: "image-generation",
        deploymentTypes: {
            GlobalStandard: IMAGE_GLOBAL_STANDARD,
            DataZoneStandard: ["eastus2", "westus3", "polandcentral", "swedencentral"],
        },
        // §9.3: 2027-06-16 in S1c; S1 and S1a say 2026-12-16. §9.5: S2 had it as Preview.
        lifecycle: { stage: "GA", retirementDate: "2026-12-16" },
        access: "limited-access", // S10: gpt-image-1.5 registration form.
        sources: ["S1", "S4", "S10"],
        note: "The only image model with a DataZoneStandard region row.",
    },
    {
        format: "OpenAI",
        name: "gpt-image-2",
        version: "2026-04-21",
        family: "image-generation",
        // §9.9: S14 has a DataZoneStandard quota row but S4 has no DataZoneStandard region row, so it is left out.
        // S17a publishes PTU sizing (100/100) but no provisioned region rows exist, so no provisioned types.
        deploymentTypes: {
            GlobalStandard: IMAGE_GLOBAL_STANDARD,
        },
        lifecycle: { stage: "GA", retirementDate: "2027-10-21" }, // §9.1: earlier 2027-04-21 (S1a).
        access: "open", // S10: generally available, no registration.
        sources: ["S1", "S4", "S10"],
        note: "Supports arbitrary image sizes up to 4K.",
    },
    {
        format: "OpenAI",
        name: "gpt-image-2.5-flare",
        version: "2026-09-09",
        family: "image-generation",
        deploymentTypes: {},
        lifecycle: { stage: "GA", retirementDate: "2027-09-09" },
        access: "open", // Not stated in the reference.
        sources: ["S1", "S7a", "S14"],
        note: "No region rows are published (S14 shows a GlobalStandard quota of 5 RPM).",
    },
    {
        format: "OpenAI",
        name: "gpt-image-2.5-sunburst",
        version: "2026-09-09",
        family: "image-generation",
        deploymentTypes: {},
        lifecycle: { stage: "GA", retirementDate: "2027-09-09" },
        access: "open", // Not stated in the reference.
        sources: ["S1", "S7a", "S14"],
        note: "No region rows are published (S14 shows a GlobalStandard quota of 5 RPM).",
    },

    // ---- Embeddings (reference §3.5 lifecycle, §4.5 regions) ----
    // S2 gave only "no earlier than" dates, so no deprecationDate; no replacement is listed. Not in S5 or S6.
    {
        format: "OpenAI",
        name: "text-embedding-3-small",
        version: "1",
        family: "embeddings",
        deploymentTypes: {
            GlobalStandard: GLOBAL_STANDARD_2026_10_NORTHEUROPE,
            DataZoneStandard: DATA_ZONE_STANDARD_US_EU,
            Standard: [
                "canadaeast",
                "eastus",
                "eastus2",
                "westus",
                "switzerlandnorth",
                "australiaeast",
                "japaneast",
                "uaenorth",
            ],
        },
        lifecycle: { stage: "GA", retirementDate: "2028-02-09" }, // §9.1: earlier 2027-04-15 (S1b, S1a).
        access: "open",
        sources: ["S1", "S4"],
        note: "Switching embedding models means re-embedding the data; 1,536 dimensions.",
    },
    {
        format: "OpenAI",
        name: "text-embedding-3-large",
        version: "1",
        family: "embeddings",
        deploymentTypes: {
            GlobalStandard: GLOBAL_STANDARD_2026_10_NORTHEUROPE,
            DataZoneStandard: DATA_ZONE_STANDARD_US_EU,
            Standard: [
                "canadaeast",
                "eastus",
                "eastus2",
                "westus3",
                "francecentral",
                "germanywestcentral",
                "norwayeast",
                "polandcentral",
                "spaincentral",
                "swedencentral",
                "switzerlandnorth",
                "uksouth",
                "australiaeast",
                "japaneast",
                "koreacentral",
                "southeastasia",
                "southindia",
                "southafricanorth",
                "uaenorth",
            ],
        },
        lifecycle: { stage: "GA", retirementDate: "2028-02-09" }, // §9.1: earlier 2027-04-15 (S1b, S1a).
        access: "open",
        sources: ["S1", "S4"],
        note: "Switching embedding models means re-embedding the data; 3,072 dimensions.",
    },
    {
        format: "OpenAI",
        name: "text-embedding-ada-002",
        version: "2",
        family: "embeddings",
        deploymentTypes: {
            GlobalStandard: GLOBAL_STANDARD_2026_10,
            DataZoneStandard: DATA_ZONE_STANDARD_US_EU,
            Standard: [
                "brazilsouth",
                "canadaeast",
                "eastus",
                "eastus2",
                "northcentralus",
                "southcentralus",
                "westus",
                "westus3",
                "francecentral",
                "norwayeast",
                "swedencentral",
                "switzerlandnorth",
                "uksouth",
                "westeurope",
                "australiaeast",
                "japaneast",
                "southindia",
                "southafricanorth",
                "uaenorth",
            ],
        },
        lifecycle: { stage: "GA", retirementDate: "2028-02-09" }, // §9.1: earlier 2027-04-15 (S1b, S1a).
        access: "open",
        sources: ["S1", "S4"],
        note: "Switching embedding models means re-embedding the data; 1,536 dimensions.",
    },
    {
        format: "OpenAI",
        name: "text-embedding-ada-002",
        version: "1",
        family: "embeddings",
        deploymentTypes: {
            Standard: ["eastus", "southcentralus"],
        },
        lifecycle: { stage: "GA", retirementDate: "2028-02-09" }, // §9.1: earlier 2027-04-15 (S1b, S1a).
        access: "open",
        sources: ["S1", "S4"],
        note: "Only 2,046 input tokens; regional Standard in eastus and southcentralus only.",
    },
];

/** Max deployments per resource: 32 (reference §5.1; S13 "standard deployments", S16 the same for Foundry). */
export const MAX_DEPLOYMENTS_PER_ACCOUNT = 32;

function uniqueSorted(lists: readonly (readonly string[] | undefined)[]): readonly string[] {
    return [...new Set(lists.flatMap((list) => list ?? []))].sort();
}

/**
 * Every region named anywhere in this file, sorted and de-duplicated: the union of the §4 region tables (S4
 * 2026-10-05, S5 2026-05-11, S6 2026-08-28). Public-cloud (commercial) Azure only.
 */
export const KNOWN_REGIONS: readonly string[] = uniqueSorted(
    MODEL_CATALOG.flatMap((model) => Object.values(model.deploymentTypes)),
);

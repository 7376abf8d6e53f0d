import {
    checkCatalogAge,
    checkDeployment,
    type DeploymentRequest,
    effectiveStage,
    findModel,
} from "../infra/catalog/lifecycle";
import { CATALOG_FACTS_AS_OF, KNOWN_REGIONS, MODEL_CATALOG, SOURCES } from "../policies/catalog/models";
import { CATALOG_FILE, parseCatalog } from "../policies/catalog/models";
import { tier1QuotaHint } from "../infra/catalog/quota";
import { readFileSync } from "node:fs";

const request = (overrides: Partial<DeploymentRequest>): DeploymentRequest => ({
    key: "regions.eastus2.deployments.d",
    region: "eastus2",
    model: "gpt-5.4-mini",
    version: "2026-03-17",
    deploymentType: "GlobalStandard",
    capacity: 10,
    versionUpgradeOption: "NoAutoUpgrade",
    allowDeprecated: false,
    ...overrides,
});

const day = (iso: string) => new Date(`${iso}T00:00:00Z`);

describe("model catalog data", () => {
    it("has one entry per model and version, each with known sources and regions", () => {
        const keys = MODEL_CATALOG.map((m) => `${m.name}@${m.version}`);
        expect(new Set(keys).size).toBe(keys.length);
        for (const model of MODEL_CATALOG) {
            expect(model.sources.length).toBeGreaterThan(0);
            for (const source of model.sources) {
                expect(SOURCES[source]).toBeDefined();
            }
            for (const regions of Object.values(model.deploymentTypes)) {
                for (const region of regions ?? []) {
                    expect(KNOWN_REGIONS).toContain(region);
                }
            }
        }
    });

    it.each([
        ["o1", "2024-12-17"],
        ["o1-mini", "2024-09-12"],
        ["o3-mini", "2025-01-31"],
        ["o3", "2025-04-16"],
        ["o4-mini", "2025-04-16"],
        ["gpt-5.1", "2025-11-13"],
        ["gpt-4o", "2024-11-20"],
        ["gpt-4o-mini", "2024-07-18"],
        ["gpt-4.1", "2025-04-14"],
        ["whisper", "001"],
        ["gpt-4o-transcribe", "2025-03-20"],
        ["gpt-4o-mini-transcribe", "2025-12-15"],
        ["dall-e-3", "3.0"],
        ["gpt-image-1", "2025-04-15"],
        ["gpt-image-1-mini", "2025-10-06"],
        ["gpt-image-1.5", "2025-12-16"],
        ["gpt-image-2", "2026-04-21"],
        ["text-embedding-3-small", "1"],
        ["text-embedding-ada-002", "2"],
    ])("knows %s %s", (name, version) => {
        expect(findModel(name, version)).toBeDefined();
    });

    it("records the date its facts are from", () => {
        expect(CATALOG_FACTS_AS_OF).toBe("2026-10-05");
    });
});

describe("catalog file checks", () => {
    const shipped = () =>
        JSON.parse(readFileSync(CATALOG_FILE, "utf8")) as Record<string, unknown> & {
            models: Record<string, unknown>[];
        };

    it("accepts the shipped file and names every refused path of a broken one", () => {
        expect(() => parseCatalog(readFileSync(CATALOG_FILE, "utf8"))).not.toThrow();
        const broken = shipped();
        broken["asOf"] = "5 October";
        broken.models[0]!["family"] = "video";
        broken.models[1]!["deploymentTypes"] = { GlobalStandard: ["West US"] };
        expect(() => parseCatalog(JSON.stringify(broken), "catalog.json")).toThrow(
            /catalog\.json does not match the catalog schema:\n {2}asOf: .*\n {2}models\.0\.family: .*\n {2}models\.1\.deploymentTypes\.GlobalStandard\.0: a region name or @region-set/,
        );
    });

    it("refuses a reference to an unknown source, region set or successor", () => {
        const broken = shipped();
        broken.models[0]!["sources"] = ["S99"];
        broken.models[1]!["deploymentTypes"] = { GlobalStandard: "@nowhere" };
        broken.models[2]!["successor"] = { model: "gpt-9", version: "1", reason: "none" };
        expect(() => parseCatalog(JSON.stringify(broken), "catalog.json")).toThrow(
            /unknown source "S99"[\s\S]*unknown region set "@nowhere"[\s\S]*gpt-9 1 is not in the catalog/,
        );
    });

    it("cites only public addresses", () => {
        for (const source of Object.values(SOURCES)) {
            expect(source.url).toMatch(
                /^https:\/\/(github\.com\/MicrosoftDocs\/azure-ai-docs\/blob\/[0-9a-f]+\/|learn\.microsoft\.com\/)/,
            );
        }
    });
});

describe("lifecycle with a fixed clock", () => {
    it("treats a model as retired from its retirement date on", () => {
        const o1 = findModel("o1", "2024-12-17")!;
        expect(effectiveStage(o1, day("2026-11-18"))).toBe("Deprecated");
        expect(effectiveStage(o1, day("2026-11-19"))).toBe("Retired");
    });

    it("refuses a retired model with its date and replacement", () => {
        const finding = checkDeployment(request({ model: "o1", version: "2024-12-17" }), day("2026-11-28"), 90);
        expect(finding.problems).toEqual([
            {
                key: "regions.eastus2.deployments.d.model",
                given: '"o1 2024-12-17"',
                allowed:
                    "a model that is not retired: o1 2024-12-17 retired on 2026-11-19; Microsoft's replacement: gpt-5.6-sol",
            },
        ]);
    });

    it("warns, without refusing, when a model retires within the window", () => {
        const whisper = request({ model: "whisper", version: "001", deploymentType: "Standard" });
        const inWindow = checkDeployment(whisper, day("2026-11-28"), 30);
        expect(inWindow.problems).toEqual([]);
        expect(inWindow.warnings).toEqual([
            expect.stringContaining("whisper 001 retires on 2026-12-15 (in 17 days)") as unknown,
        ]);
        expect(checkDeployment(whisper, day("2026-11-28"), 10).warnings).toEqual([]);
    });

    it("refuses a Deprecated model unless the deployment accepts it", () => {
        const gpt4o = request({ model: "gpt-4o", version: "2024-08-06" });
        const refused = checkDeployment(gpt4o, day("2026-11-28"), 0);
        expect(refused.problems[0]?.allowed).toContain(
            "gpt-4o 2024-08-06 is Deprecated since 2025-08-06, retires 2027-04-14",
        );
        expect(checkDeployment({ ...gpt4o, allowDeprecated: true }, day("2026-11-28"), 0).problems).toEqual([]);
    });

    it("lists the known versions for an unknown version and where a type is offered", () => {
        expect(checkDeployment(request({ version: "2025-01-01" }), day("2026-11-28"), 0).problems[0]?.allowed).toBe(
            "a known version of gpt-5.4-mini: 2026-03-17",
        );
        const whisperGlobal = checkDeployment(request({ model: "whisper", version: "001" }), day("2026-11-01"), 0);
        expect(whisperGlobal.problems[0]?.allowed).toBe("a deployment type whisper 001 offers: Standard");
        const wrongRegion = checkDeployment(
            request({ model: "whisper", version: "001", deploymentType: "Standard", region: "westus" }),
            day("2026-11-01"),
            0,
        );
        expect(wrongRegion.problems[0]?.allowed).toMatch(
            /^whisper 001 Standard is offered in: eastus2, northcentralus/,
        );
    });

    it("checks provisioned minimums and steps, and warns that upgrades do not apply", () => {
        const ptu = request({
            deploymentType: "GlobalProvisionedManaged",
            capacity: 17,
            versionUpgradeOption: "OnceNewDefaultVersionAvailable",
        });
        const finding = checkDeployment(ptu, day("2026-11-28"), 0);
        expect(finding.problems[0]?.allowed).toBe(
            "PTUs for gpt-5.4-mini 2026-03-17 GlobalProvisionedManaged: at least 15, in steps of 5",
        );
        expect(finding.warnings).toContainEqual(expect.stringContaining("never auto-upgraded"));
        expect(checkDeployment({ ...ptu, capacity: 20 }, day("2026-11-28"), 0).problems).toEqual([]);
    });

    it("warns about access gates", () => {
        const sol = checkDeployment(request({ model: "gpt-5.6-sol", version: "2026-07-09" }), day("2026-11-28"), 0);
        expect(sol.warnings).toContainEqual(expect.stringContaining("quota tiers 5 and 6"));
    });

    it("warns when the catalog is older than the accepted age", () => {
        expect(checkCatalogAge(day("2026-11-28"), 60)).toBeUndefined();
        expect(checkCatalogAge(day("2026-12-10"), 60)).toContain("66 days old");
    });
});

describe("quota hints", () => {
    it("point out capacity a Tier 1 subscription does not get by default", () => {
        expect(tier1QuotaHint("gpt-5.4-mini", "GlobalStandard", 1000)).toBeUndefined();
        expect(tier1QuotaHint("gpt-5.4-mini", "GlobalStandard", 1001)).toContain("gets only 1000 units by default");
        expect(tier1QuotaHint("gpt-5.4-mini", "DataZoneStandard", 1)).toContain("no default DataZoneStandard quota");
        expect(tier1QuotaHint("gpt-image-2", "GlobalStandard", 100)).toBeUndefined();
    });
});

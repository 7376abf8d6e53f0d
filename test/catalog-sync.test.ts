/**
 * `npm run catalog:sync -- --from <dir>`: the drift report and `--write` against Models API response bodies: the
 * stored example response of Microsoft's spec, and a region rendered from the catalog with two changes.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { checkDeployment } from "../infra/catalog/lifecycle";
import { buildCatalog, CATALOG_FILE, findModel, parseCatalog } from "../policies/catalog/models";
import { main } from "../tools/catalog-sync/cli";
import { API_STATUS_TO_STAGE, stageFromApi } from "../tools/catalog-sync/status";
import { catalogAsModelsApi } from "./models-api-helpers";

const FIXTURES = path.join(__dirname, "fixtures", "models-api");
const TODAY = "2026-12-06";
let dir: string;

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
    let out = "";
    let err = "";
    const code = await main([...argv, "--date", TODAY], {
        out: (text) => (out += text),
        err: (text) => (err += text),
    });
    return { code, out, err };
}

function writeRegion(folder: string, region: string, body: unknown): void {
    mkdirSync(folder, { recursive: true });
    writeFileSync(path.join(folder, `${region}.json`), JSON.stringify(body));
}

beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), "catalog-sync-"));
});

afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
});

describe("lifecycle status mapping", () => {
    it("maps every status of the API onto a catalog stage, as docs/models.md documents it", () => {
        expect(API_STATUS_TO_STAGE).toEqual({
            Preview: "Preview",
            GenerallyAvailable: "GA",
            Stable: "GA",
            Legacy: "Legacy",
            Deprecating: "Deprecated",
            Deprecated: "Retired",
        });
        const docs = readFileSync(path.join(__dirname, "..", "docs", "models.md"), "utf8");
        for (const [status, stage] of Object.entries(API_STATUS_TO_STAGE)) {
            expect(docs).toMatch(new RegExp(`\\| \`${status}\` +\\| ${stage} +\\|`));
        }
    });

    it("treats a passed inference date as retired, and reads statuses case-insensitively", () => {
        expect(stageFromApi("GenerallyAvailable", "2026-12-06", TODAY)).toBe("Retired");
        expect(stageFromApi("GenerallyAvailable", "2026-12-07", TODAY)).toBe("GA");
        expect(stageFromApi("deprecating", undefined, TODAY)).toBe("Deprecated");
        expect(stageFromApi("Sunset", undefined, TODAY)).toBeUndefined();
        expect(stageFromApi(undefined, undefined, TODAY)).toBeUndefined();
    });
});

describe("catalog:sync --from", () => {
    it("reads the spec's example responses (Models_List, Usages_List)", async () => {
        const models = JSON.parse(readFileSync(path.join(FIXTURES, "ListLocationModels.json"), "utf8")) as {
            responses: { 200: { body: unknown } };
        };
        const usages = JSON.parse(readFileSync(path.join(FIXTURES, "ListUsages.json"), "utf8")) as {
            responses: { 200: { body: unknown } };
        };
        writeRegion(dir, "westus", models.responses[200].body);
        writeFileSync(path.join(dir, "westus.usages.json"), JSON.stringify(usages.responses[200].body));
        const result = await run("--from", dir);
        expect(result.code).toBe(1);
        expect(result.out).toContain("+ ada 1: new version (Retired, retires 2024-01-01; no SKU in westus)");
        expect(result.out).toContain(
            'ada 1 in westus: SKU "provisioned" is not a deployment type the catalog knows; ignored.',
        );
        // The example lists no model the catalog offers in westus: each is reported as no longer listed there.
        expect(result.out).toContain(
            "- gpt-5.4-mini 2026-03-17: GlobalStandard in westus, not listed by the Models API there",
        );
    });

    it("exits 0 when the API agrees with the catalog", async () => {
        writeRegion(dir, "swedencentral", catalogAsModelsApi("swedencentral", TODAY));
        writeRegion(dir, "eastus2", catalogAsModelsApi("eastus2", TODAY));
        const result = await run("--from", dir);
        expect(result.err).toBe("");
        expect(result.out).toContain("The catalog matches the Models API in these regions.");
        expect(result.code).toBe(0);
    });

    it("reports a version added and a date moved (exit 1); --write records them and the next check accepts them", async () => {
        const body = catalogAsModelsApi("swedencentral", TODAY);
        body.value.push({
            kind: "OpenAI",
            model: {
                format: "OpenAI",
                name: "gpt-5.4-mini",
                version: "2026-11-20",
                lifecycleStatus: "GenerallyAvailable",
                deprecation: { inference: "2028-05-20T00:00:00Z" },
                skus: [{ name: "GlobalStandard" }, { name: "datazonestandard" }],
            },
        });
        const moved = body.value.find(
            (m) => m.model?.name === "gpt-4o-mini-transcribe" && m.model.version === "2025-12-15",
        )!;
        (moved.model as { deprecation: { inference: string } }).deprecation = { inference: "2027-09-15T00:00:00Z" };
        const api = path.join(dir, "api");
        writeRegion(api, "swedencentral", body);
        const catalog = path.join(dir, "catalog.json");
        copyFileSync(CATALOG_FILE, catalog);

        const before = parseCatalog(readFileSync(catalog, "utf8"));
        const request = {
            key: "regions.swedencentral.deployments.chat",
            region: "swedencentral",
            model: "gpt-5.4-mini",
            version: "2026-11-20",
            deploymentType: "GlobalStandard" as const,
            capacity: 10,
            versionUpgradeOption: "NoAutoUpgrade",
            allowDeprecated: false,
        };
        const now = new Date(`${TODAY}T00:00:00Z`);
        expect(checkDeployment(request, now, 90, buildCatalog(before).models).problems).toHaveLength(1);

        const drift = await run("--from", api, "--catalog", catalog);
        expect(drift.code).toBe(1);
        expect(drift.out).toContain(
            "+ gpt-5.4-mini 2026-11-20: new version (GA, retires 2028-05-20; DataZoneStandard, GlobalStandard in swedencentral)",
        );
        expect(drift.out).toContain("~ gpt-4o-mini-transcribe 2025-12-15: retirement date 2027-06-15 → 2027-09-15");
        expect(drift.out).toContain("2 differences:");
        expect(readFileSync(catalog, "utf8")).toBe(readFileSync(CATALOG_FILE, "utf8"));

        const written = await run("--from", api, "--catalog", catalog, "--write");
        expect(written.code).toBe(1);
        const after = parseCatalog(readFileSync(catalog, "utf8"));
        expect(after.asOf).toBe(TODAY);
        expect(after.sources[`models-api-${TODAY}`]).toEqual({
            title: "ARM Models API (Models_List, api-version 2025-06-01) in swedencentral",
            url: expect.stringMatching(/^https:\/\/learn\.microsoft\.com\/rest\/api\/aiservices\//) as unknown,
            date: TODAY,
        });
        const built = buildCatalog(after);
        const transcribe = findModel("gpt-4o-mini-transcribe", "2025-12-15", built.models)!;
        // The changed fact cites the API; the unchanged stage keeps the schedule it came from.
        expect(transcribe.lifecycle).toMatchObject({
            stage: "GA",
            retirementDate: "2027-09-15",
            sources: { stage: "S1", retirementDate: `models-api-${TODAY}` },
        });
        expect(checkDeployment(request, now, 90, built.models).problems).toEqual([]);

        const again = await run("--from", api, "--catalog", catalog);
        expect(again.code).toBe(0);
    });

    it("reports declared quota above the subscription's limit", async () => {
        writeRegion(dir, "swedencentral", catalogAsModelsApi("swedencentral", TODAY));
        writeFileSync(
            path.join(dir, "swedencentral.usages.json"),
            JSON.stringify({
                value: [
                    {
                        name: { value: "OpenAI.DataZoneStandard.gpt-5.4-mini" },
                        currentValue: 10,
                        limit: 20,
                        unit: "Count",
                    },
                ],
            }),
        );
        writeRegion(dir, "eastus2", catalogAsModelsApi("eastus2", TODAY));
        const result = await run("--from", dir, "--stack", "prod");
        expect(result.code).toBe(1);
        expect(result.out).toMatch(
            /! quota\.swedencentral\.DataZoneStandard\.gpt-5\.4-mini: the stack declares \d+ units, the subscription's limit is 20 \(10 in use\)/,
        );
    });

    it.each([
        [["--from", "/nonexistent/dir"], '--from: got "/nonexistent/dir"; allowed: a directory of <region>.json files'],
        [["--regions", "westus"], "--subscription <id> or --from <dir> is required"],
        [
            ["--subscription", "abc", "--regions", "westus"],
            '--subscription: got "abc"; allowed: a subscription id (a GUID)',
        ],
        [
            ["--subscription", "00000000-0000-0000-0000-000000000000", "--regions", "West US"],
            '--regions: got "West US"; allowed: Azure region names',
        ],
        [
            ["--from", ".", "--stack", "nosuch"],
            '--stack: got "nosuch"; allowed: a stack with a file Pulumi.<name>.yaml',
        ],
        [["--frm", "x"], "Unknown option '--frm'"],
    ])("refuses %j with exit 2", async (argv, message) => {
        const result = await run(...argv);
        expect(result.code).toBe(2);
        expect(result.err).toContain(message);
        expect(result.err).not.toMatch(/\n\s+at .+:\d+:\d+/);
    });

    it("refuses a file that is not a Models API response body", async () => {
        writeFileSync(path.join(dir, "westus.json"), JSON.stringify({ models: [] }));
        const result = await run("--from", dir);
        expect(result.code).toBe(2);
        expect(result.err).toContain('westus.json: got {"models":[]}; allowed: a Models or Usages API response body');
    });
});

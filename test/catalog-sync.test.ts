/**
 * `npm run catalog:sync -- --from <dir>`: the drift report and `--write` against Models API response bodies: the
 * stored example response of Microsoft's spec, and a region rendered from the catalog with two changes.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { checkDeployment } from "../infra/catalog/lifecycle";
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { stringify as toYaml } from "yaml";
import { buildCatalog, CATALOG_FILE, findModel, parseCatalog } from "../policies/catalog/models";
import type { CatalogFile, ModelEntry } from "../policies/catalog/schema";
import { main } from "../tools/catalog-sync/cli";
import { API_STATUS_TO_STAGE, stageFromApi } from "../tools/catalog-sync/status";
import { catalogAsModelsApi } from "./models-api-helpers";

const FIXTURES = path.join(__dirname, "fixtures", "models-api");
const TODAY = "2026-12-06";
let dir: string;

const ROOT = path.join(__dirname, "..");

async function runIn(projectDir: string, ...argv: string[]): Promise<{ code: number; out: string; err: string }> {
    let out = "";
    let err = "";
    const code = await main([...argv, "--date", TODAY], {
        out: (text) => (out += text),
        err: (text) => (err += text),
        projectDir,
    });
    return { code, out, err };
}

const run = (...argv: string[]) => runIn(ROOT, ...argv);

/** A copy of the shipped catalog to --write into, and its text before. */
function catalogCopy(): { file: string; before: string } {
    const file = path.join(dir, "catalog.json");
    copyFileSync(CATALOG_FILE, file);
    return { file, before: readFileSync(file, "utf8") };
}

const entryOf = (file: CatalogFile, name: string, version: string): ModelEntry =>
    file.models.find((m) => m.name === name && m.version === version)!;

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
            'no stack "nosuch": there is no Pulumi.nosuch.yaml in .; stacks here: dev, prod, staging',
        ],
        [["--frm", "x"], "unknown option --frm; did you mean --from?"],
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

describe("catalog:sync --write: what a region's answer may change", () => {
    it("never removes, nor counts as checked, a region whose answer lists no OpenAI model", async () => {
        const api = path.join(dir, "api");
        writeRegion(api, "eastus2", { value: [] });
        const { file, before } = catalogCopy();

        const alone = await run("--from", api, "--catalog", file, "--write");
        expect(alone.err).toBe("");
        expect(alone.out).toContain("regions checked: none; not checked: eastus2");
        expect(alone.out).toContain("No region listed an OpenAI model: nothing was compared.");
        expect(alone.out).toContain(
            "eastus2: the Models API lists no OpenAI models in this region; it was not compared (nothing removed)",
        );
        expect(alone.out).toContain("Nothing written: no region was checked.");
        expect(alone.code).toBe(0);
        expect(readFileSync(file, "utf8")).toBe(before);

        // With a region that answered and drifted: its fact is written, eastus2 keeps every model and set, and
        // asOf stays (the check did not cover every region asked about, so the age warning must keep its word).
        const body = catalogAsModelsApi("swedencentral", TODAY);
        const moved = body.value.find(
            (m) => m.model?.name === "gpt-4o-mini-transcribe" && m.model.version === "2025-12-15",
        )!;
        (moved.model as { deprecation: { inference: string } }).deprecation = { inference: "2027-09-15T00:00:00Z" };
        writeRegion(api, "swedencentral", body);
        const written = await run("--from", api, "--catalog", file, "--write");
        expect(written.out).toContain("regions checked: swedencentral; not checked: eastus2");
        expect(written.out).toContain("1 difference:");
        expect(written.out).toContain("asOf stays 2026-10-05: eastus2 was not checked");
        expect(written.code).toBe(1);
        const shipped = parseCatalog(before);
        const after = parseCatalog(readFileSync(file, "utf8"));
        expect(after.asOf).toBe(shipped.asOf);
        expect(after.regionSets).toEqual(shipped.regionSets);
        expect(after.models.map((m) => m.deploymentTypes)).toEqual(shipped.models.map((m) => m.deploymentTypes));
        expect(after.sources[`models-api-${TODAY}`]?.title).toMatch(/ in swedencentral$/);
        expect(
            buildCatalog(after).models.find((m) => m.name === "gpt-4o-mini-transcribe" && m.version === "2025-12-15")
                ?.lifecycle.retirementDate,
        ).toBe("2027-09-15");
    });

    it("keeps region-set references: a set every user leaves or joins changes, a lone change opens one reference", async () => {
        const shipped = parseCatalog(readFileSync(CATALOG_FILE, "utf8"));
        const sweden = catalogAsModelsApi("swedencentral", TODAY);
        const italy = catalogAsModelsApi("italynorth", TODAY);
        const find = (body: typeof sweden, name: string, version: string) =>
            body.value.find((m) => m.model?.name === name && m.model.version === version);
        const dropSku = (name: string, version: string, sku: string) => {
            const model = find(sweden, name, version)!.model as { skus: { name: string }[] };
            expect(model.skus.map((s) => s.name)).toContain(sku);
            model.skus = model.skus.filter((s) => s.name !== sku);
        };
        const addSku = (name: string, version: string, sku: string) => {
            let entry = find(italy, name, version);
            if (!entry) {
                entry = structuredClone(find(sweden, name, version)!);
                (entry.model as { skus: { name: string }[] }).skus = [];
                italy.value.push(entry);
            }
            const skus = (entry.model as { skus: { name: string }[] }).skus;
            expect(skus.map((s) => s.name)).not.toContain(sku);
            skus.push({ name: sku });
        };
        // Both users of @global-standard-gpt-4o-early leave swedencentral and join italynorth: the set changes.
        for (const version of ["2024-05-13", "2024-08-06"]) {
            dropSku("gpt-4o", version, "GlobalStandard");
            addSku("gpt-4o", version, "GlobalStandard");
        }
        // One of the four users of @data-zone-standard-us-eu-2026-10 leaves swedencentral; one model alone joins
        // italynorth in a type whose set others use too.
        dropSku("gpt-6-sol", "2026-09-22", "DataZoneStandard");
        // The live users of @image-global-standard leave swedencentral; its retired user (gpt-image-1, retired
        // 2026-10-23) does not hold the set back, and keeps swedencentral beside it.
        for (const [name, version] of [
            ["gpt-image-1-mini", "2025-10-06"],
            ["gpt-image-1.5", "2025-12-16"],
            ["gpt-image-2", "2026-04-21"],
        ] as const) {
            expect(entryOf(shipped, name, version).deploymentTypes.GlobalStandard).toBe("@image-global-standard");
            dropSku(name, version, "GlobalStandard");
        }
        expect(entryOf(shipped, "gpt-image-1", "2025-04-15").deploymentTypes.GlobalStandard).toBe(
            "@image-global-standard",
        );
        expect(entryOf(shipped, "gpt-5.4", "2026-03-05").deploymentTypes.GlobalBatch).toBe("@global-batch");
        addSku("gpt-5.4", "2026-03-05", "GlobalBatch");
        const api = path.join(dir, "api");
        writeRegion(api, "swedencentral", sweden);
        writeRegion(api, "italynorth", italy);
        const { file } = catalogCopy();

        const written = await run("--from", api, "--catalog", file, "--write");
        expect(written.err).toBe("");
        expect(written.out).toContain("- gpt-4o 2024-05-13: GlobalStandard no longer offered in swedencentral");
        expect(written.out).toContain("+ gpt-4o 2024-08-06: GlobalStandard offered in italynorth");
        expect(written.out).toContain("9 differences:");
        expect(written.out).toContain(`asOf ${TODAY}`);
        expect(written.code).toBe(1);
        const after = parseCatalog(readFileSync(file, "utf8"));
        expect(after.asOf).toBe(TODAY);

        const early = shipped.regionSets["global-standard-gpt-4o-early"]!;
        expect(after.regionSets["global-standard-gpt-4o-early"]).toEqual([
            ...early.filter((region) => region !== "swedencentral"),
            "italynorth",
        ]);
        expect(entryOf(after, "gpt-4o", "2024-05-13").deploymentTypes.GlobalStandard).toBe(
            "@global-standard-gpt-4o-early",
        );
        // The lone leaver's reference is opened one level: @us-data-zone stays, the EU set is written out.
        expect(entryOf(after, "gpt-6-sol", "2026-09-22").deploymentTypes.DataZoneStandard).toEqual([
            "@us-data-zone",
            ...shipped.regionSets["eu-data-zone-2026-10"]!.filter((region) => region !== "swedencentral"),
        ]);
        for (const name of ["gpt-5.6-luna", "gpt-5.6-terra"]) {
            const version = "2026-07-09";
            expect(entryOf(after, name, version).deploymentTypes.DataZoneStandard).toBe(
                "@data-zone-standard-us-eu-2026-10",
            );
        }
        expect(after.regionSets["data-zone-standard-us-eu-2026-10"]).toEqual(
            shipped.regionSets["data-zone-standard-us-eu-2026-10"],
        );
        // Nothing else moved: every other model's region lists and every other set are as shipped.
        const changed = after.models
            .filter(
                (m, index) =>
                    JSON.stringify(m.deploymentTypes) !== JSON.stringify(shipped.models[index]!.deploymentTypes),
            )
            .map((m) => `${m.name} ${m.version}`);
        expect(changed.sort()).toEqual(["gpt-5.4 2026-03-05", "gpt-6-sol 2026-09-22", "gpt-image-1 2025-04-15"]);
        expect(after.regionSets["image-global-standard"]).toEqual(
            shipped.regionSets["image-global-standard"]!.filter((region) => region !== "swedencentral"),
        );
        expect(entryOf(after, "gpt-image-2", "2026-04-21").deploymentTypes.GlobalStandard).toBe(
            "@image-global-standard",
        );
        expect(entryOf(after, "gpt-image-1", "2025-04-15").deploymentTypes.GlobalStandard).toEqual([
            "@image-global-standard",
            "swedencentral",
        ]);
        // The lone joiner gets the region beside its set, which other models use without it.
        expect(entryOf(after, "gpt-5.4", "2026-03-05").deploymentTypes.GlobalBatch).toEqual([
            "@global-batch",
            "italynorth",
        ]);
        const otherSets = Object.keys(shipped.regionSets).filter(
            (name) => name !== "global-standard-gpt-4o-early" && name !== "image-global-standard",
        );
        for (const name of otherSets) {
            expect(after.regionSets[name]).toEqual(shipped.regionSets[name]);
        }

        const again = await run("--from", api, "--catalog", file);
        expect(again.out).toContain("The catalog matches the Models API in these regions.");
        expect(again.code).toBe(0);
    });
});

describe("catalog:sync --stack: the stack's configuration as pulumi up sees it", () => {
    /** A project whose quota comes from Pulumi.yaml and whose regions come from an ESC environment. */
    function project(): string {
        const root = path.join(dir, "project");
        mkdirSync(root);
        writeFileSync(
            path.join(root, "Pulumi.yaml"),
            toYaml({
                name: "aoai-platform",
                runtime: "nodejs",
                config: {
                    quota: { default: { swedencentral: { DataZoneStandard: { "gpt-5.4-mini": 500 } } } },
                },
            }),
        );
        writeFileSync(
            path.join(root, "Pulumi.team.yaml"),
            toYaml({ environment: ["acme/aoai/regions"], config: { "aoai-platform:environment": "dev" } }),
        );
        writeFileSync(
            path.join(root, "esc-team.json"),
            JSON.stringify({ pulumiConfig: { regions: { swedencentral: { deployments: {} } } } }),
        );
        writeFileSync(
            path.join(root, "Pulumi.broken.yaml"),
            "config:\n  aoai-platform:regions:\n    swedencentral: [\n",
        );
        return root;
    }

    it("reads regions from ESC and quota from Pulumi.yaml, merged with the plan's reader", async () => {
        const root = project();
        const api = path.join(dir, "api");
        writeRegion(api, "swedencentral", catalogAsModelsApi("swedencentral", TODAY));
        writeRegion(api, "eastus2", catalogAsModelsApi("eastus2", TODAY));
        writeFileSync(
            path.join(api, "swedencentral.usages.json"),
            JSON.stringify({
                value: [{ name: { value: "OpenAI.DataZoneStandard.gpt-5.4-mini" }, currentValue: 0, limit: 20 }],
            }),
        );
        const esc = path.join(root, "esc-team.json");
        const result = await runIn(root, "--from", api, "--stack", "team", "--esc-values", esc);
        expect(result.err).toBe("");
        // Only the stack's region is read (eastus2.json is there, the stack does not use it).
        expect(result.out).toContain("regions checked: swedencentral)");
        expect(result.out).toContain(
            "! quota.swedencentral.DataZoneStandard.gpt-5.4-mini: the stack declares 500 units, the subscription's limit is 20 (0 in use)",
        );
        expect(result.code).toBe(1);
    });

    it("asks for --esc-values as the plan does when the stack imports an environment", async () => {
        const root = project();
        const result = await runIn(root, "--from", dir, "--stack", "team");
        expect(result.code).toBe(2);
        expect(result.err).toContain(
            "Pulumi.team.yaml imports ESC environment acme/aoai/regions (environment:), which the offline plan cannot open.",
        );
        expect(result.err).toContain("--esc-values");
        expect(result.err).not.toMatch(/\n\s+at .+:\d+:\d+/);
    });

    it("names the file and line of a YAML error (exit 2)", async () => {
        const root = project();
        const result = await runIn(root, "--from", dir, "--stack", "broken");
        expect(result.code).toBe(2);
        expect(result.err).toMatch(/Pulumi\.broken\.yaml:\d+:\d+: invalid YAML: /);
        expect(result.err).not.toMatch(/\n\s+at .+:\d+:\d+/);
    });

    it("refuses --esc-values without --stack", async () => {
        const result = await run("--from", dir, "--esc-values", "x.json");
        expect(result.code).toBe(2);
        expect(result.err).toContain("--esc-values: needs --stack <name>");
    });
});

describe("catalog:sync --write to a file it cannot write", () => {
    it("exits 2 naming the path and leaves the catalog whole", async () => {
        // Root can write anywhere, so the failure comes from a file-size limit (ulimit -f, 32 KiB): the catalog
        // (about 70 KB) cannot be written, as on a full disk. The CLI runs as a user runs it, in its own process.
        const body = catalogAsModelsApi("swedencentral", TODAY);
        body.value.pop();
        const api = path.join(dir, "api");
        writeRegion(api, "swedencentral", body);
        const { file, before } = catalogCopy();
        const command = [
            "ulimit -f 32",
            'exec node scripts/run-ts.js tools/catalog-sync/cli.ts --from "$1" --catalog "$2" --write --date "$3"',
        ].join("; ");
        const result = await promisify(execFile)("bash", ["-c", command, "bash", api, file, TODAY], { cwd: ROOT }).then(
            (done) => ({ code: 0, ...done }),
            (error: { code: number; stdout: string; stderr: string }) => error,
        );
        expect(result.stderr).toBe(`--write: cannot write ${file} (EFBIG); the catalog was not changed\n`);
        expect(result.code).toBe(2);
        expect(readFileSync(file, "utf8")).toBe(before);
        expect(readdirSync(dir).filter((name) => name.endsWith(".tmp"))).toEqual([]);
    });
});

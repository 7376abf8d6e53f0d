/**
 * The architecture as rules (.dependency-cruiser.cjs): no import cycle, the program imports no
 * tooling, the policy pack imports nothing outside what it packs, the shared model catalog is a
 * leaf. dependency-cruiser is ES-module-only, so its CLI runs in a child process and reports JSON.
 */
import { execFileSync } from "node:child_process";
import * as path from "node:path";

const ROOT = path.join(__dirname, "..");
const CLI = path.join(ROOT, "node_modules", "dependency-cruiser", "bin", "dependency-cruiser.mjs");
const FOLDERS = ["infra", "plan", "policies", "smoke", "tools", "bench", "test", "scripts", "bootstrap"];

interface CruiseResult {
    readonly summary: {
        readonly violations: readonly {
            readonly rule: { readonly name: string };
            readonly from: string;
            readonly to: string;
        }[];
        readonly totalCruised: number;
        readonly ruleSetUsed: { readonly forbidden: readonly { readonly name: string }[] };
    };
}

describe("layout", () => {
    let result: CruiseResult;

    beforeAll(() => {
        const output = execFileSync(
            process.execPath,
            [CLI, "--config", ".dependency-cruiser.cjs", "--output-type", "json", ...FOLDERS],
            { cwd: ROOT, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 },
        );
        result = JSON.parse(output) as CruiseResult;
    }, 60_000);

    it("cruises the whole project under every architecture rule", () => {
        expect(result.summary.totalCruised).toBeGreaterThan(150);
        expect(result.summary.ruleSetUsed.forbidden.map((rule) => rule.name).sort()).toEqual([
            "infra-imports-no-tooling",
            "infra-reads-only-what-the-pack-shares",
            "no-cycles",
            "pack-catalog-is-a-leaf",
            "pack-is-self-contained",
            "pack-policy-xml-is-a-leaf",
            "plan-does-not-import-commands",
        ]);
    });

    it("finds no import cycle and no import against the flow", () => {
        expect(result.summary.violations.map((v) => `${v.rule.name}: ${v.from} → ${v.to}`)).toEqual([]);
    });
});

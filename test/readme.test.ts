import * as fs from "node:fs";
import * as path from "node:path";
import { CONFIG_REFERENCE_FILE, renderConfigReference } from "../scripts/config-reference";

/** Table text without the padding and separator widths Prettier chooses. */
function normalise(markdown: string): string {
    return markdown
        .split("\n")
        .map((line) => line.replace(/\s+/g, " ").replace(/-{3,}/g, "---").trim())
        .filter((line) => line.length > 0)
        .join("\n");
}

describe("README", () => {
    const readme = fs.readFileSync(path.join(__dirname, "..", "README.md"), "utf8");

    it("points to docs/configuration.md, which documents every key as the schema defines it", () => {
        expect(readme).toContain("docs/configuration.md");
        // Up to the padding Prettier gives tables (`npm run docs:config` writes the formatted file).
        const committed = fs.readFileSync(CONFIG_REFERENCE_FILE, "utf8");
        expect(normalise(committed)).toBe(normalise(renderConfigReference()));
    });

    it("names the two commands a newcomer runs", () => {
        expect(readme).toContain("npm ci && npm test");
        expect(readme).toContain("npm run plan -- --stack dev");
    });

    it("stays short enough to read in five minutes (at most 15 KB; details live in docs/)", () => {
        expect(Buffer.byteLength(readme, "utf8")).toBeLessThanOrEqual(15 * 1024);
    });

    it("links only to files that exist", () => {
        const targets = [...readme.matchAll(/\]\(([^)#\s]+)(?:#[^)]*)?\)/g)]
            .map(([, target]) => target!)
            .filter((target) => !/^[a-z]+:/.test(target));
        expect(targets.length).toBeGreaterThan(10);
        const missing = targets.filter((target) => !fs.existsSync(path.join(__dirname, "..", target)));
        expect(missing).toEqual([]);
    });
});

import * as fs from "node:fs";
import * as path from "node:path";
import { renderConfigReference } from "../scripts/config-reference";

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

    it("documents every configuration key as the rule table defines it", () => {
        const section = /<!-- config:start -->([\s\S]*)<!-- config:end -->/.exec(readme)?.[1] ?? "";
        expect(normalise(section)).toBe(normalise(renderConfigReference()));
    });

    it("names the two commands a newcomer runs", () => {
        expect(readme).toContain("npm ci && npm test");
        expect(readme).toContain("npm run plan -- --stack dev");
    });
});

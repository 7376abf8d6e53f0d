/**
 * The docs' model tables say what the catalog says: every status, date and deployed model in README.md's and
 * docs/models.md's family tables is checked against catalog.json, so the docs cannot drift from the data.
 */
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { effectiveStage, findModel, isOpenOn } from "../policies/catalog/models";
import { TEST_DATE } from "./helpers";

const ROOT = path.resolve(__dirname, "..");
const NAMES: Record<string, string> = { o1: "o1", "GPT-4o": "gpt-4o", Whisper: "whisper", "DALL-E 3": "dall-e-3" };

/** Rows of the table whose header starts with `firstHeader`: cells without the outer pipes. */
function tableRows(file: string, firstHeader: string): string[][] {
    const lines = readFileSync(path.join(ROOT, file), "utf8").split("\n");
    const start = lines.findIndex((line) => new RegExp(`^\\| ${firstHeader} +\\|`).test(line));
    expect(start).toBeGreaterThan(-1);
    const rows: string[][] = [];
    for (const line of lines.slice(start + 2)) {
        if (!line.startsWith("|")) {
            break;
        }
        rows.push(
            line
                .split("|")
                .slice(1, -1)
                .map((cell) => cell.trim()),
        );
    }
    return rows;
}

describe.each([
    ["README.md", "Requested"],
    ["docs/models.md", "Originally requested"],
])("%s model table", (file, header) => {
    const rows = tableRows(file, header);

    it("has the four originally requested families", () => {
        expect(rows.map((row) => row[0]?.split(" `")[0])).toEqual(Object.keys(NAMES));
    });

    it.each(rows.map((row) => [row[0], row] as const))(
        "%s: status, dates and deployed model match the catalog",
        (_, row) => {
            const [requested = "", status = "", deployed = ""] = row;
            const [, label = "", version = ""] = /^(.+?) `([^`]+)`/.exec(requested) ?? [];
            const model = findModel(NAMES[label] ?? label, version)!;
            expect(model).toBeDefined();
            expect(status.split(/[,;]/)[0]).toContain(effectiveStage(model, TEST_DATE));
            const dates = status.match(/\d{4}-\d{2}-\d{2}/g) ?? [];
            expect(dates[0]).toBe(model.lifecycle.retirementDate);
            const [, name = "", deployedVersion = ""] = /^`([^`]+)` `([^`]+)`/.exec(deployed) ?? [];
            const target = findModel(name, deployedVersion)!;
            expect({ deployed, open: target !== undefined && isOpenOn(target, TEST_DATE) }).toEqual({
                deployed,
                open: true,
            });
            for (const stack of ["dev", "staging", "prod"]) {
                expect(readFileSync(path.join(ROOT, `Pulumi.${stack}.yaml`), "utf8")).toContain(`model: ${name}`);
            }
        },
    );
});

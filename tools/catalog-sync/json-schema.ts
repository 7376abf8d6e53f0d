/**
 * `npm run catalog:schema [-- --check]`: renders `policies/catalog/catalog.schema.json`, the JSON Schema that
 * editors use for catalog.json (its `$schema`), from the zod schema the program and the pack validate with.
 * `--check` changes nothing and exits 1 when the file is stale.
 *
 * The catalog (data, schema, reader) has one home, `policies/catalog/`: the pack must publish on its own
 * (`npm pack` of policies/ is what `pulumi policy publish` uploads), so the program reads the pack's files
 * rather than the pack reading the program's.
 */
import { readFileSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { checkOption, writeOrCheck } from "../command-line/parse";
import { z } from "zod";
import { catalogFileSchema } from "../../policies/catalog/schema";

const ROOT = path.resolve(__dirname, "..", "..");
export const JSON_SCHEMA_FILE = path.join(ROOT, "policies", "catalog", "catalog.schema.json");

/** The JSON Schema of catalog.json, rendered from the zod schema. */
export function renderJsonSchema(): string {
    const schema = z.toJSONSchema(catalogFileSchema, { target: "draft-2020-12" });
    return `${JSON.stringify({ ...schema, title: "Azure OpenAI model catalog (policies/catalog/catalog.json)" }, null, 2)}\n`;
}

/** Whether the committed JSON Schema matches the zod schema. */
export function jsonSchemaIsCurrent(): boolean {
    try {
        return readFileSync(JSON_SCHEMA_FILE, "utf8") === renderJsonSchema();
    } catch {
        return false;
    }
}

/** Writes the JSON Schema and says so. */
export function writeJsonSchema(out: (text: string) => void): void {
    writeFileSync(JSON_SCHEMA_FILE, renderJsonSchema());
    out(`wrote ${path.relative(ROOT, JSON_SCHEMA_FILE)}\n`);
}

export function main(argv: readonly string[]): number {
    const check = checkOption(
        argv,
        "usage: npm run catalog:schema [-- --check]",
        "Writes the catalog's JSON Schema (for editors) from its zod schema; --check exits 1 when it is out of date.",
    );
    if (typeof check === "number") {
        return check;
    }
    return writeOrCheck(JSON_SCHEMA_FILE, renderJsonSchema(), "catalog:schema", check);
}

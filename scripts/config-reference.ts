/**
 * Renders the README's configuration reference from the rule table, so the two cannot drift:
 * `node scripts/run-ts.js scripts/config-reference.ts` prints it; a test checks the README holds it.
 */
import { KNOWN_REGIONS } from "../infra/catalog/models";
import { describeRules } from "../infra/config/rules";
import { ENVIRONMENT_DEFAULTS, stackConfigRules } from "../infra/config/stack-config";

function escape(text: string): string {
    return text.replace(/\|/g, "\\|").replace(/\n/g, " ");
}

export function renderConfigReference(): string {
    const rows = describeRules({ kind: "object", doc: "", fields: stackConfigRules(KNOWN_REGIONS) });
    const lines = [
        "| Key (`aoai-platform:` namespace) | Allowed | Default | What it does |",
        "| --- | --- | --- | --- |",
        ...rows.map(
            (row) =>
                `| \`${row.key}\` | ${escape(row.type.length > 160 ? `${row.type.slice(0, 157)}...` : row.type)} | ${escape(row.default)} | ${escape(row.doc)} |`,
        ),
        "",
        "Environment defaults (applied under the stack's own values):",
        "",
        ...Object.entries(ENVIRONMENT_DEFAULTS).map(
            ([environment, defaults]) => `- \`${environment}\`: \`${JSON.stringify(defaults)}\``,
        ),
    ];
    return lines.join("\n");
}

export function main(): number {
    process.stdout.write(`${renderConfigReference()}\n`);
    return 0;
}

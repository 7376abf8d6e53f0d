/**
 * `npm run plan -- --stack <name> [--json] [--date YYYY-MM-DD] [--policy-pack-config <file>]
 * [--esc-values <file>]`: what the stack would create, computed offline by running the Pulumi program
 * under mocks with its configuration read as the Pulumi CLI reads it (config-sources.ts), judged by the
 * policy pack with `policies/config/<stack>.json` (or the file given, as `pulumi preview
 * --policy-pack-config` takes it). Exit 0: fine; 1: a mandatory policy violation; 2: invalid input.
 */
import * as path from "node:path";
import { parseCommandLine } from "../tools/command-line/parse";
import { buildPlan, EXIT_INVALID_CONFIG, EXIT_POLICY_VIOLATION } from "./plan";
import { renderText } from "./render-text";

const USAGE =
    "usage: npm run plan -- --stack <name> [--json] [--date YYYY-MM-DD] [--policy-pack-config <file>] [--esc-values <file>]";
const HELP = `${USAGE}

Plans a stack offline: runs the Pulumi program under mocks with the stack's configuration, read as
the Pulumi CLI reads it (Pulumi.<name>.yaml over its ESC environments over Pulumi.yaml), and judges
it with the policy pack.
  --stack, -s <name>            the stack (Pulumi.<name>.yaml)
  --json                        one JSON document on stdout instead of the resource tree
  --date YYYY-MM-DD             the date model lifecycles are judged on (default: today)
  --policy-pack-config <file>   the policy pack's config (default: policies/config/<name>.json)
  --esc-values <file>           what \`esc env open <org/project/env> --format json\` printed, for a stack
                                that imports ESC environments (repeat per environment, in order)
Exit codes: 0 fine, 1 a mandatory policy violation, 2 invalid configuration or arguments.
`;

const OPTIONS = {
    stack: { type: "string", short: "s" },
    json: { type: "boolean" },
    date: { type: "string" },
    "policy-pack-config": { type: "string" },
    "esc-values": { type: "string", multiple: true },
    help: { type: "boolean", short: "h" },
} as const;

interface Arguments {
    readonly stack: string;
    readonly json: boolean;
    readonly now?: Date;
    /** Absolute path of the policy pack config to judge by. */
    readonly policyConfig?: string;
    /** Absolute paths of the opened ESC environments. */
    readonly escValues: readonly string[];
}

/** What the parser returns for --help or -h given as an option. */
const HELP_REQUESTED: unique symbol = Symbol("--help");

function parseArguments(argv: readonly string[]): Arguments | typeof HELP_REQUESTED | string {
    const parsed = parseCommandLine(argv, OPTIONS, false);
    if (typeof parsed === "string") {
        return parsed;
    }
    const values = parsed.values;
    if (values["help"] === true) {
        return HELP_REQUESTED;
    }
    const stack = values["stack"];
    if (typeof stack !== "string" || stack === "") {
        return "--stack is required";
    }
    let now: Date | undefined;
    const date = values["date"];
    if (typeof date === "string") {
        if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || Number.isNaN(Date.parse(date))) {
            return `--date: got ${JSON.stringify(date)}; allowed: a date as YYYY-MM-DD`;
        }
        now = new Date(`${date}T00:00:00Z`);
    }
    const policyConfig = values["policy-pack-config"];
    const escValues = values["esc-values"];
    return {
        stack,
        json: values["json"] === true,
        escValues: Array.isArray(escValues) ? escValues.map((file) => path.resolve(String(file))) : [],
        ...(now ? { now } : {}),
        ...(typeof policyConfig === "string" ? { policyConfig: path.resolve(policyConfig) } : {}),
    };
}

export async function main(argv: readonly string[]): Promise<number> {
    const parsed = parseArguments(argv);
    if (parsed === HELP_REQUESTED) {
        process.stdout.write(HELP);
        return 0;
    }
    if (typeof parsed === "string") {
        process.stderr.write(`${parsed}\n${USAGE}\n`);
        return EXIT_INVALID_CONFIG;
    }
    let result;
    try {
        result = await buildPlan({
            stack: parsed.stack,
            ...(parsed.now ? { now: parsed.now } : {}),
            ...(parsed.policyConfig ? { policyConfig: parsed.policyConfig } : {}),
            escValues: parsed.escValues,
        });
    } catch (error) {
        // An unreadable file (permissions, a directory) is the user's input too.
        process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
        return EXIT_INVALID_CONFIG;
    }
    if (result.errorText) {
        process.stderr.write(`${result.errorText}\n`);
    }
    // A configuration error stops the plan: the warnings gathered until then still matter (a Legacy model, a
    // retirement coming up), so the user sees them in the same run.
    for (const warning of result.warnings ?? []) {
        process.stderr.write(`warning: ${warning}\n`);
    }
    if (result.document) {
        process.stdout.write(
            parsed.json ? `${JSON.stringify(result.document, null, 2)}\n` : `${renderText(result.document)}\n`,
        );
        if (!parsed.json) {
            for (const warning of result.document.warnings) {
                process.stderr.write(`warning: ${warning}\n`);
            }
        }
        if (result.exitCode === EXIT_POLICY_VIOLATION) {
            const mandatory = (result.document.policy?.violations ?? []).filter((v) => v.level === "mandatory");
            const rules = [...new Set(mandatory.map((violation) => violation.policy))];
            process.stderr.write(
                `error: ${mandatory.length} mandatory policy violation${mandatory.length === 1 ? "" : "s"} ` +
                    `(${rules.join(", ")}); see the policy section of the plan.\n`,
            );
        }
    }
    return result.exitCode;
}

/**
 * `npm run plan -- --stack <name> [--json] [--date YYYY-MM-DD] [--policy-pack-config <file>]`: what
 * the stack would create, computed offline by running the Pulumi program under mocks, judged by the
 * policy pack with `policies/config/<stack>.json` (or the file given, as `pulumi preview
 * --policy-pack-config` takes it). Exit 0: fine; 1: a mandatory policy violation; 2: invalid input.
 */
import * as path from "node:path";
import { buildPlan, EXIT_INVALID_CONFIG, EXIT_POLICY_VIOLATION } from "./plan";
import { renderText } from "./render-text";

const USAGE = "usage: npm run plan -- --stack <name> [--json] [--date YYYY-MM-DD] [--policy-pack-config <file>]";
const HELP = `${USAGE}

Plans a stack offline: runs the Pulumi program under mocks with Pulumi.<name>.yaml and judges it
with the policy pack.
  --stack, -s <name>            the stack (Pulumi.<name>.yaml)
  --json                        one JSON document on stdout instead of the resource tree
  --date YYYY-MM-DD             the date model lifecycles are judged on (default: today)
  --policy-pack-config <file>   the policy pack's config (default: policies/config/<name>.json)
Exit codes: 0 fine, 1 a mandatory policy violation, 2 invalid configuration or arguments.
`;

interface Arguments {
    readonly stack: string;
    readonly json: boolean;
    readonly now?: Date;
    /** Absolute path of the policy pack config to judge by. */
    readonly policyConfig?: string;
}

/** What the parser returns for --help or -h given as an option. */
const HELP_REQUESTED: unique symbol = Symbol("--help");

function parseArguments(argv: readonly string[]): Arguments | typeof HELP_REQUESTED | string {
    let stack: string | undefined;
    let json = false;
    let now: Date | undefined;
    let policyConfig: string | undefined;
    for (let i = 0; i < argv.length; i++) {
        const arg = argv[i];
        if (arg === "--help" || arg === "-h") {
            return HELP_REQUESTED;
        } else if (arg === "--json") {
            json = true;
        } else if (arg === "--stack" || arg === "-s") {
            stack = argv[++i];
        } else if (arg === "--date") {
            const value = argv[++i] ?? "";
            if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(value))) {
                return `--date: got ${JSON.stringify(value)}; allowed: a date as YYYY-MM-DD`;
            }
            now = new Date(`${value}T00:00:00Z`);
        } else if (arg === "--policy-pack-config") {
            const value = argv[++i];
            if (!value) {
                return "--policy-pack-config: a file is required, e.g. policies/config/prod.json";
            }
            policyConfig = path.resolve(value);
        } else {
            return `unknown argument ${JSON.stringify(arg)}`;
        }
    }
    if (!stack) {
        return "--stack is required";
    }
    return { stack, json, ...(now ? { now } : {}), ...(policyConfig ? { policyConfig } : {}) };
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
        });
    } catch (error) {
        // Only a missing or unreadable stack file gets here: that is the user's input too.
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

/**
 * `npm run smoke -- --stack <name> [--outputs FILE] [--images] [--api-version V] [--timeout S]
 * [--auth-wait S] [--throttle-wait S]`: after `pulumi up`, calls every deployment of the stack once
 * with an Entra ID token and says, per failure, what to do. Exit 0: every deployment answered; 1:
 * one or more failed; 2: bad arguments or unreadable outputs.
 */
import type { ParseArgsOptionsConfig } from "node:util";
import { parseCommandLine } from "../tools/command-line/parse";
import { tokenProviderFrom } from "./credential";
import { readOutputsFile, readStackOutputs, SmokeInputError, type SmokeRegion } from "./outputs";
import { renderReport, totals } from "./render";
import { describeApiVersions } from "./api-versions";
import { DEFAULT_LIMITS, runSmoke, type SmokeLimits } from "./run";

export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
export const EXIT_INVALID = 2;

const USAGE = "usage: npm run smoke -- --stack <name> [--outputs FILE] [--images] [--api-version YYYY-MM-DD]";
const HELP = `${USAGE}

Calls every deployment of every region of a deployed stack once, with the cheapest request its
family allows, through the official openai client with an Entra ID token (DefaultAzureCredential,
or AZURE_OPENAI_AD_TOKEN when set). See docs/smoke-test.md.
  --stack, -s <name>          the stack whose outputs to read
  --outputs <file>            the JSON of \`pulumi stack output --json --show-secrets=false\` (default: run it)
  --images                    also generate one image per image deployment (it costs money)
  --api-version <version>     data-plane api-version for every family (default per family: ${describeApiVersions()})
  --timeout <seconds>         per request (default ${DEFAULT_LIMITS.timeoutMs / 1000})
  --auth-wait <seconds>       total back-off on 401/403 per region, for role propagation (default ${DEFAULT_LIMITS.authWaitMs / 1000})
  --throttle-wait <seconds>   total wait on 429 per deployment, honouring Retry-After (default ${DEFAULT_LIMITS.throttleWaitMs / 1000})
  --help, -h                  this text
Exit codes: 0 every deployment answered, 1 one or more failed, 2 bad arguments or unreadable outputs.
`;

const OPTIONS = {
    stack: { type: "string", short: "s" },
    outputs: { type: "string" },
    images: { type: "boolean" },
    "api-version": { type: "string" },
    timeout: { type: "string" },
    "auth-wait": { type: "string" },
    "throttle-wait": { type: "string" },
    help: { type: "boolean", short: "h" },
} as const satisfies ParseArgsOptionsConfig;

interface Arguments {
    readonly stack: string;
    readonly outputs?: string;
    readonly images: boolean;
    /** --api-version: overrides every family's own version. */
    readonly apiVersion?: string;
    readonly limits: SmokeLimits;
}

function durationMs(option: string, value: string | undefined, fallback: number): number {
    if (value === undefined) {
        return fallback;
    }
    const parsed = Number(value);
    if (value.trim() === "" || !Number.isFinite(parsed) || parsed < 0) {
        throw new SmokeInputError(`--${option}: got ${JSON.stringify(value)}; allowed: a number of seconds, 0 or more`);
    }
    return Math.round(parsed * 1000);
}

function parseArguments(argv: readonly string[]): Arguments | "help" {
    const parsed = parseCommandLine(argv, OPTIONS, false);
    if (typeof parsed === "string") {
        throw new SmokeInputError(parsed);
    }
    const values = parsed.values;
    if (values.help) {
        return "help";
    }
    if (!values.stack) {
        throw new SmokeInputError("--stack is required (the stack whose deployments to call)");
    }
    const apiVersion = values["api-version"];
    if (apiVersion !== undefined && !/^\d{4}-\d{2}-\d{2}(-preview)?$/.test(apiVersion)) {
        throw new SmokeInputError(
            `--api-version: got ${JSON.stringify(apiVersion)}; allowed: YYYY-MM-DD or YYYY-MM-DD-preview`,
        );
    }
    const timeoutMs = durationMs("timeout", values.timeout, DEFAULT_LIMITS.timeoutMs);
    if (timeoutMs === 0) {
        throw new SmokeInputError(`--timeout: got "0"; allowed: a number of seconds above 0`);
    }
    const authWaitMs = durationMs("auth-wait", values["auth-wait"], DEFAULT_LIMITS.authWaitMs);
    const throttleWaitMs = durationMs("throttle-wait", values["throttle-wait"], DEFAULT_LIMITS.throttleWaitMs);
    return {
        stack: values.stack,
        ...(values.outputs !== undefined ? { outputs: values.outputs } : {}),
        images: values.images ?? false,
        ...(apiVersion !== undefined ? { apiVersion } : {}),
        limits: {
            timeoutMs,
            authWaitMs,
            // Six doublings fill the budget: 10 s, 20 s, 40 s... by default; proportionally less when shorter.
            authFirstDelayMs: Math.min(DEFAULT_LIMITS.authFirstDelayMs, Math.ceil(authWaitMs / 30)),
            throttleWaitMs,
            throttleDefaultDelayMs: Math.min(DEFAULT_LIMITS.throttleDefaultDelayMs, throttleWaitMs),
        },
    };
}

export async function main(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
    let parsed: Arguments | "help";
    let regions: SmokeRegion[];
    try {
        parsed = parseArguments(argv);
        if (parsed === "help") {
            process.stdout.write(HELP);
            return EXIT_OK;
        }
        regions = parsed.outputs ? readOutputsFile(parsed.outputs) : readStackOutputs(parsed.stack, env);
    } catch (error) {
        if (error instanceof SmokeInputError) {
            process.stderr.write(`error: ${error.message}\n${USAGE}\n`);
            return EXIT_INVALID;
        }
        throw error;
    }
    const results = await runSmoke({
        regions,
        tokenProvider: tokenProviderFrom(env),
        ...(parsed.apiVersion !== undefined ? { apiVersion: parsed.apiVersion } : {}),
        images: parsed.images,
        limits: parsed.limits,
    });
    process.stdout.write(renderReport(parsed.stack, results));
    return totals(results).failed === 0 ? EXIT_OK : EXIT_FAILED;
}

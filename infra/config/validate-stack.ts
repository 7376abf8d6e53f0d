import * as pulumi from "@pulumi/pulumi";
import { checkCatalogAge, checkDeployment } from "../catalog/lifecycle";
import { KNOWN_REGIONS } from "../catalog/models";
import { formatProblems, type Problem, type Rule, suggest, validate } from "./rules";
import { ENVIRONMENT_DEFAULTS, type Environment, stackConfigRules, type StackConfig } from "./stack-config";

/**
 * A configuration mistake. It is a `RunError`, so `pulumi up` prints the message without a stack
 * trace; the offline plan maps it to exit code 2.
 */
export class ConfigError extends pulumi.RunError {
    public readonly problems: readonly Problem[];

    constructor(stack: string, problems: readonly Problem[]) {
        super(formatProblems(stack, problems));
        this.name = "ConfigError";
        this.problems = problems;
    }

    public static isConfigError(error: unknown): error is ConfigError {
        return error instanceof Error && error.name === "ConfigError" && "problems" in error;
    }
}

export interface ValidatedConfig {
    readonly config: StackConfig;
    readonly warnings: readonly string[];
}

type Raw = Record<string, unknown>;

function isPlainObject(value: unknown): value is Raw {
    return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Deep-merges `overrides` over `base` (objects only; lists and scalars are replaced). */
function merge(base: Raw, overrides: Raw): Raw {
    const result: Raw = { ...base };
    for (const [key, value] of Object.entries(overrides)) {
        const current = result[key];
        result[key] = isPlainObject(current) && isPlainObject(value) ? merge(current, value) : value;
    }
    return result;
}

function crossChecks(config: StackConfig, now: Date, problems: Problem[], warnings: string[]): void {
    if (config.keyVault?.storeAccountKeys && config.accounts?.disableLocalAuth) {
        problems.push({
            key: "keyVault.storeAccountKeys",
            given: "true while accounts.disableLocalAuth is true",
            allowed: "false, or set accounts.disableLocalAuth: false (an account without local auth has no usable key)",
        });
    }
    const usage = new Map<string, { total: number; deployments: string[] }>();
    // Entries that failed their own rules are absent or incomplete here: check only complete ones.
    for (const [region, account] of Object.entries(config.regions ?? {})) {
        for (const [name, deployment] of Object.entries(account.deployments ?? {})) {
            const key = `regions.${region}.deployments.${name}`;
            if (!deployment.model || !deployment.version || !deployment.deploymentType || !deployment.capacity) {
                continue;
            }
            const finding = checkDeployment(
                { key, region, ...deployment },
                now,
                config.lifecycle?.retirementWarningDays ?? 90,
            );
            problems.push(...finding.problems);
            warnings.push(...finding.warnings);
            if (deployment.contentFilter && !deployment.contentFilter.startsWith("Microsoft.")) {
                problems.push({
                    key: `${key}.contentFilter`,
                    given: JSON.stringify(deployment.contentFilter),
                    allowed: "Microsoft.DefaultV2 (custom content filters are not defined for this stack)",
                });
            }
            const usageKey = `${region}|${deployment.deploymentType}|${deployment.model}`;
            const entry = usage.get(usageKey) ?? { total: 0, deployments: [] };
            entry.total += deployment.capacity;
            entry.deployments.push(key);
            usage.set(usageKey, entry);
        }
    }
    for (const [usageKey, { total, deployments }] of [...usage.entries()].sort()) {
        const [region, type, model] = usageKey.split("|") as [string, string, string];
        const quota = config.quota?.[region]?.[type]?.[model];
        if (quota !== undefined && total > quota) {
            problems.push({
                key: `quota.${region}.${type}.${model}`,
                given: `${total} capacity units requested by ${deployments.join(", ")}`,
                allowed: `at most ${quota} (the quota this stack declares); lower the capacities or request more quota`,
            });
        }
    }
    const ageWarning = checkCatalogAge(now, config.lifecycle?.catalogMaxAgeDays ?? 60);
    if (ageWarning) {
        warnings.push(ageWarning);
    }
}

/**
 * Validates raw configuration values (the project's config keys without their namespace) and
 * returns the typed config, or throws one ConfigError listing every problem.
 */
export function validateStackConfig(stack: string, raw: Raw, now: Date): ValidatedConfig {
    const rules = stackConfigRules(KNOWN_REGIONS);
    const problems: Problem[] = [];
    const knownKeys = Object.keys(rules);
    for (const key of Object.keys(raw)) {
        if (!knownKeys.includes(key)) {
            const hint = suggest(key, knownKeys);
            problems.push({
                key,
                given: "an unknown key",
                allowed: hint
                    ? `did you mean "${hint}"? Known keys: ${knownKeys.join(", ")}`
                    : `one of ${knownKeys.join(", ")}`,
            });
        }
    }
    const environment = raw["environment"];
    const defaults =
        typeof environment === "string" && environment in ENVIRONMENT_DEFAULTS
            ? ENVIRONMENT_DEFAULTS[environment as Environment]
            : {};
    const withDefaults = merge(defaults, raw);
    const table: Rule = { kind: "object", doc: "stack configuration", fields: rules };
    const known: Raw = Object.fromEntries(Object.entries(withDefaults).filter(([key]) => knownKeys.includes(key)));
    const config = validate(table, known, "", problems) as StackConfig;
    const warnings: string[] = [];
    crossChecks(config, now, problems, warnings);
    if (problems.length > 0) {
        throw new ConfigError(stack, problems);
    }
    return { config, warnings };
}

import * as pulumi from "@pulumi/pulumi";
import { checkCatalogAge, checkDeployment } from "../catalog/lifecycle";
import { checkBlocklistNames } from "./blocklist-names";
import { tier1QuotaHint } from "../catalog/quota";
import type { DeploymentType } from "../../policies/catalog/types";
import { type GatewayContext, gatewayCrossChecks, gatewayWarnings } from "./gateway-schema";
import { repeatedPrincipals } from "./entra";
import { overlaps, parseIpv4Range, subnetOutsideSpaces } from "./network-values";
import { formatProblems, type Problem } from "./rules";
import { parseWith } from "./schema-kit";
import {
    DEFAULT_CONTENT_FILTER,
    ENVIRONMENT_DEFAULTS,
    environmentSchema,
    type StackConfig,
    stackConfigSchema,
} from "./stack-config";

/**
 * A configuration mistake. It is a `RunError`, so `pulumi up` prints the message without a stack
 * trace; the offline plan maps it to exit code 2.
 */
export class ConfigError extends pulumi.RunError {
    public readonly problems: readonly Problem[];
    /** Warnings gathered before the problems stopped the run: the plan prints them too. */
    public readonly warnings: readonly string[];

    constructor(stack: string, problems: readonly Problem[], warnings: readonly string[] = []) {
        super(formatProblems(stack, problems));
        this.name = "ConfigError";
        this.problems = problems;
        this.warnings = warnings;
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
    if (config.keyVault.storeAccountKeys && config.accounts.disableLocalAuth) {
        problems.push({
            key: "keyVault.storeAccountKeys",
            given: "true while accounts.disableLocalAuth is true",
            allowed: "false, or set accounts.disableLocalAuth: false (an account without local auth has no usable key)",
        });
    }
    const usage = new Map<string, { total: number; deployments: string[] }>();
    for (const [region, account] of Object.entries(config.regions)) {
        // ARM resource names are case-insensitive: "Chat" and "chat" are one deployment to Azure.
        const seen = new Map<string, string>();
        for (const name of Object.keys(account.deployments)) {
            const other = seen.get(name.toLowerCase());
            if (other !== undefined) {
                problems.push({
                    key: `regions.${region}.deployments.${name}`,
                    given: `a second deployment named like ${JSON.stringify(other)}`,
                    allowed:
                        "deployment names unique within the account, ignoring case (Azure treats names case-insensitively)",
                });
            }
            seen.set(name.toLowerCase(), name);
        }
        for (const [name, deployment] of Object.entries(account.deployments)) {
            const key = `regions.${region}.deployments.${name}`;
            const finding = checkDeployment(
                { key, region, ...deployment },
                now,
                config.lifecycle.retirementWarningDays,
            );
            problems.push(...finding.problems);
            warnings.push(...finding.warnings);
            const filters = Object.keys(config.contentFilters);
            if (deployment.contentFilter !== DEFAULT_CONTENT_FILTER && !filters.includes(deployment.contentFilter)) {
                problems.push({
                    key: `${key}.contentFilter`,
                    given: JSON.stringify(deployment.contentFilter),
                    allowed: `${DEFAULT_CONTENT_FILTER} or a filter defined under contentFilters: ${filters.join(", ") || "(none defined)"}`,
                });
            }
            const usageKey = `${region}|${deployment.deploymentType}|${deployment.model}`;
            const entry = usage.get(usageKey) ?? { total: 0, deployments: [] };
            entry.total += deployment.capacity;
            entry.deployments.push(key);
            usage.set(usageKey, entry);
        }
    }
    // A quota row no deployment uses would be silently ignored: refuse it, naming the key.
    for (const [region, types] of Object.entries(config.quota)) {
        for (const [type, models] of Object.entries(types)) {
            for (const model of Object.keys(models)) {
                if (!usage.has(`${region}|${type}|${model}`)) {
                    problems.push({
                        key: `quota.${region}.${type}.${model}`,
                        given: "a quota no deployment of the stack uses",
                        allowed: `a row per region, deployment type and model that a deployment under regions.<region>.deployments asks for; remove the row or add the deployment`,
                    });
                }
            }
        }
    }
    for (const [usageKey, { total, deployments }] of [...usage.entries()].sort()) {
        const [region, type, model] = usageKey.split("|") as [string, string, string];
        const quota = config.quota[region]?.[type]?.[model];
        if (quota === undefined) {
            const hint = tier1QuotaHint(model, type as DeploymentType, total);
            if (hint) {
                warnings.push(
                    `${deployments.join(", ")}: asks for ${total} capacity units of ${model} ${type} in ${region}, but ${hint}; ` +
                        `check the subscription's quota (az cognitiveservices usage list --location ${region}) and declare it under quota.`,
                );
            }
        }
        if (quota !== undefined && total > quota) {
            problems.push({
                key: `quota.${region}.${type}.${model}`,
                given: `${total} capacity units requested by ${deployments.join(", ")}`,
                allowed: `at most ${quota} (the quota this stack declares); lower the capacities or request more quota`,
            });
        }
    }
    networkChecks(config, problems);
    problems.push(...checkBlocklistNames(config.contentFilters));
    if (config.gateway) {
        const context = gatewayContext(config);
        problems.push(...gatewayCrossChecks(config.gateway, context));
        warnings.push(...gatewayWarnings(config.gateway, context));
    }
    if (!config.monitoring.enabled && config.monitoring.existingWorkspaceId) {
        problems.push({
            key: "monitoring.existingWorkspaceId",
            given: "a workspace while monitoring.enabled is false",
            allowed: "no workspace id, or monitoring.enabled: true",
        });
    }
    problems.push(
        ...repeatedPrincipals(
            config.access.principals,
            (index) => `access.principals[${index}].objectId`,
            "each principal once (list all its roles in one entry)",
        ),
    );
    const ageWarning = checkCatalogAge(now, config.lifecycle.catalogMaxAgeDays);
    if (ageWarning) {
        warnings.push(ageWarning);
    }
}

function networkChecks(config: StackConfig, problems: Problem[]): void {
    const network = config.network;
    const endpoints = network.privateEndpoints;
    if (endpoints.enabled && !endpoints.existingSubnetId && !endpoints.virtualNetwork) {
        problems.push({
            key: "network.privateEndpoints",
            given: "enabled: true without a network",
            allowed:
                "existingSubnetId (your subnet) or virtualNetwork (addressSpaces and subnetPrefix) to put the endpoints in",
        });
    }
    if (endpoints.existingSubnetId && endpoints.virtualNetwork) {
        problems.push({
            key: "network.privateEndpoints",
            given: "both existingSubnetId and virtualNetwork",
            allowed: "one of them: an existing subnet, or a network the product creates",
        });
    }
    const vnet = endpoints.virtualNetwork;
    if (vnet) {
        const spaces = vnet.addressSpaces.map((text) => ({ text, range: parseIpv4Range(text) }));
        spaces.forEach((a, i) =>
            spaces.slice(i + 1).forEach((b) => {
                if (a.range && b.range && overlaps(a.range, b.range)) {
                    problems.push({
                        key: "network.privateEndpoints.virtualNetwork.addressSpaces",
                        given: `${a.text} and ${b.text}, which overlap`,
                        allowed: "address spaces that do not overlap",
                    });
                }
            }),
        );
        const subnet = parseIpv4Range(vnet.subnetPrefix);
        // A subnet needs room for Azure's 5 reserved addresses plus endpoints: /29 is the smallest
        // (Microsoft's virtual network FAQ).
        if (subnet && subnet.prefix > 29) {
            problems.push({
                key: "network.privateEndpoints.virtualNetwork.subnetPrefix",
                given: vnet.subnetPrefix,
                allowed: "a range of /29 or larger (Azure reserves 5 addresses in every subnet)",
            });
        }
        const outside =
            subnet &&
            subnetOutsideSpaces(
                "network.privateEndpoints.virtualNetwork.subnetPrefix",
                vnet.subnetPrefix,
                subnet,
                vnet.addressSpaces,
            );
        if (outside) {
            problems.push(outside);
        }
    }
    if (network.publicNetworkAccess === "Disabled" && network.ipRules.length > 0) {
        problems.push({
            key: "network.ipRules",
            given: `${network.ipRules.length} rules while publicNetworkAccess is Disabled`,
            allowed: "no IP rules (they only apply to the public endpoint), or publicNetworkAccess: Enabled",
        });
    }
    if (!network.restrictOutbound && network.allowedFqdns.length > 0) {
        problems.push({
            key: "network.allowedFqdns",
            given: `${network.allowedFqdns.length} hosts while restrictOutbound is false`,
            allowed: "no hosts, or restrictOutbound: true (the list only applies when outbound access is restricted)",
        });
    }
}

/** What the gateway's cross-key checks need from the rest of the config (typed and defaulted by now). */
function gatewayContext(config: StackConfig): GatewayContext {
    const { publicNetworkAccess, privateEndpoints } = config.network;
    return {
        deploymentsByRegion: Object.fromEntries(
            Object.entries(config.regions).map(([region, account]) => [region, Object.keys(account.deployments)]),
        ),
        accountsPrivate: publicNetworkAccess === "Disabled" && privateEndpoints.enabled,
        privateEndpoints,
        monitoringEnabled: config.monitoring.enabled,
    };
}

/**
 * Validates raw configuration values (the project's config keys without their namespace) and
 * returns the typed config, or throws one ConfigError listing every problem.
 *
 * Two passes: the schema first (types, ranges, patterns, unknown keys, nulls), then the cross-key
 * checks on the typed value. The second pass needs the date and the model catalog, which a static
 * schema should not capture, and it reads defaulted, well-typed values instead of guessing around
 * half-valid ones; a stack with shape problems gets those first.
 */
export function validateStackConfig(stack: string, raw: Raw, now: Date): ValidatedConfig {
    const environment = environmentSchema.safeParse(raw["environment"]);
    const defaults = environment.success ? ENVIRONMENT_DEFAULTS[environment.data] : {};
    const parsed = parseWith(stackConfigSchema, merge(defaults, raw));
    if (!parsed.ok) {
        throw new ConfigError(stack, parsed.problems);
    }
    const problems: Problem[] = [];
    const warnings: string[] = [];
    crossChecks(parsed.value, now, problems, warnings);
    if (problems.length > 0) {
        throw new ConfigError(stack, problems, warnings);
    }
    return { config: parsed.value, warnings };
}

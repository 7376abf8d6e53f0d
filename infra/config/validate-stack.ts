import * as pulumi from "@pulumi/pulumi";
import { checkCatalogAge, checkDeployment } from "../catalog/lifecycle";
import { KNOWN_REGIONS } from "../catalog/models";
import { tier1QuotaHint } from "../catalog/quota";
import type { DeploymentType } from "../catalog/types";
import { gatewayCrossChecks, gatewayWarnings, parseGateway } from "./gateway-schema";
import { contains, overlaps, parseIpv4Range } from "./network-values";
import { formatProblems, type Problem, type Rule, suggest, validate } from "./rules";
import {
    DEFAULT_CONTENT_FILTER,
    ENVIRONMENT_DEFAULTS,
    type Environment,
    stackConfigRules,
    type StackConfig,
} from "./stack-config";

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
        // ARM resource names are case-insensitive: "Chat" and "chat" are one deployment to Azure.
        const seen = new Map<string, string>();
        for (const name of Object.keys(account.deployments ?? {})) {
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
            const filters = Object.keys(config.contentFilters ?? {});
            if (
                deployment.contentFilter &&
                deployment.contentFilter !== DEFAULT_CONTENT_FILTER &&
                !filters.includes(deployment.contentFilter)
            ) {
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
    for (const [usageKey, { total, deployments }] of [...usage.entries()].sort()) {
        const [region, type, model] = usageKey.split("|") as [string, string, string];
        const quota = config.quota?.[region]?.[type]?.[model];
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
    if (config.encryption?.keySize !== undefined && ![2048, 3072, 4096].includes(config.encryption.keySize)) {
        problems.push({
            key: "encryption.keySize",
            given: String(config.encryption.keySize),
            allowed: "2048, 3072 or 4096",
        });
    }
    if (config.monitoring?.enabled === false && config.monitoring.existingWorkspaceId) {
        problems.push({
            key: "monitoring.existingWorkspaceId",
            given: "a workspace while monitoring.enabled is false",
            allowed: "no workspace id, or monitoring.enabled: true",
        });
    }
    const seenPrincipals = new Set<string>();
    (config.access?.principals ?? []).forEach((principal, index) => {
        const id = principal.objectId?.toLowerCase();
        if (id && seenPrincipals.has(id)) {
            problems.push({
                key: `access.principals[${index}].objectId`,
                given: `${JSON.stringify(principal.objectId)} again`,
                allowed: "each principal once (list all its roles in one entry)",
            });
        }
        if (id) {
            seenPrincipals.add(id);
        }
    });
    const ageWarning = checkCatalogAge(now, config.lifecycle?.catalogMaxAgeDays ?? 60);
    if (ageWarning) {
        warnings.push(ageWarning);
    }
}

function networkChecks(config: StackConfig, problems: Problem[]): void {
    const network = config.network;
    if (!network) {
        return;
    }
    const endpoints = network.privateEndpoints;
    if (endpoints?.enabled && !endpoints.existingSubnetId && !endpoints.virtualNetwork) {
        problems.push({
            key: "network.privateEndpoints",
            given: "enabled: true without a network",
            allowed:
                "existingSubnetId (your subnet) or virtualNetwork (addressSpaces and subnetPrefix) to put the endpoints in",
        });
    }
    if (endpoints?.existingSubnetId && endpoints.virtualNetwork) {
        problems.push({
            key: "network.privateEndpoints",
            given: "both existingSubnetId and virtualNetwork",
            allowed: "one of them: an existing subnet, or a network the product creates",
        });
    }
    const vnet = endpoints?.virtualNetwork;
    if (vnet?.addressSpaces && vnet.subnetPrefix) {
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
        if (subnet && !spaces.some((space) => space.range && contains(space.range, subnet))) {
            problems.push({
                key: "network.privateEndpoints.virtualNetwork.subnetPrefix",
                given: vnet.subnetPrefix,
                allowed: `a range inside one of the address spaces ${vnet.addressSpaces.join(", ")}`,
            });
        }
    }
    if (network.publicNetworkAccess === "Disabled" && (network.ipRules?.length ?? 0) > 0) {
        problems.push({
            key: "network.ipRules",
            given: `${network.ipRules.length} rules while publicNetworkAccess is Disabled`,
            allowed: "no IP rules (they only apply to the public endpoint), or publicNetworkAccess: Enabled",
        });
    }
    if (network.restrictOutbound === false && (network.allowedFqdns?.length ?? 0) > 0) {
        problems.push({
            key: "network.allowedFqdns",
            given: `${network.allowedFqdns.length} hosts while restrictOutbound is false`,
            allowed: "no hosts, or restrictOutbound: true (the list only applies when outbound access is restricted)",
        });
    }
}

/** What the gateway's cross-key checks need from the rest of the (possibly partial) config. */
function gatewayContext(config: StackConfig): Parameters<typeof gatewayCrossChecks>[1] {
    const endpoints = config.network?.privateEndpoints;
    return {
        deploymentsByRegion: Object.fromEntries(
            Object.entries(config.regions ?? {}).map(([region, account]) => [
                region,
                Object.keys(account?.deployments ?? {}),
            ]),
        ),
        accountsPrivate: config.network?.publicNetworkAccess === "Disabled" && endpoints?.enabled === true,
        privateEndpoints: {
            enabled: endpoints?.enabled === true,
            ...(endpoints?.existingSubnetId ? { existingSubnetId: endpoints.existingSubnetId } : {}),
            ...(endpoints?.virtualNetwork ? { virtualNetwork: endpoints.virtualNetwork } : {}),
        },
        monitoringEnabled: config.monitoring?.enabled !== false,
    };
}

/**
 * Validates raw configuration values (the project's config keys without their namespace) and
 * returns the typed config, or throws one ConfigError listing every problem.
 */
export function validateStackConfig(stack: string, raw: Raw, now: Date): ValidatedConfig {
    const rules = stackConfigRules(KNOWN_REGIONS);
    const problems: Problem[] = [];
    // `gateway` is validated by its zod schema (gateway-schema.ts), not by the rule table.
    const knownKeys = [...Object.keys(rules), "gateway"];
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
    const known: Raw = Object.fromEntries(
        Object.entries(withDefaults).filter(([key]) => key !== "gateway" && knownKeys.includes(key)),
    );
    let config = validate(table, known, "", problems) as StackConfig;
    const warnings: string[] = [];
    crossChecks(config, now, problems, warnings);
    if (raw["gateway"] !== undefined) {
        const gateway = parseGateway(raw["gateway"]);
        problems.push(...gateway.problems);
        if (gateway.config) {
            const context = gatewayContext(config);
            problems.push(...gatewayCrossChecks(gateway.config, context));
            warnings.push(...gatewayWarnings(gateway.config, context));
            config = { ...config, gateway: gateway.config };
        }
    }
    if (problems.length > 0) {
        throw new ConfigError(stack, problems);
    }
    return { config, warnings };
}

/**
 * The `gateway` section of a stack's configuration: an AI gateway (Azure API Management) in front
 * of the stack's accounts. Written as a zod schema (zod 4: typed parsing with every issue reported,
 * no hand-written walker) so that it can join the zod root schema as `gateway: gatewaySchema.optional()`.
 *
 * Tier facts (Microsoft Learn, "API Management features" and "v2 service tiers overview"):
 * outbound VNet integration only in Standard v2 and Premium v2; an inbound private endpoint in every
 * tier but Consumption and Basic v2; token limits and backend circuit breakers in every tier but
 * Consumption.
 */
import { z } from "zod";
import type { Problem } from "./rules";
import { contains, overlaps, parseIpv4Range } from "./network-values";

/** Tiers the product offers, as the ARM `sku.name` spells them. */
export const GATEWAY_TIERS = [
    "Developer",
    "Basic",
    "Standard",
    "Premium",
    "BasicV2",
    "StandardV2",
    "PremiumV2",
] as const;
export type GatewayTier = (typeof GATEWAY_TIERS)[number];

/** Tiers that can reach private backends (outbound VNet integration, a subnet delegated to Microsoft.Web/serverFarms). */
export const OUTBOUND_INTEGRATION_TIERS: readonly GatewayTier[] = ["StandardV2", "PremiumV2"];
/** Tiers that accept an inbound private endpoint. */
export const PRIVATE_INBOUND_TIERS: readonly GatewayTier[] = [
    "Developer",
    "Basic",
    "Standard",
    "Premium",
    "StandardV2",
    "PremiumV2",
];
/** Scale units per tier (v2 overview: Basic v2 and Standard v2 up to 10, Premium v2 up to 30). */
export const MAX_UNITS: Readonly<Record<GatewayTier, number>> = {
    Developer: 1,
    Basic: 2,
    Standard: 4,
    Premium: 12,
    BasicV2: 10,
    StandardV2: 10,
    PremiumV2: 30,
};

export const TOKEN_QUOTA_PERIODS = ["Hourly", "Daily", "Weekly", "Monthly", "Yearly"] as const;

const GUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
const SUBNET_ID =
    /^\/subscriptions\/[^/]+\/resourceGroups\/[^/]+\/providers\/Microsoft\.Network\/virtualNetworks\/[^/]+\/subnets\/[^/]+$/i;

const tier = z.enum(GATEWAY_TIERS, {
    error: (issue) =>
        issue.input === "Consumption"
            ? `not Consumption: it has no token limit policy and no backend circuit breaker; one of ${GATEWAY_TIERS.join(", ")}`
            : `one of ${GATEWAY_TIERS.join(", ")}`,
});

const cidr = z.string().refine((value) => value.includes("/") && parseIpv4Range(value) !== undefined, {
    error: "an IPv4 CIDR range such as 10.62.0.64/26, with no host bits set",
});

const principal = z.strictObject(
    {
        objectId: z.string().regex(GUID, { error: "a GUID (the Entra object id)" }),
        principalType: z.enum(["User", "Group", "ServicePrincipal"], {
            error: "one of User, Group, ServicePrincipal",
        }),
        description: z.string().max(200, { error: "at most 200 characters" }).optional(),
    },
    { error: "a principal: objectId, principalType and an optional description" },
);

const team = z.strictObject(
    {
        tokensPerMinute: z
            .int({ error: "a whole number of tokens per minute" })
            .min(100, { error: "at least 100" })
            .max(10_000_000, { error: "at most 10000000" }),
        tokenQuota: z
            .strictObject(
                {
                    tokens: z.int({ error: "a whole number of tokens" }).min(1000, { error: "at least 1000" }),
                    period: z.enum(TOKEN_QUOTA_PERIODS, { error: `one of ${TOKEN_QUOTA_PERIODS.join(", ")}` }),
                },
                { error: "tokens and a period" },
            )
            .optional(),
        deployments: z
            .array(z.string({ error: "a deployment's stable name" }).min(1, { error: "a deployment's stable name" }), {
                error: "a list of deployment names (their stable names under regions.<region>.deployments)",
            })
            .min(1, { error: "at least one deployment (by its stable name under regions.<region>.deployments)" })
            .refine((list) => new Set(list).size === list.length, { error: "each deployment once" }),
        principals: z
            .array(principal, { error: "a list of principals that may read the team's key" })
            .max(50, { error: "at most 50 principals" })
            .default([]),
    },
    { error: "a team: tokensPerMinute, deployments, and optionally tokenQuota and principals" },
);

export const gatewaySchema = z.strictObject(
    {
        tier: tier.default("StandardV2"),
        capacity: z.int({ error: "a whole number of scale units" }).min(1, { error: "at least 1" }).default(1),
        publisherEmail: z.email({ error: "an e-mail address (API Management sends notifications to it)" }),
        publisherName: z
            .string({ error: "the organisation publishing the APIs" })
            .min(1, { error: "the organisation publishing the APIs" })
            .max(100, { error: "at most 100 characters" }),
        inbound: z.enum(["public", "private"], { error: "public or private" }).default("public"),
        network: z
            .strictObject(
                {
                    subnetPrefix: cidr.optional(),
                    existingSubnetId: z
                        .string()
                        .regex(SUBNET_ID, {
                            error: "a subnet id like /subscriptions/…/virtualNetworks/<vnet>/subnets/<subnet>",
                        })
                        .optional(),
                },
                { error: "subnetPrefix or existingSubnetId: the gateway's integration subnet" },
            )
            .default({}),
        teams: z
            .record(
                z.string().regex(/^[a-z][a-z0-9-]{0,28}[a-z0-9]$/, {
                    error: "2 to 30 lowercase letters, digits or hyphens, starting with a letter",
                }),
                team,
                { error: "teams by name, each with tokensPerMinute and deployments" },
            )
            .refine((teams) => Object.keys(teams).length > 0, { error: "at least one team" }),
    },
    { error: "an object: tier, capacity, publisherEmail, publisherName, inbound, network, teams" },
);

export type GatewayConfig = z.infer<typeof gatewaySchema>;
export type GatewayTeamConfig = GatewayConfig["teams"][string];

/** What the cross-key checks need to know about the rest of the stack. */
export interface GatewayContext {
    /** Deployment stable names per region, regions in the order the stack file lists them. */
    readonly deploymentsByRegion: Readonly<Record<string, readonly string[]>>;
    /** The accounts take traffic only through private endpoints. */
    readonly accountsPrivate: boolean;
    readonly privateEndpoints: {
        readonly enabled: boolean;
        readonly existingSubnetId?: string;
        readonly virtualNetwork?: { readonly addressSpaces: readonly string[]; readonly subnetPrefix: string };
    };
    readonly monitoringEnabled: boolean;
}

/** What the stack file asks that the gateway can only partly do; the plan prints these as warnings. */
export function gatewayWarnings(gateway: GatewayConfig, context: GatewayContext): string[] {
    return context.monitoringEnabled
        ? []
        : [
              `gateway: monitoring.enabled is false, so the gateway keeps no logs and emits no per-team token metrics ` +
                  `(${Object.keys(gateway.teams).join(", ")}); the policy pack's azure-apimanagement-service-diagnostic-settings flags it.`,
          ];
}

/** Checks across keys: deployments exist, the tier supports what is asked, the network fits. */
export function gatewayCrossChecks(gateway: GatewayConfig, context: GatewayContext): Problem[] {
    const problems: Problem[] = [];
    const regions = Object.keys(context.deploymentsByRegion);
    for (const [name, team] of Object.entries(gateway.teams)) {
        team.deployments.forEach((deployment, index) => {
            // The pool fails over to any region, so a deployment missing in one would answer 404 there.
            const missing = regions.filter((region) => !context.deploymentsByRegion[region]?.includes(deployment));
            if (missing.length > 0) {
                problems.push({
                    key: `gateway.teams.${name}.deployments[${index}]`,
                    given: `${JSON.stringify(deployment)}, not deployed in ${missing.join(", ")}`,
                    allowed: `a deployment every region has (the gateway fails over between regions): ${
                        regions
                            .map((region) => context.deploymentsByRegion[region] ?? [])
                            .reduce((a, b) => a.filter((d) => b.includes(d)))
                            .join(", ") || "(none in common)"
                    }`,
                });
            }
        });
        const seen = new Set<string>();
        team.principals.forEach((principal, index) => {
            const id = principal.objectId.toLowerCase();
            if (seen.has(id)) {
                problems.push({
                    key: `gateway.teams.${name}.principals[${index}].objectId`,
                    given: `${JSON.stringify(principal.objectId)} again`,
                    allowed: "each principal once per team",
                });
            }
            seen.add(id);
        });
    }
    if (gateway.capacity > MAX_UNITS[gateway.tier]) {
        problems.push({
            key: "gateway.capacity",
            given: String(gateway.capacity),
            allowed: `at most ${MAX_UNITS[gateway.tier]} scale units in ${gateway.tier}`,
        });
    }
    if (gateway.inbound === "private" && !PRIVATE_INBOUND_TIERS.includes(gateway.tier)) {
        problems.push({
            key: "gateway.inbound",
            given: `"private" with tier ${gateway.tier}`,
            allowed: `"public", or a tier that takes an inbound private endpoint: ${PRIVATE_INBOUND_TIERS.join(", ")} (Basic v2 does not)`,
        });
    }
    if (gateway.inbound === "private" && !context.privateEndpoints.enabled) {
        problems.push({
            key: "gateway.inbound",
            given: '"private" while network.privateEndpoints.enabled is false',
            allowed: '"public", or enable network.privateEndpoints (the gateway\'s endpoint goes in that network)',
        });
    }
    if (context.accountsPrivate && !OUTBOUND_INTEGRATION_TIERS.includes(gateway.tier)) {
        problems.push({
            key: "gateway.tier",
            given: `${gateway.tier} while the accounts take traffic only through private endpoints`,
            allowed: `a tier with outbound virtual network integration, which reaches the accounts' private endpoints: ${OUTBOUND_INTEGRATION_TIERS.join(", ")}`,
        });
    }
    if (context.accountsPrivate || gateway.network.subnetPrefix || gateway.network.existingSubnetId) {
        problems.push(...subnetChecks(gateway, context));
    }
    return problems;
}

function subnetChecks(gateway: GatewayConfig, context: GatewayContext): Problem[] {
    const { subnetPrefix, existingSubnetId } = gateway.network;
    const endpoints = context.privateEndpoints;
    if (!endpoints.enabled) {
        return subnetPrefix
            ? [
                  {
                      key: "gateway.network.subnetPrefix",
                      given: `${subnetPrefix} while network.privateEndpoints.enabled is false`,
                      allowed:
                          "no subnetPrefix (the stack creates no network to put it in), or enable network.privateEndpoints",
                  },
              ]
            : [];
    }
    if (endpoints.existingSubnetId) {
        return existingSubnetId
            ? []
            : [
                  {
                      key: "gateway.network.existingSubnetId",
                      given: "(missing) while network.privateEndpoints uses an existing subnet",
                      allowed:
                          "a subnet of the same network, delegated to Microsoft.Web/serverFarms, for the gateway's outbound integration",
                  },
              ];
    }
    if (existingSubnetId) {
        return [
            {
                key: "gateway.network.existingSubnetId",
                given: "a subnet while the stack creates its own network",
                allowed: "subnetPrefix: a range inside network.privateEndpoints.virtualNetwork.addressSpaces",
            },
        ];
    }
    const vnet = endpoints.virtualNetwork;
    if (!subnetPrefix) {
        return [
            {
                key: "gateway.network.subnetPrefix",
                given: "(missing) while the accounts are private",
                allowed: `a free range inside ${vnet?.addressSpaces.join(", ") ?? "the stack's network"} for the gateway's integration subnet (/27 or larger)`,
            },
        ];
    }
    const range = parseIpv4Range(subnetPrefix);
    if (!range || !vnet) {
        return [];
    }
    const problems: Problem[] = [];
    if (range.prefix > 27) {
        problems.push({
            key: "gateway.network.subnetPrefix",
            given: subnetPrefix,
            allowed: "a range of /27 or larger (API Management's minimum for virtual network integration)",
        });
    }
    const spaces = vnet.addressSpaces.map(parseIpv4Range);
    if (!spaces.some((space) => space && contains(space, range))) {
        problems.push({
            key: "gateway.network.subnetPrefix",
            given: subnetPrefix,
            allowed: `a range inside one of the address spaces ${vnet.addressSpaces.join(", ")}`,
        });
    }
    const endpointRange = parseIpv4Range(vnet.subnetPrefix);
    if (endpointRange && overlaps(endpointRange, range)) {
        problems.push({
            key: "gateway.network.subnetPrefix",
            given: `${subnetPrefix}, which overlaps the endpoints' subnet ${vnet.subnetPrefix}`,
            allowed: "a range that does not overlap network.privateEndpoints.virtualNetwork.subnetPrefix",
        });
    }
    return problems;
}

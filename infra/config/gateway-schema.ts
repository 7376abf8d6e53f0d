/**
 * The `gateway` section of a stack's configuration: an AI gateway (Azure API Management) in front
 * of the stack's accounts. Part of the root schema (`gateway: gatewaySchema.optional()` in
 * stack-config.ts) and written the same way: plain zod checks with `.meta({ description, hint })`,
 * so that messages, null refusals and docs/configuration.md come from schema-kit; refinements
 * (`checked`) say in their message what is allowed, and the cross-key checks below run on the
 * typed, defaulted config.
 *
 * Tier facts (Microsoft Learn, "API Management features" and "v2 service tiers overview"):
 * outbound VNet integration only in Standard v2 and Premium v2; an inbound private endpoint in every
 * tier but Consumption and Basic v2; token limits and backend circuit breakers in every tier but
 * Consumption.
 */
import { z } from "zod";
import { MAX_DEPLOYMENTS_PER_ACCOUNT } from "../../policies/catalog/models";
import { GUID_PATTERN, principalTypeSchema, repeatedPrincipals } from "./entra";
import { type Problem, suggest } from "./rules";
import {
    cidr,
    overlaps,
    parseIpv4Range,
    RESOURCE_ID_HINTS,
    RESOURCE_ID_PATTERNS,
    subnetOutsideSpaces,
} from "./network-values";
import { checked, listOf, mapOf } from "./schema-kit";

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

const TIERS_ALLOWED = `one of ${GATEWAY_TIERS.map((name) => JSON.stringify(name)).join(", ")}`;

/** A tier the product offers; Consumption is refused with the reason, other names with "did you mean". */
const tierSchema = checked(z.string(), (value) => {
    if ((GATEWAY_TIERS as readonly string[]).includes(value)) {
        return undefined;
    }
    if (value === "Consumption") {
        return `not Consumption: it has no token limit policy and no backend circuit breaker; ${TIERS_ALLOWED}`;
    }
    const hint = suggest(value, GATEWAY_TIERS);
    return hint ? `did you mean "${hint}"? ${TIERS_ALLOWED}` : TIERS_ALLOWED;
}).pipe(z.enum(GATEWAY_TIERS));

const principalSchema = z
    .strictObject({
        objectId: z
            .string()
            .regex(GUID_PATTERN)
            .meta({ description: "Entra object id of the user, group or service principal.", hint: "a GUID" }),
        principalType: principalTypeSchema,
        description: z.string().max(200).optional().meta({ description: "Who this is, for reviewers." }),
    })
    .meta({ description: "One principal that may read the team's subscription key." });

const teamSchema = z
    .strictObject({
        tokensPerMinute: z
            .int()
            .min(100)
            .max(10_000_000)
            .meta({ description: "Tokens per minute the team may use (`llm-token-limit`, counted per subscription)." }),
        tokenQuota: z
            .strictObject({
                tokens: z.int().min(1000).meta({ description: "Tokens the team may use per period." }),
                period: z.enum(TOKEN_QUOTA_PERIODS).meta({ description: "When the quota resets." }),
            })
            .optional()
            .meta({ description: "A quota on top of the rate limit (`token-quota` and `token-quota-period`)." }),
        deployments: listOf(
            z.string().min(1).meta({
                description: "deployment",
                hint: "a deployment's stable name under regions.<region>.deployments",
            }),
            // A team cannot name more deployments than an account holds (the catalog's limit).
            { max: MAX_DEPLOYMENTS_PER_ACCOUNT, unique: true },
        )
            .min(1)
            .meta({
                description:
                    "Deployments the team may call, by their stable names; every region must have each (the gateway fails over between regions).",
            }),
        principals: listOf(principalSchema, { max: 50 }).default([]).meta({
            description: "Entra principals that may read the team's subscription key from the vault.",
        }),
    })
    .meta({ description: "One team: its token limits and the deployments it may call." });

export const gatewaySchema = z
    .strictObject({
        tier: tierSchema.default("StandardV2").meta({
            description:
                "API Management tier (`sku.name`); not Consumption, which has no token limit policy and no backend circuit breaker.",
        }),
        capacity: z
            .int()
            .min(1)
            .max(Math.max(...Object.values(MAX_UNITS)))
            .default(1)
            .meta({
                description: `Scale units; at most ${Object.entries(MAX_UNITS)
                    .map(([name, units]) => `${units} in ${name}`)
                    .join(", ")}.`,
            }),
        publisherEmail: z.email().meta({
            description: "Publisher e-mail address (`publisherEmail`); API Management sends notifications to it.",
            hint: "an e-mail address",
        }),
        publisherName: z
            .string()
            .min(1)
            .max(100)
            .meta({ description: "Organisation publishing the APIs (`publisherName`)." }),
        inbound: z.enum(["public", "private"]).default("public").meta({
            description:
                "How clients reach the gateway: `public`, or `private` through a private endpoint in network.privateEndpoints' network.",
        }),
        network: z
            .strictObject({
                subnetPrefix: cidr(
                    "Range of the gateway's integration subnet (/27 or larger) inside network.privateEndpoints.virtualNetwork.",
                    "10.62.0.64/26",
                ).optional(),
                existingSubnetId: z
                    .string()
                    .regex(RESOURCE_ID_PATTERNS.subnet)
                    .optional()
                    .meta({
                        description:
                            "Or an existing subnet delegated to Microsoft.Web/serverFarms, when network.privateEndpoints uses an existing subnet.",
                        hint: `a resource id like ${RESOURCE_ID_HINTS.subnet}`,
                    }),
            })
            .prefault({})
            .meta({
                description:
                    "Outbound virtual network integration (Standard v2, Premium v2), needed when the accounts are private.",
            }),
        teams: mapOf(
            z
                .string()
                .regex(/^[a-z][a-z0-9-]{0,28}[a-z0-9]$/)
                .meta({
                    description: "team",
                    hint: "2 to 30 lowercase letters, digits or hyphens, starting with a letter and not ending with a hyphen",
                }),
            teamSchema,
            { min: 1 },
        ).meta({ description: "Teams by name; each gets a product, a subscription key and its own token limit." }),
    })
    .meta({
        description:
            "An AI gateway (Azure API Management) in front of the accounts: per-team keys and token limits, failover between regions.",
    });

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
        problems.push(
            ...repeatedPrincipals(
                team.principals,
                (index) => `gateway.teams.${name}.principals[${index}].objectId`,
                "each principal once per team",
            ),
        );
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
    const outside = subnetOutsideSpaces("gateway.network.subnetPrefix", subnetPrefix, range, vnet.addressSpaces);
    if (outside) {
        problems.push(outside);
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

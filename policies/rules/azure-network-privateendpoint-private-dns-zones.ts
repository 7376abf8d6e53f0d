/**
 * Each private endpoint of an account or vault has a private DNS zone group with every zone its
 * target answers on: privatelink.openai.azure.com for kind OpenAI; for kind AIServices also
 * privatelink.cognitiveservices.azure.com and privatelink.services.ai.azure.com;
 * privatelink.vaultcore.azure.net for a vault.
 *
 * Severity high. Azure Policy c4bc6f10 (DINE) configures one zone only; this rule checks all of
 * them. Policy-rules.md rows 4 and 14.
 */
import type { PolicyResource } from "@pulumi/policy";
import { stackPolicy } from "../metadata";
import { endpointRelation } from "../lib/links";
import { dependsDirectlyOn, label, ofType, stringProp } from "../lib/relations";
import { type AccountProps, type PrivateDnsZoneGroupProps, TYPES } from "../lib/types";
import { isUnknown, read, readList } from "../lib/values";

const OPENAI_ZONE = "privatelink.openai.azure.com";
const COGNITIVE_ZONE = "privatelink.cognitiveservices.azure.com";
const AI_SERVICES_ZONE = "privatelink.services.ai.azure.com";
const VAULT_ZONE = "privatelink.vaultcore.azure.net";

/** Zones an account answers on, by kind (Microsoft's private DNS zone values for Azure AI services). */
export function zonesForKind(kind: string): readonly string[] {
    switch (kind) {
        case "OpenAI":
            return [OPENAI_ZONE];
        case "AIServices":
            return [COGNITIVE_ZONE, OPENAI_ZONE, AI_SERVICES_ZONE];
        default:
            return [COGNITIVE_ZONE];
    }
}

interface Target {
    readonly resource: PolicyResource;
    readonly description: string;
    readonly zones: readonly string[];
}

/** The account or vault an endpoint certainly connects to, with the zones it needs. */
function targetOf(endpoint: PolicyResource, accounts: PolicyResource[], vaults: PolicyResource[]): Target | undefined {
    for (const account of accounts) {
        if (endpointRelation(endpoint, account, "account") === "yes") {
            const kind = read(() => (account.props as AccountProps).kind);
            if (typeof kind !== "string") {
                return undefined;
            }
            return {
                resource: account,
                description: `account ${label(account)}, kind ${kind}`,
                zones: zonesForKind(kind),
            };
        }
    }
    for (const vault of vaults) {
        if (endpointRelation(endpoint, vault, "vault") === "yes") {
            return { resource: vault, description: `vault ${label(vault)}`, zones: [VAULT_ZONE] };
        }
    }
    return undefined;
}

/** The zone groups of an endpoint: by `privateEndpointName`, dependency, or parent. */
function zoneGroupsOf(endpoint: PolicyResource, groups: PolicyResource[]): PolicyResource[] {
    const endpointName = stringProp(endpoint, "privateEndpointName");
    return groups.filter((group) => {
        const groupEndpoint = stringProp(group, "privateEndpointName");
        return (
            (typeof endpointName === "string" && groupEndpoint === endpointName) ||
            dependsDirectlyOn(group, endpoint) ||
            group.parent?.urn === endpoint.urn
        );
    });
}

/** Zone names a zone group links (lower case), or undefined when any of them is not known yet. */
function zoneNames(group: PolicyResource): string[] | undefined {
    const configs = readList(() => (group.props as PrivateDnsZoneGroupProps).privateDnsZoneConfigs);
    if (isUnknown(configs)) {
        return undefined;
    }
    const names: string[] = [];
    for (const config of configs) {
        const id = read(() => config.privateDnsZoneId);
        if (isUnknown(id)) {
            // The zone is created in the same update: take the names of the zones the group waits for.
            const zones = ofType(group.dependencies, TYPES.privateZone).map(
                (zone) =>
                    // privateZoneName is an input; after an update the outputs carry it as `name`.
                    stringProp(zone, "privateZoneName") ?? stringProp(zone, "name"),
            );
            if (zones.some((zone) => typeof zone !== "string")) {
                return undefined;
            }
            names.push(...(zones as string[]));
        } else if (typeof id === "string") {
            names.push(id.replace(/\/+$/, "").split("/").pop() ?? "");
        }
    }
    return names.map((name) => name.toLowerCase());
}

export const privateEndpointPrivateDnsZones = stackPolicy({
    name: "azure-network-privateendpoint-private-dns-zones",
    description:
        "Private endpoints of accounts and vaults have DNS zone groups covering every zone the target answers on " +
        "(OpenAI: privatelink.openai.azure.com; AIServices: also privatelink.cognitiveservices.azure.com and " +
        "privatelink.services.ai.azure.com; vault: privatelink.vaultcore.azure.net).",
    enforcementLevel: "mandatory",
    severity: "high",
    origin: "rows 4, 14",
    publicIds: { azurePolicy: ["c4bc6f10"] },
    remediationSteps:
        "Add a network.PrivateDnsZoneGroup on the private endpoint with one privateDnsZoneConfigs entry per missing " +
        "zone (create the privatedns.PrivateZone and link it to the VNet, or use an existing zone's id).",
    validateStack: (args, reportViolation) => {
        const accounts = ofType(args.resources, TYPES.account);
        const vaults = ofType(args.resources, TYPES.vault);
        const groups = ofType(args.resources, TYPES.privateDnsZoneGroup);
        for (const endpoint of ofType(args.resources, TYPES.privateEndpoint)) {
            const target = targetOf(endpoint, accounts, vaults);
            if (!target) {
                continue;
            }
            const linked: string[] = [];
            let known = true;
            for (const group of zoneGroupsOf(endpoint, groups)) {
                const names = zoneNames(group);
                if (names === undefined) {
                    known = false;
                } else {
                    linked.push(...names);
                }
            }
            const missing = target.zones.filter((zone) => !linked.includes(zone));
            if (known && missing.length > 0) {
                reportViolation(
                    `private endpoint ${label(endpoint)} (${target.description}) has no private DNS zone ` +
                        `${missing.join(", ")} in its zone groups: clients would resolve the public address, which ` +
                        "refuses them once public access is off.",
                    endpoint.urn,
                );
            }
        }
    },
});

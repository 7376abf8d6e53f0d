/**
 * Network values in configuration: IPv4 CIDR ranges and ARM resource ids, parsed and compared
 * without a library (IPv4 only: Azure AI services IP rules accept IPv4 addresses and ranges only —
 * ARM spec Microsoft.CognitiveServices 2025-06-01, `IpRule.value`).
 */
import { z } from "zod";
import { checked } from "./schema-kit";

export interface Ipv4Range {
    readonly first: number;
    readonly last: number;
    readonly prefix: number;
}

/** Parses `a.b.c.d` or `a.b.c.d/n`; returns undefined for anything else or a host part set in a range. */
export function parseIpv4Range(text: string): Ipv4Range | undefined {
    const match = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})(?:\/(\d{1,2}))?$/.exec(text);
    if (!match) {
        return undefined;
    }
    const octets = match.slice(1, 5).map(Number);
    if (octets.some((octet) => octet > 255) || match.slice(1, 5).some((o) => o.length > 1 && o.startsWith("0"))) {
        return undefined;
    }
    const prefix = match[5] === undefined ? 32 : Number(match[5]);
    if (prefix > 32) {
        return undefined;
    }
    const address = octets.reduce((value, octet) => value * 256 + octet, 0);
    const size = 2 ** (32 - prefix);
    if (address % size !== 0) {
        return undefined;
    }
    return { first: address, last: address + size - 1, prefix };
}

export function overlaps(a: Ipv4Range, b: Ipv4Range): boolean {
    return a.first <= b.last && b.first <= a.last;
}

export function contains(outer: Ipv4Range, inner: Ipv4Range): boolean {
    return outer.first <= inner.first && inner.last <= outer.last;
}

/** The problem when `subnet` (written `subnetPrefix` at `key`) lies in none of `addressSpaces`. */
export function subnetOutsideSpaces(
    key: string,
    subnetPrefix: string,
    subnet: Ipv4Range,
    addressSpaces: readonly string[],
): { key: string; given: string; allowed: string } | undefined {
    const inside = addressSpaces.some((text) => {
        const space = parseIpv4Range(text);
        return space !== undefined && contains(space, subnet);
    });
    return inside
        ? undefined
        : { key, given: subnetPrefix, allowed: `a range inside one of the address spaces ${addressSpaces.join(", ")}` };
}

/** Ranges that are not public internet addresses (RFC 1918, loopback, link-local, CGNAT, multicast, reserved). */
const NON_PUBLIC = [
    "0.0.0.0/8",
    "10.0.0.0/8",
    "100.64.0.0/10",
    "127.0.0.0/8",
    "169.254.0.0/16",
    "172.16.0.0/12",
    "192.168.0.0/16",
    "224.0.0.0/3",
]
    .map((cidr) => parseIpv4Range(cidr))
    .filter((range): range is Ipv4Range => range !== undefined);

export function isPublic(range: Ipv4Range): boolean {
    return !NON_PUBLIC.some((reserved) => overlaps(reserved, range));
}

/**
 * An IP rule for an Azure AI services account or a Key Vault: a public IPv4 address, or a range of
 * prefix /30 or shorter. Microsoft's "Configure virtual networks for Azure AI services" page: rules
 * apply to public internet addresses only, and /31 and /32 ranges must be written as single addresses.
 */
export function ipRuleProblem(text: string): string | undefined {
    const range = parseIpv4Range(text);
    if (!range) {
        return "an IPv4 address (203.0.113.7) or CIDR range (203.0.113.0/24) with no host bits set";
    }
    if (text.includes("/") && range.prefix > 30) {
        return "a range of /30 or shorter; write /31 and /32 as single addresses";
    }
    if (!isPublic(range)) {
        return "a public address: private, loopback and reserved ranges cannot be IP rules (use VNet rules or private endpoints)";
    }
    return undefined;
}

/** Azure resource ids in config, by kind: the shape ARM uses and what the product checks. */
const GUID = "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}";
const RESOURCE_GROUP = "[-\\w.()]{1,90}";
const NAME = "[-\\w.]{1,80}";

export const RESOURCE_ID_PATTERNS = {
    subnet: new RegExp(
        `^/subscriptions/${GUID}/resourceGroups/${RESOURCE_GROUP}/providers/Microsoft\\.Network/virtualNetworks/${NAME}/subnets/${NAME}$`,
        "i",
    ),
    logAnalyticsWorkspace: new RegExp(
        `^/subscriptions/${GUID}/resourceGroups/${RESOURCE_GROUP}/providers/Microsoft\\.OperationalInsights/workspaces/${NAME}$`,
        "i",
    ),
    privateDnsZone: new RegExp(
        `^/subscriptions/${GUID}/resourceGroups/${RESOURCE_GROUP}/providers/Microsoft\\.Network/privateDnsZones/${NAME}$`,
        "i",
    ),
} as const;

export const RESOURCE_ID_HINTS = {
    subnet: "/subscriptions/<guid>/resourceGroups/<rg>/providers/Microsoft.Network/virtualNetworks/<vnet>/subnets/<subnet>",
    logAnalyticsWorkspace:
        "/subscriptions/<guid>/resourceGroups/<rg>/providers/Microsoft.OperationalInsights/workspaces/<name>",
    privateDnsZone: "/subscriptions/<guid>/resourceGroups/<rg>/providers/Microsoft.Network/privateDnsZones/<zone>",
} as const;

/** The virtual network that holds a subnet: the subnet id without its `/subnets/<name>` tail. */
export function virtualNetworkIdOf(subnetId: string): string {
    return subnetId.replace(/\/subnets\/[^/]+$/i, "");
}

/** A config value that is an IPv4 CIDR range with no host bits set; `example` shows the form. */
export const cidr = (description: string, example = "10.60.0.0/24") =>
    checked(z.string(), (value) =>
        value.includes("/") && parseIpv4Range(value)
            ? undefined
            : `an IPv4 CIDR range such as ${example}, with no host bits set`,
    ).meta({ description, hint: `an IPv4 CIDR range such as ${example}` });

/**
 * Every bad input gets a clear error: exit 2 from the plan, a message naming the key and what is
 * allowed, no stack trace, and no resource registered. One row per mistake users make.
 */
import { type Config, planConfig, stackConfig, variant } from "./helpers";

type Mutation = (config: Config) => void;

interface BadInput {
    readonly name: string;
    /** Stack whose config the mutation starts from. */
    readonly stack?: "dev" | "prod";
    readonly mutate: Mutation;
    /** The key the message must name (as printed: `  - <key>: got ...`). */
    readonly key: string;
    /** Text the "allowed" part must contain. */
    readonly allowed: string;
}

const SUBSCRIPTION = "/subscriptions/00000000-0000-0000-0000-000000000000";
const GOOD_SUBNET = `${SUBSCRIPTION}/resourceGroups/hub/providers/Microsoft.Network/virtualNetworks/hub/subnets/endpoints`;

/** A path-based setter for nested config objects; creates objects on the way. */
function set(path: string, value: unknown): Mutation {
    return (config) => {
        const parts = path.split(".");
        let current = config;
        for (const part of parts.slice(0, -1)) {
            current[part] ??= {};
            current = current[part] as Config;
        }
        current[parts[parts.length - 1]!] = value;
    };
}

function remove(path: string): Mutation {
    return (config) => {
        const parts = path.split(".");
        let current = config;
        for (const part of parts.slice(0, -1)) {
            current = current[part] as Config;
        }
        delete current[parts[parts.length - 1]!];
    };
}

function rename(path: string, to: string): Mutation {
    return (config) => {
        const parts = path.split(".");
        let current = config;
        for (const part of parts.slice(0, -1)) {
            current = current[part] as Config;
        }
        const last = parts[parts.length - 1]!;
        current[to] = current[last];
        delete current[last];
    };
}

const DEV_DEPLOYMENT = "regions.eastus2.deployments.reasoning";

const BAD_INPUTS: readonly BadInput[] = [
    // Wrong types
    {
        name: "environment is a number",
        mutate: set("environment", 5),
        key: "environment",
        allowed: '"dev", "staging", "prod"',
    },
    {
        name: "environment unknown",
        mutate: set("environment", "production"),
        key: "environment",
        allowed: '"dev", "staging", "prod"',
    },
    {
        name: "regions is a list",
        mutate: set("regions", ["eastus2"]),
        key: "regions",
        allowed: "an object whose keys are",
    },
    {
        name: "capacity is a string",
        mutate: set(`${DEV_DEPLOYMENT}.capacity`, "10"),
        key: `${DEV_DEPLOYMENT}.capacity`,
        allowed: "an integer from 1 to 100000",
    },
    {
        name: "capacity is fractional",
        mutate: set(`${DEV_DEPLOYMENT}.capacity`, 1.5),
        key: `${DEV_DEPLOYMENT}.capacity`,
        allowed: "an integer",
    },
    {
        name: "tags is a string",
        mutate: set("tags", "team"),
        key: "tags",
        allowed: "an object with keys owner, costCenter",
    },
    {
        name: "disableLocalAuth is a string",
        mutate: set("accounts.disableLocalAuth", "yes"),
        key: "accounts.disableLocalAuth",
        allowed: "true or false",
    },
    {
        name: "ipRules is a string",
        mutate: set("network.ipRules", "203.0.113.7"),
        key: "network.ipRules",
        allowed: "a list of",
    },
    {
        name: "principals is an object",
        mutate: set("access.principals", { id: "x" }),
        key: "access.principals",
        allowed: "a list of",
    },
    {
        name: "an empty principal entry",
        mutate: set("access.principals", [null]),
        key: "access.principals[0]",
        allowed: "an object with keys objectId, principalType, roles, description",
    },
    // Keys written with nothing under them (YAML null): refused, never read as absent
    {
        name: "a deployment written with nothing under it",
        mutate: set(DEV_DEPLOYMENT, null),
        key: DEV_DEPLOYMENT,
        allowed: "an object with keys model, version, deploymentType, capacity",
    },
    {
        name: "a region written with nothing under it",
        stack: "prod",
        mutate: set("regions.swedencentral", null),
        key: "regions.swedencentral",
        allowed: "an object with keys deployments",
    },
    {
        name: "a DNS zone written with nothing under it",
        stack: "prod",
        mutate: set("network.privateEndpoints.existingDnsZoneIds", { "privatelink.openai.azure.com": null }),
        key: "network.privateEndpoints.existingDnsZoneIds.privatelink.openai.azure.com",
        allowed: "Microsoft.Network/privateDnsZones",
    },
    // Missing required keys
    { name: "environment missing", mutate: remove("environment"), key: "environment", allowed: "required" },
    { name: "owner tag missing", mutate: remove("tags.owner"), key: "tags.owner", allowed: "required" },
    { name: "regions missing", mutate: remove("regions"), key: "regions", allowed: "required" },
    {
        name: "no deployments",
        mutate: set("regions.eastus2.deployments", {}),
        key: "regions.eastus2.deployments",
        allowed: "1 to 32 entries",
    },
    {
        name: "model missing",
        mutate: remove(`${DEV_DEPLOYMENT}.model`),
        key: `${DEV_DEPLOYMENT}.model`,
        allowed: "required",
    },
    // Unknown keys, with the real key suggested for typos
    { name: "typo tgas", mutate: rename("tags", "tgas"), key: "tgas", allowed: 'did you mean "tags"' },
    { name: "typo regoins", mutate: rename("regions", "regoins"), key: "regoins", allowed: 'did you mean "regions"' },
    {
        name: "typo capacty",
        mutate: rename(`${DEV_DEPLOYMENT}.capacity`, "capacty"),
        key: `${DEV_DEPLOYMENT}.capacty`,
        allowed: 'did you mean "capacity"',
    },
    {
        name: "typo ipRule",
        mutate: rename("network.ipRules", "ipRule"),
        key: "network.ipRule",
        allowed: 'did you mean "ipRules"',
    },
    {
        name: "typo secretExpiryDay",
        mutate: set("keyVault.secretExpiryDay", 30),
        key: "keyVault.secretExpiryDay",
        allowed: 'did you mean "secretExpiryDays"',
    },
    {
        name: "unknown filter category",
        stack: "prod",
        mutate: set("contentFilters.strict.prompt.profanity", { threshold: "Low" }),
        key: "contentFilters.strict.prompt.profanity",
        allowed: "hate, sexual, violence, selfHarm",
    },
    // Empty and oversized names
    {
        name: "empty name prefix",
        mutate: set("namePrefix", ""),
        key: "namePrefix",
        allowed: "3 to 12 lowercase letters",
    },
    {
        name: "name prefix too long",
        mutate: set("namePrefix", "aoaiplatformx"),
        key: "namePrefix",
        allowed: "3 to 12 lowercase letters",
    },
    {
        name: "deployment name of 1 character",
        mutate: rename(DEV_DEPLOYMENT, "r"),
        key: "regions.eastus2.deployments.r",
        allowed: "2 to 64 characters",
    },
    {
        name: "deployment name of 65 characters",
        mutate: rename(DEV_DEPLOYMENT, "d".repeat(65)),
        key: `regions.eastus2.deployments.${"d".repeat(65)}`,
        allowed: "2 to 64 characters",
    },
    {
        name: "empty tag value",
        mutate: set("tags.costCenter", ""),
        key: "tags.costCenter",
        allowed: "1 to 256 characters",
    },
    {
        name: "tag value over 256",
        mutate: set("tags.owner", "o".repeat(257)),
        key: "tags.owner",
        allowed: "1 to 256 characters",
    },
    {
        name: "resource group name over 90",
        mutate: set("resourceGroup.existingName", "g".repeat(91)),
        key: "resourceGroup.existingName",
        allowed: "1 to 90",
    },
    // Invalid characters for Azure names
    { name: "upper-case prefix", mutate: set("namePrefix", "AOAI"), key: "namePrefix", allowed: "lowercase" },
    {
        name: "underscore in prefix",
        mutate: set("namePrefix", "aoai_dev"),
        key: "namePrefix",
        allowed: "lowercase letters, digits or hyphens",
    },
    {
        name: "prefix starting with a digit",
        mutate: set("namePrefix", "1aoai"),
        key: "namePrefix",
        allowed: "starting with a letter",
    },
    {
        name: "prefix ending with a hyphen",
        mutate: set("namePrefix", "aoai-"),
        key: "namePrefix",
        allowed: "not ending with a hyphen",
    },
    {
        name: "double hyphen in prefix",
        mutate: set("namePrefix", "ao--ai"),
        key: "namePrefix",
        allowed: "no two hyphens in a row",
    },
    {
        name: "deployment name with !",
        mutate: rename(DEV_DEPLOYMENT, "chat!"),
        key: "regions.eastus2.deployments.chat!",
        allowed: "letters, digits, _ . -",
    },
    {
        name: "extra tag redefining owner",
        mutate: set("tags.additional", { Owner: "someone-else" }),
        key: "tags.additional.Owner",
        allowed: "a name other than the standard tags",
    },
    {
        name: "tag name with /",
        mutate: set("tags.additional", { "team/app": "x" }),
        key: "tags.additional.team/app",
        allowed: "without < > % & \\ ? /",
    },
    {
        name: "filter named Microsoft.*",
        stack: "prod",
        mutate: set("contentFilters", { "Microsoft.Mine": {} }),
        key: "contentFilters.Microsoft.Mine",
        allowed: "does not start with Microsoft.",
    },
    {
        name: "blocklist name with a space",
        stack: "prod",
        mutate: set("contentFilters.strict.blocklists", { "bad words": ["x"] }),
        key: "contentFilters.strict.blocklists.bad words",
        allowed: "letters, digits, _ . -",
    },
    // Bad CIDRs and network ranges
    {
        name: "private range as IP rule",
        mutate: set("network.ipRules", ["10.0.0.0/8"]),
        key: "network.ipRules[0]",
        allowed: "a public address",
    },
    {
        name: "octet over 255",
        mutate: set("network.ipRules", ["300.1.1.1"]),
        key: "network.ipRules[0]",
        allowed: "an IPv4 address",
    },
    {
        name: "prefix over 32",
        mutate: set("network.ipRules", ["203.0.113.0/33"]),
        key: "network.ipRules[0]",
        allowed: "an IPv4 address",
    },
    {
        name: "host bits set",
        mutate: set("network.ipRules", ["203.0.113.1/24"]),
        key: "network.ipRules[0]",
        allowed: "no host bits set",
    },
    {
        name: "/31 range",
        mutate: set("network.ipRules", ["203.0.113.0/31"]),
        key: "network.ipRules[0]",
        allowed: "/30 or shorter",
    },
    {
        name: "duplicate IP rule",
        mutate: set("network.ipRules", ["203.0.113.0/24", "203.0.113.0/24"]),
        key: "network.ipRules[1]",
        allowed: "each value once",
    },
    {
        name: "address space without prefix",
        stack: "prod",
        mutate: set("network.privateEndpoints.virtualNetwork.addressSpaces", ["10.62.0.0"]),
        key: "network.privateEndpoints.virtualNetwork.addressSpaces[0]",
        allowed: "an IPv4 CIDR range",
    },
    {
        name: "overlapping address spaces",
        stack: "prod",
        mutate: set("network.privateEndpoints.virtualNetwork.addressSpaces", ["10.62.0.0/24", "10.62.0.128/25"]),
        key: "network.privateEndpoints.virtualNetwork.addressSpaces",
        allowed: "do not overlap",
    },
    {
        name: "subnet outside the address space",
        stack: "prod",
        mutate: set("network.privateEndpoints.virtualNetwork.subnetPrefix", "10.99.0.0/26"),
        key: "network.privateEndpoints.virtualNetwork.subnetPrefix",
        allowed: "inside one of the address spaces",
    },
    {
        name: "subnet too small",
        stack: "prod",
        mutate: set("network.privateEndpoints.virtualNetwork.subnetPrefix", "10.62.0.0/30"),
        key: "network.privateEndpoints.virtualNetwork.subnetPrefix",
        allowed: "/29 or larger",
    },
    // Malformed resource ids
    {
        name: "subnet id of a VNet",
        stack: "prod",
        mutate: set("network.privateEndpoints", { existingSubnetId: GOOD_SUBNET.replace(/\/subnets\/endpoints$/, "") }),
        key: "network.privateEndpoints.existingSubnetId",
        allowed: "/subnets/<subnet>",
    },
    {
        name: "VNet rule that is not an id",
        mutate: set("network.virtualNetworkRules", ["hub/endpoints"]),
        key: "network.virtualNetworkRules[0]",
        allowed: "a resource id like",
    },
    {
        name: "workspace id with a bad subscription",
        mutate: set(
            "monitoring.existingWorkspaceId",
            "/subscriptions/abc/resourceGroups/ops/providers/Microsoft.OperationalInsights/workspaces/w",
        ),
        key: "monitoring.existingWorkspaceId",
        allowed: "Microsoft.OperationalInsights/workspaces",
    },
    {
        name: "DNS zone id of another type",
        stack: "prod",
        mutate: set("network.privateEndpoints.existingDnsZoneIds", {
            "privatelink.openai.azure.com": `${SUBSCRIPTION}/resourceGroups/dns/providers/Microsoft.Network/dnsZones/x`,
        }),
        key: "network.privateEndpoints.existingDnsZoneIds.privatelink.openai.azure.com",
        allowed: "privateDnsZones",
    },
    {
        name: "DNS zone the product does not use",
        stack: "prod",
        mutate: set("network.privateEndpoints.existingDnsZoneIds", { "privatelink.blob.core.windows.net": "x" }),
        key: "network.privateEndpoints.existingDnsZoneIds.privatelink.blob.core.windows.net",
        allowed: "privatelink.openai.azure.com",
    },
    // Unknown regions
    {
        name: "unknown region",
        mutate: rename("regions.eastus2", "marsnorth"),
        key: "regions.marsnorth",
        allowed: "a region the model catalog knows",
    },
    {
        name: "unknown location",
        mutate: set("location", "westeurope2"),
        key: "location",
        allowed: "a region the model catalog knows",
    },
    {
        name: "region with capitals",
        mutate: rename("regions.eastus2", "EastUS2"),
        key: "regions.EastUS2",
        allowed: "an Azure region name",
    },
    // Unknown, retired and deprecated models
    {
        name: "unknown model",
        mutate: set(`${DEV_DEPLOYMENT}.model`, "gpt-9"),
        key: `${DEV_DEPLOYMENT}.model`,
        allowed: "a model in the catalog",
    },
    {
        name: "unknown version",
        mutate: set(`${DEV_DEPLOYMENT}.version`, "2099-01-01"),
        key: `${DEV_DEPLOYMENT}.version`,
        allowed: "a known version of gpt-5.4-mini: 2026-03-17",
    },
    {
        name: "DALL-E 3 (retired)",
        mutate: set(DEV_DEPLOYMENT, { model: "dall-e-3", version: "3.0", deploymentType: "Standard", capacity: 1 }),
        key: `${DEV_DEPLOYMENT}.model`,
        allowed:
            "retired on 2026-03-04; Microsoft's replacement: gpt-image-1.5 (not offered as Standard in eastus2); " +
            "suggested successor (the project's pick): gpt-image-2",
    },
    {
        name: "o1 (retired)",
        mutate: set(DEV_DEPLOYMENT, {
            model: "o1",
            version: "2024-12-17",
            deploymentType: "GlobalStandard",
            capacity: 1,
        }),
        key: `${DEV_DEPLOYMENT}.model`,
        allowed: "retired on 2026-11-19; Microsoft's replacement: gpt-5.6-sol",
    },
    {
        name: "gpt-4.1-nano (retired)",
        mutate: set(DEV_DEPLOYMENT, {
            model: "gpt-4.1-nano",
            version: "2025-04-14",
            deploymentType: "GlobalStandard",
            capacity: 1,
        }),
        key: `${DEV_DEPLOYMENT}.model`,
        allowed: "retired on 2026-10-14",
    },
    {
        name: "GPT-4o 2024-05-13 (deprecated)",
        mutate: set(DEV_DEPLOYMENT, {
            model: "gpt-4o",
            version: "2024-05-13",
            deploymentType: "GlobalStandard",
            capacity: 1,
        }),
        key: `${DEV_DEPLOYMENT}.model`,
        allowed: "is Deprecated",
    },
    // Deployment types and regions not offered
    {
        name: "deployment type that does not exist",
        mutate: set(`${DEV_DEPLOYMENT}.deploymentType`, "Premium"),
        key: `${DEV_DEPLOYMENT}.deploymentType`,
        allowed: '"GlobalStandard"',
    },
    {
        name: "type the model does not offer",
        mutate: set(`${DEV_DEPLOYMENT}.deploymentType`, "Standard"),
        key: `${DEV_DEPLOYMENT}.deploymentType`,
        allowed: "a deployment type gpt-5.4-mini 2026-03-17 offers",
    },
    {
        name: "type not offered in the region",
        stack: "prod",
        mutate: set("regions.swedencentral.deployments.chat.deploymentType", "DataZoneStandard"),
        key: "regions.swedencentral.deployments.chat.deploymentType",
        allowed: "is offered in: centralus",
    },
    // Capacities
    {
        name: "zero capacity",
        mutate: set(`${DEV_DEPLOYMENT}.capacity`, 0),
        key: `${DEV_DEPLOYMENT}.capacity`,
        allowed: "an integer from 1 to 100000",
    },
    {
        name: "negative capacity",
        mutate: set(`${DEV_DEPLOYMENT}.capacity`, -5),
        key: `${DEV_DEPLOYMENT}.capacity`,
        allowed: "an integer from 1 to 100000",
    },
    {
        name: "capacity over the limit",
        mutate: set(`${DEV_DEPLOYMENT}.capacity`, 100001),
        key: `${DEV_DEPLOYMENT}.capacity`,
        allowed: "an integer from 1 to 100000",
    },
    {
        name: "PTUs below the minimum",
        mutate: set(DEV_DEPLOYMENT, {
            model: "gpt-5.4-mini",
            version: "2026-03-17",
            deploymentType: "GlobalProvisionedManaged",
            capacity: 10,
            versionUpgradeOption: "NoAutoUpgrade",
        }),
        key: `${DEV_DEPLOYMENT}.capacity`,
        allowed: "at least 15, in steps of 5",
    },
    {
        name: "quota exceeded",
        stack: "prod",
        mutate: set("quota.swedencentral.DataZoneStandard", { "gpt-5.4-mini": 50 }),
        key: "quota.swedencentral.DataZoneStandard.gpt-5.4-mini",
        allowed: "at most 50",
    },
    {
        name: "a quota row no deployment uses (it would be silently ignored)",
        mutate: set("quota.westus", { GlobalStandard: { "gpt-5.4-mini": 10 } }),
        key: "quota.westus.GlobalStandard.gpt-5.4-mini",
        allowed: "remove the row or add the deployment",
    },
    // Duplicates and limits
    {
        name: "deployment names differing only in case",
        mutate: set("regions.eastus2.deployments.Reasoning", {
            model: "gpt-5.4-mini",
            version: "2026-03-17",
            deploymentType: "GlobalStandard",
            capacity: 1,
        }),
        key: "regions.eastus2.deployments.Reasoning",
        allowed: "unique within the account, ignoring case",
    },
    {
        name: "33 deployments in one account",
        mutate: set(
            "regions.eastus2.deployments",
            Object.fromEntries(
                Array.from({ length: 33 }, (_, i) => [
                    `d${i}`,
                    { model: "gpt-5.4-nano", version: "2026-03-17", deploymentType: "GlobalStandard", capacity: 1 },
                ]),
            ),
        ),
        key: "regions.eastus2.deployments",
        allowed: "1 to 32 entries",
    },
    {
        name: "the same principal twice",
        mutate: set(
            "access.principals",
            [0, 1].map(() => ({
                objectId: "aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa",
                principalType: "User",
                roles: ["Key Vault Secrets User"],
            })),
        ),
        key: "access.principals[1].objectId",
        allowed: "each principal once",
    },
    // Access
    {
        name: "Owner role",
        mutate: set("access.principals", [
            { objectId: "aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa", principalType: "User", roles: ["Owner"] },
        ]),
        key: "access.principals[0].roles[0]",
        allowed: "not Owner: broad roles are never granted",
    },
    {
        name: "Contributor role",
        mutate: set("access.principals", [
            { objectId: "aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa", principalType: "Group", roles: ["Contributor"] },
        ]),
        key: "access.principals[0].roles[0]",
        allowed: "not Contributor",
    },
    {
        name: "object id that is not a GUID",
        mutate: set("access.principals", [
            { objectId: "alice@contoso.com", principalType: "User", roles: ["Key Vault Secrets User"] },
        ]),
        key: "access.principals[0].objectId",
        allowed: "a GUID",
    },
    {
        name: "unknown principal type",
        mutate: set("access.principals", [
            {
                objectId: "aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa",
                principalType: "Robot",
                roles: ["Key Vault Secrets User"],
            },
        ]),
        key: "access.principals[0].principalType",
        allowed: '"User", "Group", "ServicePrincipal"',
    },
    // Content filters
    {
        name: "unknown threshold",
        stack: "prod",
        mutate: set("contentFilters.strict.prompt.hate.threshold", "Extreme"),
        key: "contentFilters.strict.prompt.hate.threshold",
        allowed: '"Low", "Medium", "High"',
    },
    {
        name: "filter that does not exist",
        mutate: set(`${DEV_DEPLOYMENT}.contentFilter`, "strict"),
        key: `${DEV_DEPLOYMENT}.contentFilter`,
        allowed: "a filter defined under contentFilters",
    },
    // Conflicting options
    {
        name: "private endpoints without a network",
        mutate: set("network.privateEndpoints", { enabled: true }),
        key: "network.privateEndpoints",
        allowed: "existingSubnetId (your subnet) or virtualNetwork",
    },
    {
        name: "both an existing subnet and a new network",
        stack: "prod",
        mutate: set("network.privateEndpoints.existingSubnetId", GOOD_SUBNET),
        key: "network.privateEndpoints",
        allowed: "one of them",
    },
    {
        name: "account key requested with local auth off",
        mutate: set("keyVault.storeAccountKeys", true),
        key: "keyVault.storeAccountKeys",
        allowed: "set accounts.disableLocalAuth: false",
    },
    {
        name: "IP rules with public access off",
        mutate: set("network.publicNetworkAccess", "Disabled"),
        key: "network.ipRules",
        allowed: "no IP rules",
    },
    {
        name: "allowed hosts without outbound restriction",
        mutate: set("network.allowedFqdns", ["search.contoso.com"]),
        key: "network.allowedFqdns",
        allowed: "restrictOutbound: true",
    },
    {
        name: "workspace id with monitoring off",
        mutate: set("monitoring", {
            enabled: false,
            existingWorkspaceId: `${SUBSCRIPTION}/resourceGroups/ops/providers/Microsoft.OperationalInsights/workspaces/w`,
        }),
        key: "monitoring.existingWorkspaceId",
        allowed: "monitoring.enabled: true",
    },
    // Out-of-range settings
    {
        name: "RSA key size 3000",
        stack: "prod",
        mutate: set("encryption.keySize", 3000),
        key: "encryption.keySize",
        allowed: "2048, 3072 or 4096",
    },
    {
        name: "soft delete retention of 6 days",
        mutate: set("keyVault.softDeleteRetentionDays", 6),
        key: "keyVault.softDeleteRetentionDays",
        allowed: "an integer from 7 to 90",
    },
    {
        name: "negative warning window",
        mutate: set("lifecycle.retirementWarningDays", -1),
        key: "lifecycle.retirementWarningDays",
        allowed: "an integer from 0 to 730",
    },
    {
        name: "log retention of 7 days",
        mutate: set("monitoring.retentionDays", 7),
        key: "monitoring.retentionDays",
        allowed: "an integer from 30 to 730",
    },
    {
        name: "host name with a scheme",
        stack: "prod",
        mutate: set("network.allowedFqdns", ["https://search.contoso.com"]),
        key: "network.allowedFqdns[0]",
        allowed: "a lowercase fully qualified host name",
    },
];

describe("bad input table", () => {
    let rejected = 0;

    afterAll(() => {
        // Counted from the rows that were actually rejected, not typed in.
        process.stdout.write(`${rejected} bad inputs rejected\n`);
    });

    it("has at least 60 rows with distinct names", () => {
        expect(BAD_INPUTS.length).toBeGreaterThanOrEqual(60);
        expect(new Set(BAD_INPUTS.map((row) => row.name)).size).toBe(BAD_INPUTS.length);
    });

    it.each(BAD_INPUTS.map((row) => [row.name, row] as const))("rejects %s", async (_name, row) => {
        const stack = row.stack ?? "dev";
        const config = variant(stackConfig(stack), row.mutate);
        const result = await planConfig(stack, config);
        expect(result.exitCode).toBe(2);
        const text = result.errorText ?? "";
        const line = text.split("\n").find((l) => l.startsWith(`  - ${row.key}: got `));
        expect({ key: row.key, line }).toEqual({ key: row.key, line: expect.stringContaining(row.allowed) as unknown });
        expect(text).not.toMatch(/\n\s+at .+:\d+:\d+/);
        expect(result.registered).toEqual([]);
        expect(result.document).toBeUndefined();
        rejected++;
    });
});

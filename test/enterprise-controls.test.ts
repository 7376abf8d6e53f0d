import { blocklistItemName } from "../infra/config/blocklist-names";
import type { PlanDocument, PlanResourceEntry } from "../plan/plan";
import {
    byName,
    type Config,
    documentOf,
    input,
    ofType,
    planConfig,
    planOnce,
    planStack,
    stackConfig,
    variant,
} from "./helpers";

const ACCOUNT = "azure-native:cognitiveservices:Account";
const PRIVATE_ENDPOINT = "azure-native:network:PrivateEndpoint";
const ZONE = "azure-native:privatedns:PrivateZone";
const LINK = "azure-native:privatedns:VirtualNetworkLink";
const DIAGNOSTICS = "azure-native:monitor:DiagnosticSetting";
const ROLE_ASSIGNMENT = "azure-native:authorization:RoleAssignment";
const DEPLOYMENT = "azure-native:cognitiveservices:Deployment";

/** Resources that depend on `target` (by URN). */
function dependentsOf(plan: PlanDocument, target: PlanResourceEntry, type: string): PlanResourceEntry[] {
    return ofType(plan, type).filter((resource) => resource.dependsOn.includes(target.urn));
}

function zoneNamesOf(_plan: PlanDocument, group: PlanResourceEntry): string[] {
    const configs = input(group, "privateDnsZoneConfigs") as { privateDnsZoneId: string }[];
    return configs.map((config) => config.privateDnsZoneId.split("/").pop() ?? "").sort();
}

const ZERO_SUBSCRIPTION = "/subscriptions/00000000-0000-0000-0000-000000000000";
const DEV_SUBNET = `${ZERO_SUBSCRIPTION}/resourceGroups/net/providers/Microsoft.Network/virtualNetworks/hub/subnets/apps`;
const READER = "aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa";
const CALLER = "bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb";
const WORKSPACE_ID = `${ZERO_SUBSCRIPTION}/resourceGroups/ops/providers/Microsoft.OperationalInsights/workspaces/central`;
const WEU_SUBNET = `${ZERO_SUBSCRIPTION}/resourceGroups/hub/providers/Microsoft.Network/virtualNetworks/hub-weu/subnets/endpoints`;

/**
 * dev with the config of three tests at once (VNet rules, principals, an existing workspace). They are
 * independent: each sets its own key, and each test reads only what its key makes — the account's
 * and vault's firewall, the role assignments of its two principals, the workspace and diagnostics.
 */
const devWithNetworkAccessAndWorkspace = planOnce("dev", () =>
    variant(stackConfig("dev"), (c) => {
        c["network"] = { ipRules: ["198.51.100.7"], virtualNetworkRules: [DEV_SUBNET], bypass: "None" };
        c["access"] = {
            principals: [
                { objectId: READER, principalType: "Group", roles: ["Key Vault Secrets User"] },
                { objectId: CALLER, principalType: "User", roles: ["Cognitive Services OpenAI User"] },
            ],
        };
        c["monitoring"] = { existingWorkspaceId: WORKSPACE_ID };
    }),
);

/**
 * prod with the config of four tests at once. They are independent: accounts.kind changes only the
 * accounts' DNS zones, the blocklists only content-filter resources, namePrefix the physical names
 * (the role assignments' scopes), the hub subnet in westeurope only where the endpoints go; each test
 * reads only what its own change makes (the zones, the blocklists, the role assignment names, the
 * endpoints' region). The existing-zones variant is planned apart: it removes the zones kind adds.
 */
const prodWithKindBlocklistsPrefixAndHubRegion = planOnce("prod", () =>
    variant(stackConfig("prod"), (c) => {
        c["accounts"] = { kind: "AIServices" };
        const filters = c["contentFilters"] as Record<string, Record<string, unknown>>;
        filters["strict"]!["blocklists"] = { competitors: ["Contoso Rival", "Fabrikam"] };
        c["namePrefix"] = "aoai-prd2";
        c["network"] = { privateEndpoints: { existingSubnetId: WEU_SUBNET, location: "westeurope" } };
        (c["gateway"] as Config)["network"] = { existingSubnetId: WEU_SUBNET.replace(/endpoints$/, "apim") };
    }),
);

describe("network modes", () => {
    it("dev: public endpoint closed by default, open only to its IP allow-list, no private endpoints", async () => {
        const plan = documentOf(await planStack("dev"));
        const account = ofType(plan, ACCOUNT)[0]!;
        expect(input(account, "properties.publicNetworkAccess")).toBe("Enabled");
        expect(input(account, "properties.networkAcls")).toEqual({
            defaultAction: "Deny",
            bypass: "AzureServices",
            ipRules: [{ value: "203.0.113.0/24" }],
            virtualNetworkRules: [],
        });
        expect(input(account, "properties.restrictOutboundNetworkAccess")).toBe(false);
        expect(ofType(plan, PRIVATE_ENDPOINT)).toEqual([]);
    });

    it("prod: public access off on accounts and vault, outbound restricted to the stack's vault", async () => {
        const plan = documentOf(await planStack("prod"));
        for (const account of ofType(plan, ACCOUNT)) {
            expect(input(account, "properties.publicNetworkAccess")).toBe("Disabled");
            expect(input(account, "properties.networkAcls.defaultAction")).toBe("Deny");
            expect(input(account, "properties.restrictOutboundNetworkAccess")).toBe(true);
            expect(input(account, "properties.allowedFqdnList")).toEqual([
                expect.stringMatching(/^aoai-prd-kv-[a-z0-9]{6}\.vault\.azure\.net$/) as unknown,
            ]);
        }
        const vault = ofType(plan, "azure-native:keyvault:Vault")[0]!;
        expect(input(vault, "properties.publicNetworkAccess")).toBe("Disabled");
        expect(input(vault, "properties.networkAcls.defaultAction")).toBe("Deny");
    });

    it("takes VNet rules for accounts and vault from config", async () => {
        const plan = documentOf(await devWithNetworkAccessAndWorkspace());
        const account = ofType(plan, ACCOUNT)[0]!;
        expect(input(account, "properties.networkAcls")).toEqual({
            defaultAction: "Deny",
            bypass: "None",
            ipRules: [{ value: "198.51.100.7" }],
            virtualNetworkRules: [{ id: DEV_SUBNET }],
        });
        const vault = ofType(plan, "azure-native:keyvault:Vault")[0]!;
        expect(input(vault, "properties.networkAcls.virtualNetworkRules")).toEqual([{ id: DEV_SUBNET }]);
    });
});

describe("private endpoints", () => {
    it("one per account (group account) created after the account's last deployment, with its DNS zone group", async () => {
        const plan = documentOf(await planStack("prod"));
        for (const region of ["eastus2", "swedencentral"]) {
            const account = byName(plan, `aoai-${region}`);
            const endpoint = byName(plan, `aoai-${region}-pe`);
            expect(input(endpoint, "privateLinkServiceConnections")).toEqual([
                expect.objectContaining({
                    groupIds: ["account"],
                    privateLinkServiceId: expect.stringContaining("/accounts/") as unknown,
                }),
            ]);
            expect(endpoint.dependsOn).toContain(account.urn);
            expect(endpoint.dependsOn).toContain(byName(plan, `aoai-${region}-transcribe`).urn);
            const group = byName(plan, `aoai-${region}-pe-dns`);
            expect(group.dependsOn).toContain(endpoint.urn);
            expect(zoneNamesOf(plan, group)).toEqual(["privatelink.openai.azure.com"]);
        }
    });

    it("one for the vault (group vault) with the vaultcore zone", async () => {
        const plan = documentOf(await planStack("prod"));
        const endpoint = byName(plan, "aoai-vault-pe");
        expect(input(endpoint, "privateLinkServiceConnections")).toEqual([
            expect.objectContaining({
                groupIds: ["vault"],
                privateLinkServiceId: expect.stringContaining("/vaults/") as unknown,
            }),
        ]);
        expect(zoneNamesOf(plan, byName(plan, "aoai-vault-pe-dns"))).toEqual(["privatelink.vaultcore.azure.net"]);
    });

    it("AIServices accounts get the three zones Foundry resources answer on", async () => {
        const plan = documentOf(await prodWithKindBlocklistsPrefixAndHubRegion());
        expect(zoneNamesOf(plan, byName(plan, "aoai-eastus2-pe-dns"))).toEqual([
            "privatelink.cognitiveservices.azure.com",
            "privatelink.openai.azure.com",
            "privatelink.services.ai.azure.com",
        ]);
        expect(
            ofType(plan, ZONE)
                .map((z) => input(z, "privateZoneName"))
                .sort(),
        ).toEqual([
            "privatelink.cognitiveservices.azure.com",
            "privatelink.openai.azure.com",
            "privatelink.services.ai.azure.com",
            "privatelink.vaultcore.azure.net",
        ]);
    });

    it("zones are created and linked to the virtual network the product creates", async () => {
        const plan = documentOf(await planStack("prod"));
        const vnet = ofType(plan, "azure-native:network:VirtualNetwork")[0]!;
        expect(input(vnet, "addressSpace")).toEqual({ addressPrefixes: ["10.62.0.0/24"] });
        expect(input(vnet, "subnets")).toEqual([
            { name: "private-endpoints", addressPrefix: "10.62.0.0/26", privateEndpointNetworkPolicies: "Disabled" },
            // The gateway's outbound integration (gateway.network.subnetPrefix).
            {
                name: "gateway-integration",
                addressPrefix: "10.62.0.64/26",
                delegations: [{ name: "apim-integration", serviceName: "Microsoft.Web/serverFarms" }],
            },
        ]);
        for (const zone of ofType(plan, ZONE)) {
            const links = dependentsOf(plan, zone, LINK);
            expect(links).toHaveLength(1);
            expect(input(links[0]!, "virtualNetwork.id")).toMatch(/\/virtualNetworks\/aoai-network-/);
            expect(input(links[0]!, "registrationEnabled")).toBe(false);
        }
    });

    it("use an existing subnet and existing zones when config names them", async () => {
        const subnet =
            "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/hub/providers/Microsoft.Network/virtualNetworks/hub/subnets/endpoints";
        const zone =
            "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/dns/providers/Microsoft.Network/privateDnsZones/privatelink.openai.azure.com";
        const config = variant(stackConfig("prod"), (c) => {
            c["network"] = {
                privateEndpoints: {
                    existingSubnetId: subnet,
                    existingDnsZoneIds: { "privatelink.openai.azure.com": zone },
                },
            };
            // The gateway then needs a subnet of that network too.
            (c["gateway"] as Record<string, unknown>)["network"] = {
                existingSubnetId: subnet.replace(/endpoints$/, "apim"),
            };
        });
        const plan = documentOf(await planConfig("prod", config));
        expect(ofType(plan, "azure-native:network:VirtualNetwork")).toEqual([]);
        // Endpoints live in their subnet's region (here the stack's location, the default).
        expect(ofType(plan, PRIVATE_ENDPOINT).map((e) => input(e, "location"))).toEqual([
            "swedencentral",
            "swedencentral",
            "swedencentral",
        ]);
        expect(input(byName(plan, "aoai-eastus2-pe"), "subnet.id")).toBe(subnet);
        expect(ofType(plan, ZONE).map((z) => input(z, "privateZoneName"))).toEqual(["privatelink.vaultcore.azure.net"]);
        const link = ofType(plan, LINK)[0]!;
        expect(input(link, "virtualNetwork.id")).toBe(subnet.replace(/\/subnets\/endpoints$/, ""));
        expect(input(byName(plan, "aoai-eastus2-pe-dns"), "privateDnsZoneConfigs")).toEqual([
            { name: "privatelink-openai-azure-com", privateDnsZoneId: zone },
        ]);
    });
});

describe("access", () => {
    it("the application identity gets OpenAI User on every account and Secrets User on the vault, with deterministic GUID names", async () => {
        const plan = documentOf(await planStack("prod"));
        const app = byName(plan, "aoai-app");
        const assignments = ofType(plan, ROLE_ASSIGNMENT).filter((r) => r.dependsOn.includes(app.urn));
        const byScope = Object.fromEntries(
            assignments.map((r) => [
                String(input(r, "scope")).split("/").slice(-2).join("/"),
                input(r, "roleDefinitionId"),
            ]),
        );
        expect(byScope).toEqual({
            "accounts/aoai-prd-eastus2-b1iwww": expect.stringMatching(
                /roleDefinitions\/5e0bd9bd-7b93-4f28-af87-19fc36ad61bd$/,
            ) as unknown,
            "accounts/aoai-prd-swedencentral-b1iwww": expect.stringMatching(
                /5e0bd9bd-7b93-4f28-af87-19fc36ad61bd$/,
            ) as unknown,
            "vaults/aoai-prd-kv-b1iwww": expect.stringMatching(
                /roleDefinitions\/4633458b-17de-408a-b874-0445c86b69e6$/,
            ) as unknown,
        });
        for (const assignment of ofType(plan, ROLE_ASSIGNMENT)) {
            expect(input(assignment, "roleAssignmentName")).toMatch(
                /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
            );
            expect(input(assignment, "principalType")).toBe("ServicePrincipal");
        }
        expect(plan.outputs["applicationIdentityClientId"]).toMatch(/^[0-9a-f-]{36}$/);
    });

    it("principals from config get exactly the roles they list, scoped to the accounts or the vault", async () => {
        const plan = documentOf(await devWithNetworkAccessAndWorkspace());
        const of = (principal: string) =>
            ofType(plan, ROLE_ASSIGNMENT)
                .filter((r) => input(r, "principalId") === principal)
                .map((r) => [String(input(r, "scope")).split("/")[6], input(r, "principalType")]);
        expect(of(READER)).toEqual([["Microsoft.KeyVault", "Group"]]);
        expect(of(CALLER)).toEqual([["Microsoft.CognitiveServices", "User"]]);
    });
});

describe("monitoring", () => {
    it("sends every account's audit, request/response and trace logs and all metrics to the stack's workspace", async () => {
        const plan = documentOf(await planStack("prod"));
        const workspace = ofType(plan, "azure-native:operationalinsights:Workspace")[0]!;
        expect(input(workspace, "retentionInDays")).toBe(90);
        for (const account of ofType(plan, ACCOUNT)) {
            const settings = dependentsOf(plan, account, DIAGNOSTICS);
            expect(settings).toHaveLength(1);
            expect(settings[0]!.inputs).toMatchObject({
                logs: [
                    { category: "Audit", enabled: true },
                    { category: "RequestResponse", enabled: true },
                    { category: "Trace", enabled: true },
                ],
                metrics: [{ category: "AllMetrics", enabled: true }],
            });
            expect(settings[0]!.dependsOn).toContain(workspace.urn);
        }
        const vault = ofType(plan, "azure-native:keyvault:Vault")[0]!;
        expect(dependentsOf(plan, vault, DIAGNOSTICS)[0]?.inputs).toMatchObject({
            logs: [{ category: "AuditEvent", enabled: true }],
            metrics: [{ category: "AllMetrics", enabled: true }],
        });
    });

    it("uses an existing workspace by id instead of creating one", async () => {
        const plan = documentOf(await devWithNetworkAccessAndWorkspace());
        expect(ofType(plan, "azure-native:operationalinsights:Workspace")).toEqual([]);
        expect(ofType(plan, DIAGNOSTICS).map((d) => input(d, "workspaceId"))).toEqual([WORKSPACE_ID, WORKSPACE_ID]);
    });
});

describe("customer-managed key", () => {
    it("encrypts every prod account with an RSA key in the vault, through an identity allowed to use it, created first", async () => {
        const plan = documentOf(await planStack("prod"));
        const key = byName(plan, "aoai-cmk");
        expect(key.inputs).toMatchObject({
            keyName: "openai-cmk",
            properties: {
                kty: "RSA",
                keySize: 3072,
                keyOps: ["wrapKey", "unwrapKey"],
                rotationPolicy: {
                    attributes: { expiryTime: "P395D" },
                    lifetimeActions: [
                        { trigger: { timeAfterCreate: "P365D" }, action: { type: "rotate" } },
                        { trigger: { timeBeforeExpiry: "P30D" }, action: { type: "notify" } },
                    ],
                },
            },
        });
        const identity = byName(plan, "aoai-cmk-identity");
        const grant = dependentsOf(plan, identity, ROLE_ASSIGNMENT)[0]!;
        expect(input(grant, "roleDefinitionId")).toMatch(/e147488a-f6f5-4113-8e2d-b22465e65bf6$/);
        expect(input(grant, "scope")).toMatch(/\/vaults\/aoai-prd-kv-/);
        for (const account of ofType(plan, ACCOUNT)) {
            expect(input(account, "properties.encryption")).toEqual({
                keySource: "Microsoft.KeyVault",
                keyVaultProperties: {
                    keyName: "openai-cmk",
                    keyVersion: expect.stringMatching(/^[0-9a-f]{32}$/) as unknown,
                    keyVaultUri: "https://aoai-prd-kv-b1iwww.vault.azure.net/",
                    identityClientId: expect.stringMatching(/^[0-9a-f-]{36}$/) as unknown,
                },
            });
            expect(input(account, "identity.userAssignedIdentities")).toEqual([
                expect.stringContaining("/userAssignedIdentities/aoai-cmk-identity"),
            ]);
            expect(account.dependsOn).toEqual(expect.arrayContaining([grant.urn, key.urn, identity.urn]));
        }
    });

    it("is off in dev: Microsoft-managed keys, system identity only", async () => {
        const plan = documentOf(await planStack("dev"));
        const account = ofType(plan, ACCOUNT)[0]!;
        expect(input(account, "properties.encryption")).toBeUndefined();
        expect(input(account, "identity")).toEqual({ type: "SystemAssigned" });
    });
});

describe("content filters", () => {
    it("creates the filter on each account before the deployments that use it, and attaches it by name", async () => {
        const plan = documentOf(await planStack("prod"));
        for (const region of ["eastus2", "swedencentral"]) {
            const policy = byName(plan, `aoai-${region}-strict`);
            expect(policy.inputs).toMatchObject({
                raiPolicyName: "strict",
                properties: { basePolicyName: "Microsoft.DefaultV2", mode: "Blocking" },
            });
            const filters = input(policy, "properties.contentFilters") as Record<string, unknown>[];
            expect(filters).toContainEqual({
                name: "Selfharm",
                source: "Prompt",
                enabled: true,
                blocking: true,
                severityThreshold: "Low",
            });
            expect(filters).toContainEqual({
                name: "Hate",
                source: "Completion",
                enabled: true,
                blocking: true,
                severityThreshold: "Medium",
            });
            expect(filters).toContainEqual({ name: "Jailbreak", source: "Prompt", enabled: true, blocking: true });
            expect(filters).toContainEqual({
                name: "Protected Material Code",
                source: "Completion",
                enabled: true,
                blocking: true,
            });
            const first = byName(plan, `aoai-${region}-chat`);
            expect(first.dependsOn).toContain(policy.urn);
            expect(input(first, "properties.raiPolicyName")).toBe("strict");
            expect(input(byName(plan, `aoai-${region}-transcribe`), "properties.raiPolicyName")).toBe(
                "Microsoft.DefaultV2",
            );
        }
    });

    it("creates blocklists and their terms in the account's chain, referenced by the filter", async () => {
        const plan = documentOf(await prodWithKindBlocklistsPrefixAndHubRegion());
        const blocklist = byName(plan, "aoai-eastus2-strict-competitors");
        const items = ["Contoso Rival", "Fabrikam"].map((term) =>
            byName(plan, `aoai-eastus2-strict-competitors-${blocklistItemName(term)}`),
        );
        expect(items.map((item) => input(item, "properties.pattern"))).toEqual(["Contoso Rival", "Fabrikam"]);
        expect(items[0]!.dependsOn).toContain(blocklist.urn);
        expect(items[1]!.dependsOn).toContain(items[0]!.urn);
        const policy = byName(plan, "aoai-eastus2-strict");
        expect(policy.dependsOn).toContain(items[1]!.urn);
        expect(input(policy, "properties.customBlocklists")).toEqual([
            { blocklistName: "strict-competitors", blocking: true, source: "Prompt" },
            { blocklistName: "strict-competitors", blocking: true, source: "Completion" },
        ]);
        expect(ofType(plan, DEPLOYMENT).every((d) => d.dependsOn.length > 0)).toBe(true);
    });
});

describe("role assignment names", () => {
    it("differ between two stacks of the same project in one tenant (names are tenant-wide in Azure)", async () => {
        const names = (plan: PlanDocument) => ofType(plan, ROLE_ASSIGNMENT).map((r) => input(r, "roleAssignmentName"));
        const first = names(documentOf(await planStack("prod")));
        // The other stack: prod with namePrefix aoai-prd2 (and changes that touch no role assignment).
        const second = names(documentOf(await prodWithKindBlocklistsPrefixAndHubRegion()));
        expect(first.filter((name) => second.includes(name))).toEqual([]);
    });
});

describe("private endpoint region", () => {
    it("follows network.privateEndpoints.location for a hub subnet in another region", async () => {
        const plan = documentOf(await prodWithKindBlocklistsPrefixAndHubRegion());
        expect(new Set(ofType(plan, PRIVATE_ENDPOINT).map((e) => input(e, "location")))).toEqual(
            new Set(["westeurope"]),
        );
        expect(input(byName(plan, "aoai-swedencentral"), "location")).toBe("swedencentral");
    });
});

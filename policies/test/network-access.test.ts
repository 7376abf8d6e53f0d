import { anyResourceAllowedRegions } from "../rules/azure-any-resource-allowed-regions";
import { anyResourceRequiredTags } from "../rules/azure-any-resource-required-tags";
import { roleAssignmentLeastPrivilege } from "../rules/azure-authorization-roleassignment-least-privilege";
import { roleAssignmentScoped } from "../rules/azure-authorization-roleassignment-scoped";
import { privateEndpointAfterDeployments } from "../rules/azure-network-privateendpoint-after-deployments";
import { privateEndpointPrivateDnsZones } from "../rules/azure-network-privateendpoint-private-dns-zones";
import {
    allUnknown,
    byName,
    compliantStack,
    roleId,
    SUBSCRIPTION,
    UNKNOWN,
    withEntry,
    withInput,
    without,
    zoneId,
} from "./fixtures";
import { messages, violations } from "./harness";

const stack = compliantStack();

describe(privateEndpointPrivateDnsZones.name, () => {
    it("passes endpoints whose zone groups hold their target's zones", async () => {
        expect(await messages(privateEndpointPrivateDnsZones, stack)).toEqual([]);
    });

    it("reports an endpoint without zone group", async () => {
        expect(await violations(privateEndpointPrivateDnsZones, without(stack, "acct-pe-dns"))).toEqual([
            {
                urn: byName(stack, "acct-pe").urn,
                message:
                    'private endpoint "acct-pe" (account "acct", kind OpenAI) has no private DNS zone ' +
                    "privatelink.openai.azure.com in its zone groups: clients would resolve the public address, which " +
                    "refuses them once public access is off.",
            },
        ]);
    });

    it("requires all three zones for an AIServices account", async () => {
        const aiServices = withInput(stack, "acct", "kind", "AIServices");
        expect(await messages(privateEndpointPrivateDnsZones, aiServices)).toEqual([
            'private endpoint "acct-pe" (account "acct", kind AIServices) has no private DNS zone ' +
                "privatelink.cognitiveservices.azure.com, privatelink.services.ai.azure.com in its zone groups: " +
                "clients would resolve the public address, which refuses them once public access is off.",
        ]);
        const complete = withInput(aiServices, "acct-pe-dns", "privateDnsZoneConfigs", [
            { name: "a", privateDnsZoneId: zoneId("privatelink.cognitiveservices.azure.com") },
            { name: "b", privateDnsZoneId: zoneId("privatelink.openai.azure.com") },
            { name: "c", privateDnsZoneId: zoneId("privatelink.services.ai.azure.com") },
        ]);
        expect(await messages(privateEndpointPrivateDnsZones, complete)).toEqual([]);
    });

    it("reports a vault endpoint linked to the wrong zone", async () => {
        const wrong = withInput(
            stack,
            "vault-pe-dns",
            "privateDnsZoneConfigs.0.privateDnsZoneId",
            zoneId("privatelink.openai.azure.com"),
        );
        expect(await messages(privateEndpointPrivateDnsZones, wrong)).toEqual([
            'private endpoint "vault-pe" (vault "vault") has no private DNS zone privatelink.vaultcore.azure.net in its ' +
                "zone groups: clients would resolve the public address, which refuses them once public access is off.",
        ]);
    });

    it("takes zone names from the zones a group waits for when their ids are not known yet", async () => {
        const pending = withInput(stack, "acct-pe-dns", "privateDnsZoneConfigs.0.privateDnsZoneId", UNKNOWN);
        expect(await messages(privateEndpointPrivateDnsZones, pending)).toEqual([]);
        const wrongZone = withInput(pending, "zone-openai", "privateZoneName", "privatelink.example.com");
        expect(await messages(privateEndpointPrivateDnsZones, wrongZone)).toHaveLength(1);
        expect(
            await messages(
                privateEndpointPrivateDnsZones,
                withInput(pending, "zone-openai", "privateZoneName", UNKNOWN),
            ),
        ).toEqual([]);
    });

    it("passes when everything is unknown", async () => {
        expect(await messages(privateEndpointPrivateDnsZones, allUnknown(stack))).toEqual([]);
    });
});

describe(privateEndpointAfterDeployments.name, () => {
    it("passes an endpoint that waits for the account's last deployment", async () => {
        expect(await messages(privateEndpointAfterDeployments, stack)).toEqual([]);
    });

    it("reports an endpoint that does not wait for the deployments", async () => {
        const early = withEntry(stack, "acct-pe", { dependsOn: ["acct"] });
        expect(await violations(privateEndpointAfterDeployments, early)).toEqual([
            {
                urn: byName(stack, "acct-pe").urn,
                message:
                    'private endpoint "acct-pe" of account "acct" does not wait for deployment "acct-chat", ' +
                    '"acct-reasoning": an account still provisioning deployments rejects private endpoints ' +
                    "(AccountProvisioningStateInvalid).",
            },
        ]);
    });

    it("passes when the endpoint's target is not known yet", async () => {
        const early = withEntry(stack, "acct-pe", { dependsOn: ["acct"] });
        expect(await messages(privateEndpointAfterDeployments, allUnknown(early))).toEqual([]);
    });
});

describe(roleAssignmentLeastPrivilege.name, () => {
    it("passes data-plane roles", async () => {
        expect(await messages(roleAssignmentLeastPrivilege, stack)).toEqual([]);
    });

    it.each([
        ["Owner", "8e3af657-a8ff-443c-a75c-2fe8c4bcb635"],
        ["Contributor", "b24988ac-6180-42a0-ab88-20f7382dd24c"],
        ["User Access Administrator", "18d7d88d-d35e-4fb5-a5c3-7773c20a72d9"],
        ["Role Based Access Control Administrator", "f58310d9-a9f6-439a-9e8d-f62e7b41a168"],
    ])("reports %s", async (role, guid) => {
        const broad = withInput(stack, "acct-openai-user", "roleDefinitionId", roleId(guid));
        expect(await violations(roleAssignmentLeastPrivilege, broad)).toEqual([
            {
                urn: byName(stack, "acct-openai-user").urn,
                message:
                    `roleDefinitionId grants ${role} (${guid}): it manages far more than an application needs; grant ` +
                    "a data-plane role such as Cognitive Services OpenAI User or Key Vault Secrets User.",
            },
        ]);
    });

    it("recognises the tenant-level form of a role definition id", async () => {
        const owner = "/providers/Microsoft.Authorization/roleDefinitions/8E3AF657-A8FF-443C-A75C-2FE8C4BCB635";
        expect(
            await messages(
                roleAssignmentLeastPrivilege,
                withInput(stack, "acct-openai-user", "roleDefinitionId", owner),
            ),
        ).toHaveLength(1);
    });

    it("passes when the role is not known yet", async () => {
        expect(await messages(roleAssignmentLeastPrivilege, allUnknown(stack))).toEqual([]);
    });
});

describe(roleAssignmentScoped.name, () => {
    it("passes assignments scoped to a resource", async () => {
        expect(await messages(roleAssignmentScoped, stack, { allowResourceGroupScope: false })).toEqual([]);
    });

    it.each([
        [SUBSCRIPTION, "a subscription"],
        [`${SUBSCRIPTION}/`, "a subscription"],
        ["/providers/Microsoft.Management/managementGroups/contoso", "a management group"],
        ["/", "the tenant root"],
    ])("reports scope %s", async (scope, kind) => {
        expect(await messages(roleAssignmentScoped, withInput(stack, "acct-openai-user", "scope", scope))).toEqual([
            `scope ${JSON.stringify(scope)} is ${kind}: the role would apply to every resource in it; scope the ` +
                "assignment to the account or vault it is for.",
        ]);
    });

    it("accepts a resource group scope only when allowed", async () => {
        const group = withInput(stack, "acct-openai-user", "scope", `${SUBSCRIPTION}/resourceGroups/rg-test`);
        expect(await messages(roleAssignmentScoped, group)).toEqual([]);
        expect(await messages(roleAssignmentScoped, group, { allowResourceGroupScope: false })).toEqual([
            `scope "${SUBSCRIPTION}/resourceGroups/rg-test" is a resource group: the role would apply to every resource ` +
                "in it; scope the assignment to the account or vault it is for.",
        ]);
    });

    it("passes when the scope is not known yet", async () => {
        expect(await messages(roleAssignmentScoped, withInput(stack, "acct-openai-user", "scope", UNKNOWN))).toEqual(
            [],
        );
    });
});

describe(anyResourceAllowedRegions.name, () => {
    const euOnly = { allowedRegions: ["swedencentral"] };

    it("passes resources in allowed regions, and global ones", async () => {
        expect(await messages(anyResourceAllowedRegions, stack, euOnly)).toEqual([]);
        expect(await messages(anyResourceAllowedRegions, stack)).toEqual([]);
    });

    it("reports a resource in another region", async () => {
        expect(
            await violations(anyResourceAllowedRegions, withInput(stack, "acct", "location", "eastus2"), euOnly),
        ).toEqual([
            {
                urn: byName(stack, "acct").urn,
                message: 'location "eastus2" is not an allowed region; allowed: swedencentral.',
            },
        ]);
    });

    it("compares region names as ARM does", async () => {
        expect(
            await messages(anyResourceAllowedRegions, withInput(stack, "acct", "location", "Sweden Central"), euOnly),
        ).toEqual([]);
    });

    it("passes when a location is not known yet", async () => {
        expect(await messages(anyResourceAllowedRegions, allUnknown(stack), euOnly)).toEqual([]);
    });
});

describe(anyResourceRequiredTags.name, () => {
    it("passes tracked resources with every required tag", async () => {
        expect(await messages(anyResourceRequiredTags, stack)).toEqual([]);
    });

    it("reports missing and empty tags", async () => {
        const missing = withInput(withInput(stack, "vault", "tags.owner", undefined), "vault", "tags.cost-center", "");
        expect(await violations(anyResourceRequiredTags, missing)).toEqual([
            {
                urn: byName(stack, "vault").urn,
                message:
                    "missing required tags: owner, cost-center (required: environment, owner, cost-center, managed-by).",
            },
        ]);
    });

    it("checks the configured tags", async () => {
        expect(
            await messages(
                anyResourceRequiredTags,
                without(stack, "rg", "acct", "vault", "cmk-identity", "zone-openai", "zone-vault", "acct-pe"),
                {
                    requiredTags: ["data-classification"],
                },
            ),
        ).toEqual(["missing required tags: data-classification (required: data-classification)."]);
    });

    it("passes when tags are not known yet", async () => {
        const missing = withInput(stack, "vault", "tags.owner", UNKNOWN);
        expect(await messages(anyResourceRequiredTags, missing)).toEqual([]);
        expect(await messages(anyResourceRequiredTags, allUnknown(stack))).toEqual([]);
    });
});

/** The state-backend bootstrap program (bootstrap/) under the same mocks as the platform's plan. */
import * as path from "node:path";
import { readStackFile } from "../plan/config-sources";
import { type PlannedResource, type ProgramRun, runProgram } from "../plan/harness";
import { MOCK_CLIENT_OBJECT_ID, MOCK_SUBSCRIPTION_ID } from "../plan/mocks";
import { PROJECT_DIR } from "../plan/plan";
import { ConfigError } from "../infra/config/validate-stack";

const BOOTSTRAP_DIR = path.join(PROJECT_DIR, "bootstrap");
const NS = "aoai-platform-state";

const ROLE_IDS = {
    blobDataContributor: `/subscriptions/${MOCK_SUBSCRIPTION_ID}/providers/Microsoft.Authorization/roleDefinitions/ba92f5b4-2d11-453d-a403-e96b0029c9fe`,
    cryptoUser: `/subscriptions/${MOCK_SUBSCRIPTION_ID}/providers/Microsoft.Authorization/roleDefinitions/12338af0-0e69-4776-bea7-57ae8d297424`,
};

function only(run: ProgramRun, type: string): PlannedResource {
    const found = run.resources.filter((r) => r.type === type);
    expect(found).toHaveLength(1);
    return found[0] as PlannedResource;
}

function runWith(config: Record<string, unknown>): Promise<ProgramRun> {
    return runProgram({ projectDir: BOOTSTRAP_DIR, stack: "example", config });
}

describe("bootstrap program", () => {
    let run: ProgramRun;
    beforeAll(async () => {
        run = await runProgram({ projectDir: BOOTSTRAP_DIR, stack: "example" });
    });

    it("registers its resources from the example stack file without error", () => {
        expect(run.error).toBeUndefined();
        expect(run.project).toBe(NS);
        expect(run.resources.map((r) => r.type).sort()).toEqual(
            [
                "azure-native:authorization:RoleAssignment",
                "azure-native:authorization:RoleAssignment",
                "azure-native:authorization:RoleAssignment",
                "azure-native:authorization:RoleAssignment",
                "azure-native:authorization:RoleAssignment",
                "azure-native:authorization:RoleAssignment",
                "azure-native:keyvault:Key",
                "azure-native:keyvault:Vault",
                "azure-native:resources:ResourceGroup",
                "azure-native:storage:BlobContainer",
                "azure-native:storage:BlobServiceProperties",
                "azure-native:storage:StorageAccount",
                "random:index/randomString:RandomString",
            ].sort(),
        );
    });

    it("makes a storage account that takes Entra ID only, over TLS 1.2 and HTTPS, with no public blobs", () => {
        const account = only(run, "azure-native:storage:StorageAccount");
        expect(account.inputs).toMatchObject({
            kind: "StorageV2",
            sku: { name: "Standard_GRS" },
            allowBlobPublicAccess: false,
            allowSharedKeyAccess: false,
            defaultToOAuthAuthentication: true,
            allowCrossTenantReplication: false,
            minimumTlsVersion: "TLS1_2",
            enableHttpsTrafficOnly: true,
            location: "swedencentral",
        });
        expect(account.inputs["accountName"]).toMatch(/^aoaistate[a-z0-9]{6}$/);
        expect(account.protect).toBe(true);
    });

    it("keeps blob versions and soft-deletes blobs and containers, in a private container", () => {
        expect(only(run, "azure-native:storage:BlobServiceProperties").inputs).toMatchObject({
            blobServicesName: "default",
            isVersioningEnabled: true,
            deleteRetentionPolicy: { enabled: true, days: 30 },
            containerDeleteRetentionPolicy: { enabled: true, days: 30 },
        });
        expect(only(run, "azure-native:storage:BlobContainer").inputs).toMatchObject({
            containerName: "pulumi-state",
            publicAccess: "None",
        });
    });

    it("makes an RBAC vault with purge protection and an RSA key for encrypt and decrypt", () => {
        const vault = only(run, "azure-native:keyvault:Vault");
        expect(vault.inputs).toMatchObject({
            properties: { enableRbacAuthorization: true, enablePurgeProtection: true, enableSoftDelete: true },
        });
        expect(vault.inputs["vaultName"]).toMatch(/^aoaistate-kv-[a-z0-9]{6}$/);
        const key = only(run, "azure-native:keyvault:Key");
        expect(key.inputs).toMatchObject({
            keyName: "pulumi-state",
            properties: { kty: "RSA", keySize: 3072, keyOps: ["encrypt", "decrypt"] },
        });
        expect(key.inputs["properties"]).not.toHaveProperty("rotationPolicy");
        expect([vault.protect, key.protect]).toEqual([true, true]);
    });

    it("grants the deployer and each configured principal blob data on the container and crypto use of the key", () => {
        const assignments = run.resources.filter((r) => r.type === "azure-native:authorization:RoleAssignment");
        const container = only(run, "azure-native:storage:BlobContainer");
        const containerId = String(
            `/subscriptions/${MOCK_SUBSCRIPTION_ID}/resourceGroups/${String(only(run, "azure-native:storage:StorageAccount").inputs["resourceGroupName"])}/providers/Microsoft.Storage/storageAccounts/${String(container.inputs["accountName"])}/blobServices/default/containers/pulumi-state`,
        );
        const grants = assignments
            .map(
                (a) =>
                    `${String(a.inputs["principalId"])} ${String(a.inputs["roleDefinitionId"])} ${String(a.inputs["scope"]).split("/").slice(-2).join("/")}`,
            )
            .sort();
        const principals = [
            MOCK_CLIENT_OBJECT_ID,
            "33333333-3333-3333-3333-333333333333",
            "44444444-4444-4444-4444-444444444444",
        ];
        expect(grants).toEqual(
            principals
                .flatMap((p) => [
                    `${p} ${ROLE_IDS.blobDataContributor} containers/pulumi-state`,
                    `${p} ${ROLE_IDS.cryptoUser} keys/pulumi-state`,
                ])
                .sort(),
        );
        expect(assignments.some((a) => a.inputs["scope"] === containerId)).toBe(true);
        for (const assignment of assignments) {
            expect(assignment.inputs["roleAssignmentName"]).toMatch(
                /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
            );
        }
        expect(new Set(assignments.map((a) => a.inputs["roleAssignmentName"])).size).toBe(assignments.length);
    });

    it("outputs the pulumi login URL and the secrets provider URL", () => {
        const account = String(only(run, "azure-native:storage:StorageAccount").inputs["accountName"]);
        const vault = String(only(run, "azure-native:keyvault:Vault").inputs["vaultName"]);
        expect(run.outputs).toMatchObject({
            backendUrl: `azblob://pulumi-state?storage_account=${account}`,
            secretsProvider: `azurekeyvault://${vault}.vault.azure.net/keys/pulumi-state`,
            storageAccountName: account,
            containerName: "pulumi-state",
            keyName: "pulumi-state",
        });
    });

    it("refuses bad configuration with every problem at once, before registering anything", async () => {
        const failed = await runWith({
            [`${NS}:namePrefix`]: "Bad-Prefix",
            [`${NS}:retentionDays`]: 0,
            [`${NS}:storageSku`]: "Premium_LRS",
            [`${NS}:principals`]: [{ objectId: "nope", principalType: "User" }],
            [`${NS}:retentionDay`]: 7,
        });
        expect(failed.resources).toEqual([]);
        expect(failed.error).toBeInstanceOf(ConfigError);
        expect((failed.error as Error).message).toBe(
            [
                'Stack "example" configuration has 6 problems:',
                '  - retentionDay: got an unknown key; allowed: did you mean "retentionDays"? Known keys: location, namePrefix, retentionDays, storageSku, containerName, principals, protect',
                "  - location: got (missing); allowed: required: a string (an Azure region name such as swedencentral)",
                '  - namePrefix: got "Bad-Prefix"; allowed: a string (3–14 lowercase letters and digits, starting with a letter; the storage account name starts with it)',
                "  - retentionDays: got number 0; allowed: an integer from 1 to 365",
                '  - storageSku: got "Premium_LRS"; allowed: one of "Standard_LRS", "Standard_GRS", "Standard_RAGRS", "Standard_ZRS", "Standard_GZRS", "Standard_RAGZRS"',
                '  - principals[0].objectId: got "nope"; allowed: a string (a GUID)',
            ].join("\n"),
        );
    });

    it("refuses a principal named twice (ignoring case), an empty entry, a region written as words and a secret value", async () => {
        const objectId = "33333333-aaaa-3333-3333-333333333333";
        const failed = await runProgram({
            projectDir: BOOTSTRAP_DIR,
            stack: "example",
            config: {
                [`${NS}:location`]: "Sweden Central",
                [`${NS}:principals`]: [
                    { objectId, principalType: "User", description: "the platform team" },
                    null,
                    { objectId: objectId.toUpperCase(), principalType: "Group" },
                ],
                [`${NS}:containerName`]: "do-not-print-me",
            },
            secretKeys: [`${NS}:containerName`],
        });
        expect(failed.resources).toEqual([]);
        const message = (failed.error as Error).message;
        expect(message).toContain(
            '  - location: got "Sweden Central"; allowed: a string (an Azure region name such as swedencentral)',
        );
        expect(message).toContain(
            `  - principals[2].objectId: got "${objectId.toUpperCase()}" again; allowed: each principal once`,
        );
        expect(message).toContain(
            "  - principals[1]: got an empty entry; allowed: an object with keys objectId, principalType, description",
        );
        expect(message).toContain("  - containerName: got a secret value (pulumi config set --secret)");
        expect(message).not.toContain("do-not-print-me");
    });

    it("takes the location from azure-native:location when its own is unset", async () => {
        const fallback = await runWith({ "azure-native:location": "norwayeast" });
        expect(fallback.error).toBeUndefined();
        expect(only(fallback, "azure-native:storage:StorageAccount").inputs["location"]).toBe("norwayeast");
    });

    it("needs only a location, and names its role assignments the same on every run", async () => {
        const minimal = { [`${NS}:location`]: "westeurope" };
        const first = await runWith(minimal);
        const second = await runWith(minimal);
        expect(first.error).toBeUndefined();
        expect(first.resources.filter((r) => r.type === "azure-native:authorization:RoleAssignment")).toHaveLength(2);
        expect(second.resources).toEqual(first.resources);
        expect(readStackFile(BOOTSTRAP_DIR, "example").config[`${NS}:location`]).toBe("swedencentral");
    });
});

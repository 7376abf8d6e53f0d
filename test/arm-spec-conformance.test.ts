/**
 * The plans' requests conform to Microsoft's ARM REST API specs for the API versions azure-native
 * uses (vendored under tools/armspec/specification), and the validator finds what it should.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import type { PlanDocument, PlanResourceEntry } from "../plan/plan";
import {
    type ArmConformanceReport,
    type ArmProblem,
    formatProblems,
    OPERATIONS,
    SpecSet,
    toArmRequest,
    validatePlan,
} from "../tools/armspec/validate";
import { documentOf, planConfig, planStack, SHIPPED_STACKS, stackConfig, variant } from "./helpers";

const specs = new SpecSet();

/**
 * Resource types the vendored specs have no PUT for: the subset stops at raiBlocklists, and the
 * Application Insights spec (2020-02-02) needs common-types v1, which is not vendored.
 */
const KNOWN_UNCOVERED = [
    "azure-native:cognitiveservices:RaiBlocklistItem",
    "azure-native:applicationinsights:Component",
];

function expectConformant(report: ArmConformanceReport): void {
    expect(formatProblems(report.problems)).toBe("");
    expect(report.unchecked).toEqual([]);
    // Only the product's components and random strings are out of scope, plus the known gaps.
    const skippedAzure = report.skipped.filter((s) => s.type.startsWith("azure-native:"));
    expect(skippedAzure.filter((s) => !KNOWN_UNCOVERED.includes(s.type))).toEqual([]);
    expect(report.checked.length).toBeGreaterThan(0);
}

describe("shipped plans conform to the ARM specs", () => {
    it.each(SHIPPED_STACKS)("%s: every Azure resource checked, no problem", async (stack) => {
        const document = documentOf(await planStack(stack));
        const report = validatePlan(document, specs);
        expectConformant(report);
        const azure = document.resources.filter(
            (r) => r.type.startsWith("azure-native:") && !KNOWN_UNCOVERED.includes(r.type),
        );
        expect(report.checked.map((c) => c.urn)).toEqual(azure.map((r) => r.urn));
    });

    it("prod with AIServices accounts and a content filter with a blocklist", async () => {
        const config = variant(stackConfig("prod"), (c) => {
            c["accounts"] = { kind: "AIServices" };
            const filters = c["contentFilters"] as Record<string, Record<string, unknown>>;
            (filters["strict"] as Record<string, unknown>)["blocklists"] = { competitors: ["Fabrikam"] };
        });
        const document = documentOf(await planConfig("prod", config));
        const report = validatePlan(document, specs);
        expectConformant(report);
        const types = new Set(report.checked.map((c) => c.type));
        expect(types).toContain("azure-native:cognitiveservices:RaiBlocklist");
        const accounts = document.resources.filter((r) => r.type === "azure-native:cognitiveservices:Account");
        expect(accounts.map((a) => a.inputs["kind"])).toEqual(["AIServices", "AIServices"]);
        // Each blocklist item is listed as skipped, with why.
        const items = document.resources.filter((r) => r.type === KNOWN_UNCOVERED[0]);
        expect(items.length).toBe(2);
        expect(report.skipped.filter((s) => s.type === KNOWN_UNCOVERED[0])).toEqual(
            items.map((r) => ({
                urn: r.urn,
                type: r.type,
                reason: "the vendored cognitiveservices/resource-manager/Microsoft.CognitiveServices/stable/2025-06-01/cognitiveservices.json has no PUT operation RaiBlocklistItems_CreateOrUpdate",
            })),
        );
    });
});

describe("the vendored specs are the API versions azure-native uses", () => {
    const sdk = path.join(__dirname, "..", "node_modules", "@pulumi", "azure-native");

    it.each(Object.keys(OPERATIONS))("%s", (type) => {
        const [, module = "", resource = ""] = type.split(":");
        const declaration = fs.readFileSync(
            path.join(sdk, module, `${resource.charAt(0).toLowerCase()}${resource.slice(1)}.d.ts`),
            "utf8",
        );
        const sdkVersion = /Uses Azure REST API version ([\w-]+)\./.exec(declaration)?.[1];
        const operation = OPERATIONS[type];
        const spec = operation ? specs.file(operation.spec) : undefined;
        const info = spec?.["info"] as { version?: string } | undefined;
        expect(info?.version).toBe(sdkVersion);
    });
});

describe("rebuilding the request undoes azure-native's naming", () => {
    it("secret attributes: `expires` goes out as `exp` (x-ms-client-name)", async () => {
        const secret = documentOf(await planStack("prod")).resources.find(
            (r) => r.type === "azure-native:keyvault:Secret",
        ) as PlanResourceEntry;
        const request = toArmRequest(secret, specs);
        const body = request?.body as { properties: { attributes: Record<string, unknown> } };
        expect(Object.keys(body.properties.attributes).sort()).toEqual(["enabled", "exp"]);
        expect(request?.path).toMatch(/^\/subscriptions\/\{subscriptionId\}\/resourceGroups\/.+\/secrets\/.+$/);
    });

    it("role assignments: flattened fields go back under `properties` (x-ms-client-flatten)", async () => {
        const assignment = documentOf(await planStack("prod")).resources.find(
            (r) => r.type === "azure-native:authorization:RoleAssignment",
        ) as PlanResourceEntry;
        const request = toArmRequest(assignment, specs);
        expect(Object.keys(request?.body ?? {})).toEqual(["properties"]);
        expect(Object.keys((request?.body["properties"] as object) ?? {}).sort()).toEqual([
            "principalId",
            "principalType",
            "roleDefinitionId",
        ]);
    });

    it("user-assigned identities: azure-native's list goes out as the spec's map of id → {}", async () => {
        const account = documentOf(await planStack("prod")).resources.find(
            (r) => r.type === "azure-native:cognitiveservices:Account",
        ) as PlanResourceEntry;
        const ids = (account.inputs["identity"] as { userAssignedIdentities: string[] }).userAssignedIdentities;
        const identity = toArmRequest(account, specs)?.body["identity"] as Record<string, unknown>;
        expect(identity["userAssignedIdentities"]).toEqual(Object.fromEntries(ids.map((id) => [id, {}])));
    });
});

function resource(type: string, inputs: Record<string, unknown>, name = "test"): PlanResourceEntry {
    return {
        urn: `urn:pulumi:test::aoai-platform::${type}::${name}`,
        type,
        name,
        parent: null,
        dependsOn: [],
        protect: false,
        inputs,
    };
}

function problemsOf(...resources: PlanResourceEntry[]): Omit<ArmProblem, "urn" | "type">[] {
    const document: Pick<PlanDocument, "resources"> = { resources };
    return validatePlan(document, specs).problems.map(({ path: at, kind, message }) => ({ path: at, kind, message }));
}

const RG = "rg-test";
const VAULT = { resourceGroupName: RG, vaultName: "kv-test" };
const ACCOUNT = { resourceGroupName: RG, accountName: "aoai-test" };

describe("the validator on hand-made documents", () => {
    it("reports an unknown property, with the closest known name", () => {
        const policy = resource("azure-native:cognitiveservices:RaiPolicy", {
            ...ACCOUNT,
            raiPolicyName: "strict",
            properties: { basePolicyName: "Microsoft.DefaultV2", contentFilter: [] },
        });
        expect(problemsOf(policy)).toEqual([
            {
                path: "properties.contentFilter",
                kind: "unknown-property",
                message: '"contentFilter" is not a property of RaiPolicyProperties; did you mean "contentFilters"?',
            },
        ]);
    });

    it("reports a value outside a closed enum", () => {
        const vault = resource("azure-native:keyvault:Vault", {
            ...VAULT,
            location: "swedencentral",
            properties: { tenantId: "11111111-1111-1111-1111-111111111111", sku: { family: "A", name: "Standard" } },
        });
        expect(problemsOf(vault)).toEqual([
            {
                path: "properties.sku.name",
                kind: "enum",
                message: '"Standard" is not one of the SkuName values "standard", "premium"',
            },
        ]);
    });

    it("reports a value outside an open enum (modelAsString) as not documented, apart", () => {
        const deployment = resource("azure-native:cognitiveservices:Deployment", {
            ...ACCOUNT,
            deploymentName: "chat",
            properties: { model: { format: "OpenAI", name: "gpt-5.4-nano" }, versionUpgradeOption: "Never" },
            sku: { name: "GlobalStandard", capacity: 10 },
        });
        expect(problemsOf(deployment)).toEqual([
            {
                path: "properties.versionUpgradeOption",
                kind: "not-a-documented-value",
                message:
                    '"Never" is not a documented DeploymentModelVersionUpgradeOption value ("OnceNewDefaultVersionAvailable", ' +
                    '"OnceCurrentVersionExpired", "NoAutoUpgrade"); the enum is open (modelAsString), so Azure may still accept it',
            },
        ]);
    });

    it("reports a missing required property where azure-native's input would be", () => {
        const assignment = resource("azure-native:authorization:RoleAssignment", {
            scope: "/subscriptions/00000000-0000-0000-0000-000000000000",
            roleAssignmentName: "256c1cb6-fa2d-590e-9576-82eba7b7e062",
            roleDefinitionId:
                "/subscriptions/00000000-0000-0000-0000-000000000000/providers/Microsoft.Authorization/roleDefinitions/4633458b-17de-408a-b874-0445c86b69e6",
        });
        expect(problemsOf(assignment)).toEqual([
            {
                path: "principalId",
                kind: "required",
                message: 'RoleAssignmentProperties requires "principalId" (wire: properties.principalId)',
            },
        ]);
    });

    it("reports a name that does not match the path parameter's pattern", () => {
        const secret = resource("azure-native:keyvault:Secret", {
            ...VAULT,
            secretName: "openai_key",
            properties: { value: "[secret]" },
        });
        expect(problemsOf(secret)).toEqual([
            {
                path: "secretName",
                kind: "pattern",
                message: 'path parameter secretName: "openai_key" does not match the pattern ^[a-zA-Z0-9-]{1,127}$',
            },
        ]);
    });

    it("checks the name azure-native makes up when the name input is unset", () => {
        const workspace = resource(
            "azure-native:operationalinsights:Workspace",
            { resourceGroupName: RG, location: "swedencentral", sku: { name: "PerGB2018" } },
            "logs_",
        );
        expect(problemsOf(workspace)).toEqual([
            {
                path: "workspaceName",
                kind: "pattern",
                message:
                    'path parameter workspaceName (auto-named "logs_-63deb8c" from the logical name "logs_"): ' +
                    '"logs_-63deb8c" does not match the pattern ^[A-Za-z0-9][A-Za-z0-9-]+[A-Za-z0-9]$',
            },
        ]);
    });

    it("reports a read-only property the request sets, also inside a flattened container", () => {
        const secret = resource("azure-native:keyvault:Secret", {
            ...VAULT,
            secretName: "openai-key",
            properties: { value: "[secret]", secretUri: "https://kv-test.vault.azure.net/secrets/openai-key" },
        });
        const identity = resource("azure-native:managedidentity:UserAssignedIdentity", {
            resourceGroupName: RG,
            resourceName: "aoai-cmk-identity",
            location: "swedencentral",
            principalId: "0d942fe4-8998-5172-8141-a966f036979b",
        });
        expect(problemsOf(secret, identity)).toEqual([
            {
                path: "properties.secretUri",
                kind: "read-only",
                message: "secretUri is read-only: Azure sets it, a request must not",
            },
            {
                path: "principalId",
                kind: "read-only",
                message: "principalId is read-only: Azure sets it, a request must not (wire: properties.principalId)",
            },
        ]);
    });

    it("reports the wire name where azure-native takes another, and types", () => {
        const secret = resource("azure-native:keyvault:Secret", {
            ...VAULT,
            secretName: "openai-key",
            properties: { value: "[secret]", attributes: { enabled: "yes", exp: 1827619200 } },
        });
        expect(problemsOf(secret)).toEqual([
            {
                path: "properties.attributes.exp",
                kind: "unknown-property",
                message: '"exp" is the wire name; azure-native\'s input is "expires"',
            },
            {
                path: "properties.attributes.enabled",
                kind: "type",
                message: 'expected boolean, got string "yes"',
            },
        ]);
    });

    it("does not check values the plan hides or cannot know", () => {
        const secret = resource("azure-native:keyvault:Secret", {
            ...VAULT,
            secretName: "[unknown]",
            properties: { value: "[secret]", attributes: { expires: "[unknown]" } },
        });
        expect(problemsOf(secret)).toEqual([]);
    });

    it("lists resources without an ARM spec as skipped", () => {
        const random = resource("random:index/randomString:RandomString", { length: 6 });
        const report = validatePlan({ resources: [random] }, specs);
        expect(report.problems).toEqual([]);
        expect(report.skipped).toEqual([
            { urn: random.urn, type: random.type, reason: "not an Azure resource: no ARM spec" },
        ]);
    });
});

/**
 * The policy pack on planned stacks: the shipped stacks pass their environment's rules, and insecure
 * copies of prod are caught by the right rule — through the stack config where it can express the
 * change (the plan then exits 1), else by changing exactly one property of prod's plan document.
 */
import { main } from "../plan/cli";
import type { PlanDocument, PlanResourceEntry } from "../plan/plan";
import { EXIT_OK, EXIT_POLICY_VIOLATION } from "../plan/plan";
import { type Config, documentOf, stackConfig, variant } from "./helpers";
import { changed, judge, mandatoryRules, ofType, planJudged, removed } from "./policy-helpers";

const ACCOUNT = "azure-native:cognitiveservices:Account";
const DEPLOYMENT = "azure-native:cognitiveservices:Deployment";
const RAI_POLICY = "azure-native:cognitiveservices:RaiPolicy";
const VAULT = "azure-native:keyvault:Vault";
const SECRET = "azure-native:keyvault:Secret";
const KEY = "azure-native:keyvault:Key";
const PRIVATE_ENDPOINT = "azure-native:network:PrivateEndpoint";
const ZONE_GROUP = "azure-native:network:PrivateDnsZoneGroup";
const DIAGNOSTIC_SETTING = "azure-native:monitor:DiagnosticSetting";
const ROLE_ASSIGNMENT = "azure-native:authorization:RoleAssignment";
const LOCK = "azure-native:authorization:ManagementLockByScope";

type Inputs = Record<string, unknown>;
const props = (inputs: Inputs): Inputs => inputs["properties"] as Inputs;

const planned = new Map<string, PlanDocument>();

describe.each(["dev", "prod"])("shipped stack %s, judged by policies/config/%s.json", (stack) => {
    it("has no mandatory violation and exits 0", async () => {
        const result = await planJudged(stack);
        const policy = documentOf(result).policy;
        expect(policy?.config).toBe(`policies/config/${stack}.json`);
        expect(policy?.violations.filter((violation) => violation.level === "mandatory")).toEqual([]);
        expect(result.exitCode).toBe(EXIT_OK);
        planned.set(stack, documentOf(result));
    });
});

describe("shipped stack staging, planned with prod's config file (npm run plan -- --policy-pack-config)", () => {
    let exitCode: number;
    let staging: PlanDocument;
    let stderr = "";
    beforeAll(async () => {
        let stdout = "";
        const out = jest.spyOn(process.stdout, "write").mockImplementation((chunk) => {
            stdout += String(chunk);
            return true;
        });
        const err = jest.spyOn(process.stderr, "write").mockImplementation((chunk) => {
            stderr += String(chunk);
            return true;
        });
        try {
            exitCode = await main([
                "--stack",
                "staging",
                "--json",
                "--date",
                "2026-11-28",
                "--policy-pack-config",
                "policies/config/prod.json",
            ]);
        } finally {
            out.mockRestore();
            err.mockRestore();
        }
        staging = JSON.parse(stdout) as PlanDocument;
    });

    it("has no mandatory violation under its own config, policies/config/staging.json", async () => {
        expect(mandatoryRules(await judge(staging, "staging"))).toEqual([]);
    });

    it("exits 1 under prod's, naming the rules: no customer-managed key, locks, protect or data-classification tag", () => {
        const rules = [
            "azure-any-resource-required-tags",
            "azure-cognitiveservices-account-customer-managed-key",
            "azure-cognitiveservices-account-delete-lock",
            "azure-cognitiveservices-account-protected",
            "azure-keyvault-vault-delete-lock",
            "azure-keyvault-vault-protected",
        ];
        expect(staging.policy?.config).toBe("policies/config/prod.json");
        expect(mandatoryRules(staging.policy!)).toEqual(rules);
        expect(exitCode).toBe(EXIT_POLICY_VIOLATION);
        expect(stderr).toMatch(new RegExp(`^error: \\d+ mandatory policy violations \\(${rules.join(", ")}\\)`, "m"));
    });
});

type Deployments = Record<string, { deployments: Record<string, Config> }>;
const deployment = (config: Config, region: string, name: string): Config =>
    (config["regions"] as Deployments)[region]?.deployments[name] as Config;

describe("insecure copies of prod's stack config: the plan exits 1 naming the rule", () => {
    const cases: readonly [string, (config: Config) => void, readonly string[]][] = [
        [
            "local (key) authentication on",
            (c) => {
                c["accounts"] = { ...(c["accounts"] ?? {}), disableLocalAuth: false };
            },
            ["azure-cognitiveservices-account-local-auth-disabled"],
        ],
        [
            "a model retiring within the window (and not approved for prod)",
            (c) => {
                Object.assign(deployment(c, "swedencentral", "image"), {
                    model: "gpt-image-1.5",
                    version: "2025-12-16",
                });
            },
            ["azure-cognitiveservices-deployment-allowed-models", "azure-cognitiveservices-deployment-model-lifecycle"],
        ],
    ];

    it.each(cases)("%s", async (_what, mutate, rules) => {
        const result = await planJudged("prod", { config: variant(stackConfig("prod"), mutate) });
        expect(result.errorText).toBeUndefined();
        expect(mandatoryRules(documentOf(result).policy!)).toEqual(rules);
        expect(result.exitCode).toBe(EXIT_POLICY_VIOLATION);
    });
});

describe("insecure copies of prod's plan: exactly the right rule objects", () => {
    let prod: PlanDocument;
    beforeAll(async () => {
        prod = planned.get("prod") ?? documentOf(await planJudged("prod"));
    });

    const first =
        (type: string) =>
        (resource: PlanResourceEntry): boolean =>
            resource.type === type && resource.name.includes("swedencentral");
    const vault = ofType(VAULT);

    const cases: readonly [string, (document: PlanDocument) => PlanDocument, readonly string[]][] = [
        [
            "the vault in a forbidden region",
            (d) => changed(d, vault, (i) => void (i["location"] = "westeurope")),
            ["azure-any-resource-allowed-regions"],
        ],
        [
            "a missing required tag (data-classification)",
            (d) => changed(d, first(ACCOUNT), (i) => void delete (i["tags"] as Inputs)["data-classification"]),
            ["azure-any-resource-required-tags"],
        ],
        [
            "public network access on an account",
            (d) => changed(d, first(ACCOUNT), (i) => void (props(i)["publicNetworkAccess"] = "Enabled")),
            ["azure-cognitiveservices-account-network-restricted"],
        ],
        [
            "an account open to every network (public, firewall allows)",
            (d) =>
                changed(d, first(ACCOUNT), (i) => {
                    props(i)["publicNetworkAccess"] = "Enabled";
                    (props(i)["networkAcls"] as Inputs)["defaultAction"] = "Allow";
                }),
            ["azure-cognitiveservices-account-network-restricted"],
        ],
        [
            "outbound access unrestricted",
            (d) => changed(d, first(ACCOUNT), (i) => void (props(i)["restrictOutboundNetworkAccess"] = false)),
            ["azure-cognitiveservices-account-outbound-restricted"],
        ],
        [
            "no customer-managed key",
            (d) => changed(d, first(ACCOUNT), (i) => void delete props(i)["encryption"]),
            ["azure-cognitiveservices-account-customer-managed-key"],
        ],
        [
            "no managed identity",
            (d) => changed(d, first(ACCOUNT), (i) => void delete i["identity"]),
            ["azure-cognitiveservices-account-managed-identity"],
        ],
        [
            "no private endpoint for an account",
            (d) => removed(d, (r) => first(PRIVATE_ENDPOINT)(r) || first(ZONE_GROUP)(r)),
            ["azure-cognitiveservices-account-private-endpoint"],
        ],
        [
            "a private endpoint without its DNS zone group",
            (d) => removed(d, first(ZONE_GROUP)),
            ["azure-network-privateendpoint-private-dns-zones"],
        ],
        [
            "a private endpoint created before the account's deployments",
            (d) =>
                changed(d, first(PRIVATE_ENDPOINT), (_i, r) => ({
                    dependsOn: r.dependsOn.filter((urn) => !urn.includes(DEPLOYMENT)),
                })),
            ["azure-network-privateendpoint-after-deployments"],
        ],
        [
            "no diagnostic setting on an account",
            (d) => removed(d, first(DIAGNOSTIC_SETTING)),
            ["azure-cognitiveservices-account-diagnostic-settings"],
        ],
        [
            "deployments of an account not chained",
            (d) => {
                const deployments = new Set(d.resources.filter(ofType(DEPLOYMENT)).map((r) => r.urn));
                return changed(d, first(DEPLOYMENT), (_i, r) => ({
                    dependsOn: r.dependsOn.filter((urn) => !deployments.has(urn)),
                }));
            },
            // The chain is also what makes the private endpoint wait for every deployment.
            ["azure-cognitiveservices-deployment-serialized", "azure-network-privateendpoint-after-deployments"],
        ],
        [
            "a region over the capacity cap, each deployment within its own",
            (d) =>
                changed(
                    d,
                    (r) => first(DEPLOYMENT)(r) && /(reasoning|chat)$/.test(r.name),
                    (i) => void ((i["sku"] as Inputs)["capacity"] = 300),
                ),
            ["azure-cognitiveservices-deployment-region-capacity-cap"],
        ],
        [
            "a retired model version",
            (d) =>
                changed(
                    d,
                    (r) => first(DEPLOYMENT)(r) && r.name.endsWith("transcribe"),
                    (i) => void ((props(i)["model"] as Inputs)["version"] = "2025-03-20"),
                ),
            ["azure-cognitiveservices-deployment-model-lifecycle"],
        ],
        [
            "a deployment type prod does not allow",
            (d) => changed(d, first(DEPLOYMENT), (i) => void ((i["sku"] as Inputs)["name"] = "DeveloperTier")),
            ["azure-cognitiveservices-deployment-allowed-types"],
        ],
        [
            "a deployment without content filter",
            (d) => changed(d, first(DEPLOYMENT), (i) => void delete props(i)["raiPolicyName"]),
            ["azure-cognitiveservices-deployment-content-filter"],
        ],
        [
            "a content filter that no longer blocks hate on prompts",
            (d) =>
                changed(d, first(RAI_POLICY), (i) => {
                    const filters = props(i)["contentFilters"] as Inputs[];
                    const hate = filters.find((f) => f["name"] === "Hate" && f["source"] === "Prompt") as Inputs;
                    hate["blocking"] = false;
                }),
            ["azure-cognitiveservices-deployment-content-filter", "azure-cognitiveservices-raipolicy-not-weakened"],
        ],
        [
            "vault without purge protection",
            (d) => changed(d, vault, (i) => void (props(i)["enablePurgeProtection"] = false)),
            ["azure-keyvault-vault-purge-protection"],
        ],
        [
            "vault with soft delete off",
            (d) => changed(d, vault, (i) => void (props(i)["enableSoftDelete"] = false)),
            ["azure-keyvault-vault-soft-delete"],
        ],
        [
            "vault with access policies instead of RBAC",
            (d) => changed(d, vault, (i) => void (props(i)["enableRbacAuthorization"] = false)),
            ["azure-keyvault-vault-rbac-authorization"],
        ],
        [
            "vault with public network access on",
            (d) => changed(d, vault, (i) => void (props(i)["publicNetworkAccess"] = "Enabled")),
            ["azure-keyvault-vault-network-restricted"],
        ],
        [
            "no private endpoint for the vault",
            (d) =>
                removed(d, (r) => (r.type === PRIVATE_ENDPOINT || r.type === ZONE_GROUP) && r.name.includes("vault")),
            ["azure-keyvault-vault-private-endpoint"],
        ],
        [
            "no diagnostic setting on the vault",
            (d) => removed(d, (r) => r.type === DIAGNOSTIC_SETTING && r.name.includes("vault")),
            ["azure-keyvault-vault-diagnostic-settings"],
        ],
        [
            "a secret without expiry",
            (d) =>
                changed(
                    d,
                    (r) => r.type === SECRET && r.name.endsWith("swedencentral-endpoint"),
                    (i) => void delete (props(i)["attributes"] as Inputs)["expires"],
                ),
            ["azure-keyvault-secret-expiration-set"],
        ],
        [
            "a secret without content type",
            (d) =>
                changed(
                    d,
                    (r) => r.type === SECRET && r.name.endsWith("swedencentral-endpoint"),
                    (i) => void delete props(i)["contentType"],
                ),
            ["azure-keyvault-secret-content-type-set"],
        ],
        [
            "a deployment over the capacity cap",
            (d) =>
                changed(
                    d,
                    (r) => first(DEPLOYMENT)(r) && r.name.endsWith("reasoning"),
                    (i) => void ((i["sku"] as Inputs)["capacity"] = 301),
                ),
            ["azure-cognitiveservices-deployment-capacity-cap"],
        ],
        [
            "a customer-managed key without rotation",
            (d) =>
                changed(d, ofType(KEY), (i) => void ((props(i)["rotationPolicy"] as Inputs)["lifetimeActions"] = [])),
            ["azure-keyvault-key-rotation-policy"],
        ],
        [
            "an Owner role assignment",
            (d) =>
                changed(
                    d,
                    first(ROLE_ASSIGNMENT),
                    (i) =>
                        void (i["roleDefinitionId"] =
                            "/providers/Microsoft.Authorization/roleDefinitions/8e3af657-a8ff-443c-a75c-2fe8c4bcb635"),
                ),
            ["azure-authorization-roleassignment-least-privilege"],
        ],
        [
            "a role assignment scoped to the subscription",
            (d) =>
                changed(
                    d,
                    first(ROLE_ASSIGNMENT),
                    (i) => void (i["scope"] = "/subscriptions/00000000-0000-0000-0000-000000000000"),
                ),
            ["azure-authorization-roleassignment-scoped"],
        ],
        [
            "no delete lock on an account",
            (d) => removed(d, first(LOCK)),
            ["azure-cognitiveservices-account-delete-lock"],
        ],
        [
            "an unprotected vault",
            (d) => changed(d, vault, () => ({ protect: false })),
            ["azure-keyvault-vault-protected"],
        ],
    ];

    it("starts from a prod plan with no mandatory violation", async () => {
        expect(mandatoryRules(await judge(prod, "prod"))).toEqual([]);
    });

    it.each(cases)("%s", async (_what, mutate, rules) => {
        expect(mandatoryRules(await judge(mutate(prod), "prod"))).toEqual(rules);
    });
});

/**
 * The insecure-change matrix: every security property of the prod stack — each rule of the policy
 * pack and each hardening default — flipped on its own in a copy of prod, and caught. Where the
 * stack config can express the change, the plan itself runs and must exit 1 naming the rule (the
 * program's own logic, config to resource, is under test, so it plans again); where it cannot (the
 * property is fixed in code), exactly that property is changed in a copy of prod's plan document and
 * the rules under test judge it as the plan's evaluation does (a change to inputs only: planning
 * again would produce the same document). Properties enforced elsewhere say where.
 */
import type { PlanDocument, PlanResourceEntry } from "../plan/plan";
import { EXIT_POLICY_VIOLATION } from "../plan/plan";
import { policies as PACK_POLICIES } from "../policies/pack";
import { type Config, documentOf, stackConfig, variant } from "./helpers";
import { changed, judgeRules, mandatoryRules, ofType, planJudged, removed } from "./policy-helpers";

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

type Deployments = Record<string, { deployments: Record<string, Config> }>;
const deploymentOf = (config: Config, region: string, name: string): Config =>
    (config["regions"] as Deployments)[region]!.deployments[name]!;
const section = (config: Config, key: string): Config => (config[key] ??= {}) as Config;

/** A change the stack config can express: the plan runs and must exit 1 naming `rules`. */
type ConfigFlip = readonly [property: string, mutate: (config: Config) => void, rules: readonly string[]];
/** A change only code could make: prod's plan document changed, judged by the rules under test. */
type PlanFlip = readonly [property: string, mutate: (document: PlanDocument) => PlanDocument, rules: readonly string[]];

const CONFIG_FLIPS: readonly ConfigFlip[] = [
    [
        "public network access on (accounts and vault)",
        (c) => void (section(c, "network")["publicNetworkAccess"] = "Enabled"),
        ["azure-cognitiveservices-account-network-restricted", "azure-keyvault-vault-network-restricted"],
    ],
    [
        "local (key) authentication on",
        (c) => void (section(c, "accounts")["disableLocalAuth"] = false),
        ["azure-cognitiveservices-account-local-auth-disabled"],
    ],
    [
        "no private endpoints",
        (c) => {
            section(section(c, "network"), "privateEndpoints")["enabled"] = false;
            // Without the stack's network the gateway has no subnet to join (else: exit 2).
            delete section(c, "gateway")["network"];
        },
        ["azure-cognitiveservices-account-private-endpoint", "azure-keyvault-vault-private-endpoint"],
    ],
    [
        "private DNS: the OpenAI zone points at another zone",
        (c) =>
            void (section(section(c, "network"), "privateEndpoints")["existingDnsZoneIds"] = {
                "privatelink.openai.azure.com":
                    "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/dns/providers/Microsoft.Network/privateDnsZones/privatelink.cognitiveservices.azure.com",
            }),
        ["azure-network-privateendpoint-private-dns-zones"],
    ],
    [
        "outbound access unrestricted",
        (c) => void (section(c, "network")["restrictOutbound"] = false),
        ["azure-cognitiveservices-account-outbound-restricted"],
    ],
    [
        "no customer-managed key",
        (c) => void (section(c, "encryption")["customerManagedKey"] = false),
        ["azure-cognitiveservices-account-customer-managed-key"],
    ],
    [
        "diagnostics off",
        (c) => void (section(c, "monitoring")["enabled"] = false),
        ["azure-cognitiveservices-account-diagnostic-settings", "azure-keyvault-vault-diagnostic-settings"],
    ],
    [
        "no delete locks",
        (c) => void (section(c, "protection")["deleteLocks"] = false),
        ["azure-cognitiveservices-account-delete-lock", "azure-keyvault-vault-delete-lock"],
    ],
    [
        "no protect",
        (c) => void (section(c, "protection")["protect"] = false),
        ["azure-cognitiveservices-account-protected", "azure-keyvault-vault-protected"],
    ],
    [
        "vault soft-delete retention below 90 days",
        (c) => void (section(c, "keyVault")["softDeleteRetentionDays"] = 7),
        ["azure-keyvault-vault-soft-delete"],
    ],
    [
        "customer-managed key rotated later than a year",
        (c) => void (section(c, "encryption")["rotationDays"] = 400),
        ["azure-keyvault-key-rotation-policy"],
    ],
    [
        "stack-wide resources in a region prod does not allow",
        (c) => void (c["location"] = "westus3"),
        ["azure-any-resource-allowed-regions"],
    ],
    [
        "a model prod does not allow",
        (c) =>
            void ((c["regions"] as Deployments)["swedencentral"]!.deployments["embeddings"] = {
                model: "text-embedding-ada-002",
                version: "2",
                deploymentType: "GlobalStandard",
                capacity: 10,
            }),
        ["azure-cognitiveservices-deployment-allowed-models"],
    ],
    [
        "a model retiring within the window",
        (c) =>
            Object.assign(deploymentOf(c, "swedencentral", "image"), { model: "gpt-image-1.5", version: "2025-12-16" }),
        ["azure-cognitiveservices-deployment-model-lifecycle"],
    ],
    [
        "a deployment over the capacity cap",
        (c) => void (deploymentOf(c, "swedencentral", "transcribe")["capacity"] = 301),
        ["azure-cognitiveservices-deployment-capacity-cap"],
    ],
    [
        "a region over the capacity cap, each deployment within its own",
        (c) => {
            deploymentOf(c, "swedencentral", "transcribe")["capacity"] = 250;
            deploymentOf(c, "swedencentral", "image")["capacity"] = 250;
        },
        ["azure-cognitiveservices-deployment-region-capacity-cap"],
    ],
    [
        "a missing required tag (data-classification)",
        (c) => void (section(c, "tags")["additional"] = {}),
        ["azure-any-resource-required-tags"],
    ],
    [
        "a content filter weakened to High on hate prompts",
        (c) => {
            const filters = c["contentFilters"] as Record<string, Config>;
            section(section(filters["strict"]!, "prompt"), "hate")["threshold"] = "High";
        },
        ["azure-cognitiveservices-raipolicy-not-weakened"],
    ],
];

const first =
    (type: string) =>
    (resource: PlanResourceEntry): boolean =>
        resource.type === type && resource.name.includes("swedencentral");
const vault = ofType(VAULT);

const APIM = "azure-native:apimanagement";
const named =
    (name: string) =>
    (resource: PlanResourceEntry): boolean =>
        resource.name === name;

const PLAN_FLIPS: readonly PlanFlip[] = [
    [
        "the gateway's API policy forwards an api-key to the accounts",
        (d) =>
            changed(
                d,
                named("aoai-gateway-api-policy"),
                (i) =>
                    void (i["value"] = String(i["value"]).replace(
                        /<set-header name="api-key" exists-action="delete"\s*\/>/,
                        '<set-header name="api-key" exists-action="override"><value>{{account-key}}</value></set-header>',
                    )),
            ),
        ["azure-apimanagement-backend-managed-identity"],
    ],
    [
        "the gateway's API policy without managed identity",
        (d) =>
            changed(
                d,
                named("aoai-gateway-api-policy"),
                (i) => void (i["value"] = String(i["value"]).replace(/<authentication-managed-identity[^>]*\/>/, "")),
            ),
        ["azure-apimanagement-backend-managed-identity"],
    ],
    [
        "a team's product without a token limit",
        (d) =>
            changed(
                d,
                named("aoai-gateway-search-policy"),
                (i) => void (i["value"] = String(i["value"]).replace(/<llm-token-limit[^>]*\/>/, "")),
            ),
        ["azure-apimanagement-product-token-limit"],
    ],
    [
        "a pooled backend without a circuit breaker",
        (d) => changed(d, named("aoai-gateway-eastus2"), (i) => void delete i["circuitBreaker"]),
        ["azure-apimanagement-backend-circuit-breaker"],
    ],
    [
        "no diagnostic setting on the gateway",
        (d) => removed(d, named("aoai-gateway-diagnostics")),
        ["azure-apimanagement-service-diagnostic-settings"],
    ],
    [
        "the gateway outside the stack's network (no integration)",
        (d) =>
            changed(d, ofType(`${APIM}:ApiManagementService`), (i) => {
                delete i["virtualNetworkType"];
                delete i["virtualNetworkConfiguration"];
            }),
        ["azure-apimanagement-account-gateway-only"],
    ],
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
        // Public with the firewall's default Deny but no gateway subnet rule: callers can go around the gateway.
        ["azure-apimanagement-account-gateway-only", "azure-cognitiveservices-account-network-restricted"],
    ],
    [
        "an account open to every network (public, firewall allows)",
        (d) =>
            changed(d, first(ACCOUNT), (i) => {
                props(i)["publicNetworkAccess"] = "Enabled";
                (props(i)["networkAcls"] as Inputs)["defaultAction"] = "Allow";
            }),
        ["azure-apimanagement-account-gateway-only", "azure-cognitiveservices-account-network-restricted"],
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
        // Nor can the gateway reach it: it has no endpoint in the gateway's network.
        ["azure-apimanagement-account-gateway-only", "azure-cognitiveservices-account-private-endpoint"],
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
        (d) => removed(d, (r) => (r.type === PRIVATE_ENDPOINT || r.type === ZONE_GROUP) && r.name.includes("vault")),
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
        (d) => changed(d, ofType(KEY), (i) => void ((props(i)["rotationPolicy"] as Inputs)["lifetimeActions"] = [])),
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
    ["no delete lock on an account", (d) => removed(d, first(LOCK)), ["azure-cognitiveservices-account-delete-lock"]],
    ["an unprotected vault", (d) => changed(d, vault, () => ({ protect: false })), ["azure-keyvault-vault-protected"]],
];

/**
 * Properties the matrix does not flip, and where they are enforced instead. Each names the rule it
 * stands for, so the completeness check below sees every rule of the pack.
 */
const ENFORCED_ELSEWHERE: readonly (readonly [rule: string, where: string])[] = [
    [
        "azure-keyvault-key-hsm-backed",
        "Advisory in every environment: the stacks use Standard vaults, which cannot hold HSM keys (Premium can); the rule reports, it does not block.",
    ],
    [
        "azure-keyvault-key-expiration-set",
        "The key's rotation policy sets its expiry (P<rotationDays + 30>D) and config cannot remove it; the rotation row above flips the policy, and the pack's own tests flip the expiry.",
    ],
];

const outcome = { caught: 0, flipped: 0 };

afterAll(() => {
    // Counted from the rows that ran and were caught, not typed in.
    process.stdout.write(`insecure changes caught: ${outcome.caught}/${outcome.flipped}\n`);
});

describe("insecure-change matrix for prod", () => {
    it("covers every rule of the policy pack", () => {
        const covered = new Set([
            ...CONFIG_FLIPS.flatMap(([, , rules]) => rules),
            ...PLAN_FLIPS.flatMap(([, , rules]) => rules),
            ...ENFORCED_ELSEWHERE.map(([rule]) => rule),
        ]);
        expect(PACK_POLICIES.map((policy) => policy.name).filter((name) => !covered.has(name))).toEqual([]);
    });

    describe("through the stack config: the plan exits 1 naming the rule", () => {
        it.each(CONFIG_FLIPS)("%s", async (_property, mutate, rules) => {
            outcome.flipped++;
            const result = await planJudged("prod", { config: variant(stackConfig("prod"), mutate) });
            expect(result.errorText ?? "").not.toMatch(/configuration has/);
            const found = mandatoryRules(documentOf(result).policy!);
            expect(found).toEqual(expect.arrayContaining([...rules]));
            expect(result.exitCode).toBe(EXIT_POLICY_VIOLATION);
            outcome.caught++;
        });
    });

    describe("in prod's plan, where only code could change the property", () => {
        let prod: PlanDocument;
        beforeAll(async () => {
            prod = documentOf(await planJudged("prod"));
        });

        it("starts from a prod plan the whole pack passes", () => {
            expect(prod.policy?.evaluated).toBe(PACK_POLICIES.length);
            expect(mandatoryRules(prod.policy!)).toEqual([]);
        });

        it.each(PLAN_FLIPS)("%s", async (_property, mutate, rules) => {
            outcome.flipped++;
            expect(mandatoryRules(await judgeRules(mutate(prod), "prod", rules))).toEqual([...rules].sort());
            outcome.caught++;
        });
    });
});

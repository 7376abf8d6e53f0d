/**
 * The insecure-change matrix: every security property of the prod stack — each rule of the policy
 * pack and each hardening default — flipped, and caught. Where the stack config can express the
 * change, two things are shown: the program maps the key onto prod's resources (a plan of a copy
 * of prod: the program's own logic is under test, so it plans; compatible flips share one plan), and
 * the plan exits 1 naming the rules. Each property is also changed on its own in a copy of prod's
 * plan document and judged by the rules under test as the plan's evaluation does (a change to
 * inputs only: planning again would produce the same document); properties only code could change
 * are shown that way alone. Properties enforced elsewhere say where.
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

/**
 * A change the stack config can express. The program's part (config key to resource) is what a
 * plan shows: `mapped` asserts the insecure property on prod's resources. In the plan, each of
 * `rules` must be reported on a resource `caughtOn` picks (one the flip changed or left uncovered),
 * so that another flip of the same plan cannot stand in for it. The rules' part alone is shown on
 * prod's plan document: `judgedBy` names the document flips below that make the same kind of
 * change to the same kind of resource and must be caught by the same rules.
 */
interface ConfigFlip {
    readonly property: string;
    readonly mutate: (config: Config) => void;
    readonly mapped: (document: PlanDocument) => void;
    readonly rules: readonly string[];
    readonly caughtOn: (resource: PlanResourceEntry) => boolean;
    readonly judgedBy: readonly string[];
}
const isType =
    (...types: string[]) =>
    (resource: PlanResourceEntry): boolean =>
        types.includes(resource.type);

/** The resources of `type` in `document`, at least one (a check over none would pass on nothing). */
function every(document: PlanDocument, type: string, select: (resource: PlanResourceEntry) => boolean = () => true) {
    const found = document.resources.filter((resource) => resource.type === type && select(resource));
    expect(found.length).toBeGreaterThan(0);
    return found;
}
const deployment = (name: string) => (resource: PlanResourceEntry) => resource.name === `aoai-swedencentral-${name}`;
const OTHER_ZONE =
    "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/dns/providers/Microsoft.Network/privateDnsZones/privatelink.cognitiveservices.azure.com";

/**
 * The config flips, planned together: each plan is one copy of prod with all of its flips applied
 * (two plans instead of one per flip). Flips share a plan only when none undoes or overwrites
 * another's change: each `mapped` check reads only what its own flip sets. The second plan holds
 * the flips that need what a first-plan flip removes (private endpoints for the DNS zone, the
 * customer-managed key for its rotation) or set the same key (the transcribe deployment's capacity).
 */
const CONFIG_FLIP_PLANS: readonly (readonly ConfigFlip[])[] = [
    [
        {
            property: "public network access on (accounts and vault)",
            mutate: (c) => void (section(c, "network")["publicNetworkAccess"] = "Enabled"),
            mapped: (d) => {
                for (const resource of [...every(d, ACCOUNT), ...every(d, VAULT)]) {
                    expect(props(resource.inputs)["publicNetworkAccess"]).toBe("Enabled");
                }
            },
            rules: ["azure-cognitiveservices-account-network-restricted", "azure-keyvault-vault-network-restricted"],
            caughtOn: isType(ACCOUNT, VAULT),
            judgedBy: ["public network access on an account", "vault with public network access on"],
        },
        {
            property: "local (key) authentication on",
            mutate: (c) => void (section(c, "accounts")["disableLocalAuth"] = false),
            mapped: (d) => {
                for (const account of every(d, ACCOUNT)) {
                    expect(props(account.inputs)["disableLocalAuth"]).toBe(false);
                }
            },
            rules: ["azure-cognitiveservices-account-local-auth-disabled"],
            caughtOn: isType(ACCOUNT),
            judgedBy: ["local (key) authentication on an account"],
        },
        {
            property: "no private endpoints",
            mutate: (c) => {
                section(section(c, "network"), "privateEndpoints")["enabled"] = false;
                // Without the stack's network the gateway has no subnet to join (else: exit 2).
                delete section(c, "gateway")["network"];
            },
            mapped: (d) => {
                expect(d.resources.filter((r) => r.type === PRIVATE_ENDPOINT || r.type === ZONE_GROUP)).toEqual([]);
            },
            rules: ["azure-cognitiveservices-account-private-endpoint", "azure-keyvault-vault-private-endpoint"],
            caughtOn: isType(ACCOUNT, VAULT),
            judgedBy: ["no private endpoint for an account", "no private endpoint for the vault"],
        },
        {
            property: "outbound access unrestricted",
            mutate: (c) => void (section(c, "network")["restrictOutbound"] = false),
            mapped: (d) => {
                for (const account of every(d, ACCOUNT)) {
                    expect(props(account.inputs)["restrictOutboundNetworkAccess"]).toBe(false);
                }
            },
            rules: ["azure-cognitiveservices-account-outbound-restricted"],
            caughtOn: isType(ACCOUNT),
            judgedBy: ["outbound access unrestricted"],
        },
        {
            property: "no customer-managed key",
            mutate: (c) => void (section(c, "encryption")["customerManagedKey"] = false),
            mapped: (d) => {
                for (const account of every(d, ACCOUNT)) {
                    expect(props(account.inputs)["encryption"]).toBeUndefined();
                }
                expect(d.resources.filter(ofType(KEY))).toEqual([]);
            },
            rules: ["azure-cognitiveservices-account-customer-managed-key"],
            caughtOn: isType(ACCOUNT),
            judgedBy: ["no customer-managed key"],
        },
        {
            property: "diagnostics off",
            mutate: (c) => void (section(c, "monitoring")["enabled"] = false),
            mapped: (d) => expect(d.resources.filter(ofType(DIAGNOSTIC_SETTING))).toEqual([]),
            rules: ["azure-cognitiveservices-account-diagnostic-settings", "azure-keyvault-vault-diagnostic-settings"],
            caughtOn: isType(ACCOUNT, VAULT),
            judgedBy: ["no diagnostic setting on an account", "no diagnostic setting on the vault"],
        },
        {
            property: "no delete locks",
            mutate: (c) => void (section(c, "protection")["deleteLocks"] = false),
            mapped: (d) => expect(d.resources.filter(ofType(LOCK))).toEqual([]),
            rules: ["azure-cognitiveservices-account-delete-lock", "azure-keyvault-vault-delete-lock"],
            caughtOn: isType(ACCOUNT, VAULT),
            judgedBy: ["no delete lock on an account", "no delete lock on the vault"],
        },
        {
            property: "no protect",
            mutate: (c) => void (section(c, "protection")["protect"] = false),
            mapped: (d) => {
                expect(every(d, ACCOUNT).length + every(d, VAULT).length).toBeGreaterThan(1);
                expect(d.resources.filter((r) => r.protect).map((r) => r.name)).toEqual([]);
            },
            rules: ["azure-cognitiveservices-account-protected", "azure-keyvault-vault-protected"],
            caughtOn: isType(ACCOUNT, VAULT),
            judgedBy: ["an unprotected account", "an unprotected vault"],
        },
        {
            property: "vault soft-delete retention below 90 days",
            mutate: (c) => void (section(c, "keyVault")["softDeleteRetentionDays"] = 7),
            mapped: (d) => expect(props(every(d, VAULT)[0]!.inputs)["softDeleteRetentionInDays"]).toBe(7),
            rules: ["azure-keyvault-vault-soft-delete"],
            caughtOn: isType(VAULT),
            judgedBy: ["vault soft-delete retention below 90 days"],
        },
        {
            property: "stack-wide resources in a region prod does not allow",
            mutate: (c) => void (c["location"] = "westus3"),
            mapped: (d) => {
                for (const resource of [...every(d, VAULT), ...every(d, "azure-native:resources:ResourceGroup")]) {
                    expect(resource.inputs["location"]).toBe("westus3");
                }
            },
            rules: ["azure-any-resource-allowed-regions"],
            caughtOn: (r) => r.inputs["location"] === "westus3",
            judgedBy: ["the vault in a forbidden region"],
        },
        {
            property: "a model prod does not allow",
            mutate: (c) =>
                void ((c["regions"] as Deployments)["swedencentral"]!.deployments["embeddings"] = {
                    model: "text-embedding-ada-002",
                    version: "2",
                    deploymentType: "GlobalStandard",
                    capacity: 10,
                }),
            mapped: (d) =>
                expect(props(every(d, DEPLOYMENT, deployment("embeddings"))[0]!.inputs)["model"]).toMatchObject({
                    name: "text-embedding-ada-002",
                    version: "2",
                }),
            rules: ["azure-cognitiveservices-deployment-allowed-models"],
            caughtOn: deployment("embeddings"),
            judgedBy: ["a model prod does not allow"],
        },
        {
            property: "a model retiring within the window",
            mutate: (c) =>
                Object.assign(deploymentOf(c, "swedencentral", "image"), {
                    model: "gpt-image-1.5",
                    version: "2025-12-16",
                }),
            mapped: (d) =>
                expect(props(every(d, DEPLOYMENT, deployment("image"))[0]!.inputs)["model"]).toMatchObject({
                    name: "gpt-image-1.5",
                    version: "2025-12-16",
                }),
            rules: ["azure-cognitiveservices-deployment-model-lifecycle"],
            caughtOn: deployment("image"),
            judgedBy: ["a model retiring within prod's window"],
        },
        {
            property: "a deployment over the capacity cap",
            mutate: (c) => void (deploymentOf(c, "swedencentral", "transcribe")["capacity"] = 301),
            mapped: (d) =>
                expect((every(d, DEPLOYMENT, deployment("transcribe"))[0]!.inputs["sku"] as Inputs)["capacity"]).toBe(
                    301,
                ),
            rules: ["azure-cognitiveservices-deployment-capacity-cap"],
            caughtOn: deployment("transcribe"),
            judgedBy: ["a deployment over the capacity cap"],
        },
        {
            property: "a missing required tag (data-classification)",
            mutate: (c) => void (section(c, "tags")["additional"] = {}),
            mapped: (d) => {
                for (const resource of [...every(d, ACCOUNT), ...every(d, VAULT)]) {
                    expect(resource.inputs["tags"]).not.toHaveProperty(["data-classification"]);
                }
            },
            rules: ["azure-any-resource-required-tags"],
            caughtOn: isType(ACCOUNT, VAULT),
            judgedBy: ["a missing required tag (data-classification)"],
        },
        {
            property: "a content filter weakened to High on hate prompts",
            mutate: (c) => {
                const filters = c["contentFilters"] as Record<string, Config>;
                section(section(filters["strict"]!, "prompt"), "hate")["threshold"] = "High";
            },
            mapped: (d) => {
                for (const policy of every(d, RAI_POLICY)) {
                    expect(props(policy.inputs)["contentFilters"]).toContainEqual(
                        expect.objectContaining({ name: "Hate", source: "Prompt", severityThreshold: "High" }),
                    );
                }
            },
            rules: ["azure-cognitiveservices-raipolicy-not-weakened"],
            caughtOn: isType(RAI_POLICY),
            judgedBy: ["a content filter weakened to High on hate prompts"],
        },
    ],
    [
        {
            property: "private DNS: the OpenAI zone points at another zone",
            mutate: (c) =>
                void (section(section(c, "network"), "privateEndpoints")["existingDnsZoneIds"] = {
                    "privatelink.openai.azure.com": OTHER_ZONE,
                }),
            mapped: (d) => {
                for (const group of every(d, ZONE_GROUP, (r) => !r.name.includes("vault"))) {
                    expect(group.inputs["privateDnsZoneConfigs"]).toEqual([
                        expect.objectContaining({ privateDnsZoneId: OTHER_ZONE }),
                    ]);
                }
            },
            rules: ["azure-network-privateendpoint-private-dns-zones"],
            caughtOn: (r) => r.type === PRIVATE_ENDPOINT && !r.name.includes("vault"),
            judgedBy: ["an account's endpoint registered in another service's DNS zone"],
        },
        {
            property: "customer-managed key rotated later than a year",
            mutate: (c) => void (section(c, "encryption")["rotationDays"] = 400),
            mapped: (d) =>
                expect((props(every(d, KEY)[0]!.inputs)["rotationPolicy"] as Inputs)["lifetimeActions"]).toContainEqual(
                    {
                        action: { type: "rotate" },
                        trigger: { timeAfterCreate: "P400D" },
                    },
                ),
            rules: ["azure-keyvault-key-rotation-policy"],
            caughtOn: isType(KEY),
            judgedBy: ["a customer-managed key rotated later than a year"],
        },
        {
            property: "a region over the capacity cap, each deployment within its own",
            mutate: (c) => {
                deploymentOf(c, "swedencentral", "transcribe")["capacity"] = 250;
                deploymentOf(c, "swedencentral", "image")["capacity"] = 250;
            },
            mapped: (d) => {
                for (const name of ["transcribe", "image"]) {
                    expect((every(d, DEPLOYMENT, deployment(name))[0]!.inputs["sku"] as Inputs)["capacity"]).toBe(250);
                }
            },
            rules: ["azure-cognitiveservices-deployment-region-capacity-cap"],
            // The rule reports a region's total on the region's account.
            caughtOn: (r) => r.type === ACCOUNT && r.name.includes("swedencentral"),
            judgedBy: ["a region over the capacity cap, each deployment within its own"],
        },
    ],
];
const CONFIG_FLIPS = CONFIG_FLIP_PLANS.flat();

/** A change to one property of prod's plan document, judged by the rules under test. */
type PlanFlip = readonly [property: string, mutate: (document: PlanDocument) => PlanDocument, rules: readonly string[]];

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
    [
        "no delete lock on the vault",
        (d) => removed(d, (r) => r.type === LOCK && r.name.includes("vault")),
        ["azure-keyvault-vault-delete-lock"],
    ],
    ["an unprotected vault", (d) => changed(d, vault, () => ({ protect: false })), ["azure-keyvault-vault-protected"]],
    [
        "an unprotected account",
        (d) => changed(d, first(ACCOUNT), () => ({ protect: false })),
        ["azure-cognitiveservices-account-protected"],
    ],
    [
        "local (key) authentication on an account",
        (d) => changed(d, first(ACCOUNT), (i) => void (props(i)["disableLocalAuth"] = false)),
        ["azure-cognitiveservices-account-local-auth-disabled"],
    ],
    [
        "an account's endpoint registered in another service's DNS zone",
        (d) =>
            changed(
                d,
                first(ZONE_GROUP),
                (i) =>
                    void (i["privateDnsZoneConfigs"] = [
                        { name: "privatelink-openai-azure-com", privateDnsZoneId: OTHER_ZONE },
                    ]),
            ),
        ["azure-network-privateendpoint-private-dns-zones"],
    ],
    [
        "vault soft-delete retention below 90 days",
        (d) => changed(d, vault, (i) => void (props(i)["softDeleteRetentionInDays"] = 7)),
        ["azure-keyvault-vault-soft-delete"],
    ],
    [
        "a customer-managed key rotated later than a year",
        (d) =>
            changed(d, ofType(KEY), (i) => {
                const actions = (props(i)["rotationPolicy"] as Inputs)["lifetimeActions"] as Inputs[];
                const rotate = actions.find((a) => (a["action"] as Inputs)["type"] === "rotate")!;
                rotate["trigger"] = { timeAfterCreate: "P400D" };
            }),
        ["azure-keyvault-key-rotation-policy"],
    ],
    [
        "a model prod does not allow",
        (d) =>
            changed(
                d,
                (r) => first(DEPLOYMENT)(r) && r.name.endsWith("chat"),
                (i) => void (props(i)["model"] = { format: "OpenAI", name: "text-embedding-ada-002", version: "2" }),
            ),
        ["azure-cognitiveservices-deployment-allowed-models"],
    ],
    [
        "a model retiring within prod's window",
        (d) =>
            changed(
                d,
                (r) => first(DEPLOYMENT)(r) && r.name.endsWith("image"),
                (i) => void (props(i)["model"] = { format: "OpenAI", name: "gpt-image-1.5", version: "2025-12-16" }),
            ),
        ["azure-cognitiveservices-deployment-model-lifecycle"],
    ],
    [
        "a content filter weakened to High on hate prompts",
        (d) =>
            changed(d, first(RAI_POLICY), (i) => {
                const filters = props(i)["contentFilters"] as Inputs[];
                const hate = filters.find((f) => f["name"] === "Hate" && f["source"] === "Prompt") as Inputs;
                hate["severityThreshold"] = "High";
            }),
        ["azure-cognitiveservices-raipolicy-not-weakened"],
    ],
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
            ...CONFIG_FLIPS.flatMap((flip) => flip.rules),
            ...PLAN_FLIPS.flatMap(([, , rules]) => rules),
            ...ENFORCED_ELSEWHERE.map(([rule]) => rule),
        ]);
        expect(PACK_POLICIES.map((policy) => policy.name).filter((name) => !covered.has(name))).toEqual([]);
    });

    it("judges each config flip's property on its own, in prod's plan document", () => {
        const planFlips = new Map(PLAN_FLIPS.map(([property, , rules]) => [property, rules]));
        for (const flip of CONFIG_FLIPS) {
            const judged = flip.judgedBy.flatMap((property) => {
                expect({ [flip.property]: planFlips.has(property) }).toEqual({ [flip.property]: true });
                return planFlips.get(property) ?? [];
            });
            // Every rule the config flip must trip is shown catching its property alone.
            expect({ [flip.property]: flip.rules.filter((rule) => !judged.includes(rule)) }).toEqual({
                [flip.property]: [],
            });
        }
    });

    describe.each(CONFIG_FLIP_PLANS.map((flips, index) => [index + 1, flips] as const))(
        "through the stack config (plan %i): the program maps each key, the plan exits 1 naming the rules",
        (_plan, flips) => {
            let document: PlanDocument;
            let exitCode: number;
            beforeAll(async () => {
                let config = stackConfig("prod");
                for (const flip of flips) {
                    config = variant(config, flip.mutate);
                }
                const result = await planJudged("prod", { config });
                expect(result.errorText ?? "").not.toMatch(/configuration has/);
                document = documentOf(result);
                exitCode = result.exitCode;
            });

            it("exits 1", () => expect(exitCode).toBe(EXIT_POLICY_VIOLATION));

            it.each(flips.map((flip) => [flip.property, flip] as const))("%s", (_property, flip) => {
                outcome.flipped++;
                flip.mapped(document);
                const byUrn = new Map(document.resources.map((resource) => [resource.urn, resource]));
                const reportedOn = (rule: string): string[] =>
                    document
                        .policy!.violations.filter((v) => v.level === "mandatory" && v.policy === rule)
                        .map((v) => byUrn.get(v.urn))
                        .filter((resource) => resource !== undefined && flip.caughtOn(resource))
                        .map((resource) => resource!.name);
                for (const rule of flip.rules) {
                    expect({ [rule]: reportedOn(rule).length > 0 }).toEqual({ [rule]: true });
                }
                outcome.caught++;
            });
        },
    );

    describe("in prod's plan, one property at a time", () => {
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

/**
 * The AI gateway on the shipped stacks and variants of them: bad gateway input exits 2 naming the
 * key; prod's plan has the service, a backend per region behind a priority pool with circuit
 * breakers, the identity's role assignments, a product, subscription and token-limited policy per
 * team, and outputs without secrets; copies of prod that forward an api-key or drop a token limit
 * are judged as the plan judges them and fail (exit 1).
 */
import { poolMembers } from "../infra/components/gateway";
import { gatewayRegions } from "../infra/components/platform";
import { checkPolicy } from "../infra/gateway/policy-check";
import { parsePolicyXml } from "../policies/lib/policy-xml";
import { EXIT_INVALID_CONFIG, EXIT_OK, EXIT_POLICY_VIOLATION, type PlanDocument } from "../plan/plan";
import { SpecSet, toArmRequest, validatePlan } from "../tools/armspec/validate";
import { diffPlans } from "../plan/diff";
import { renderMermaid } from "../plan/mermaid";
import { hasMandatoryViolation } from "../plan/policy";
import type { StackConfig } from "../infra/config/stack-config";
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
import { changed, judge, mandatoryRules } from "./policy-helpers";

const APIM = "azure-native:apimanagement";
const OPENAI_USER = "5e0bd9bd-7b93-4f28-af87-19fc36ad61bd";
const SECRETS_USER = "4633458b-17de-408a-b874-0445c86b69e6";

const gatewayOf = (config: Config): Config => config["gateway"] as Config;
const teamsOf = (config: Config): Record<string, Config> => gatewayOf(config)["teams"] as Record<string, Config>;

async function configErrors(mutate: (config: Config) => void, stack = "prod"): Promise<string> {
    const result = await planConfig(stack, variant(stackConfig(stack), mutate));
    expect(result.exitCode).toBe(EXIT_INVALID_CONFIG);
    expect(result.registered).toEqual([]);
    expect(result.errorText ?? "").not.toMatch(/\n\s+at .+:\d+:\d+/);
    return result.errorText ?? "";
}

describe("bad gateway input exits 2 naming the key, the value and what is allowed", () => {
    it.each<[string, (config: Config) => void, string, string]>([
        [
            "tokens per minute not a number",
            (c) => void (teamsOf(c)["search"]!["tokensPerMinute"] = "lots"),
            "gateway.teams.search.tokensPerMinute",
            'got string "lots"; allowed: an integer from 100 to 10000000',
        ],
        [
            "tokens per minute too low",
            (c) => void (teamsOf(c)["search"]!["tokensPerMinute"] = 10),
            "gateway.teams.search.tokensPerMinute",
            "got number 10; allowed: an integer from 100 to 10000000",
        ],
        [
            "a typo in a team's key",
            (c) => void (teamsOf(c)["search"]!["tokensPerMinut"] = 5),
            "gateway.teams.search.tokensPerMinut",
            "got an unknown key",
        ],
        [
            "Consumption tier",
            (c) => void (gatewayOf(c)["tier"] = "Consumption"),
            "gateway.tier",
            "not Consumption: it has no token limit policy and no backend circuit breaker",
        ],
        [
            "a quota period API Management does not know",
            (c) => void (teamsOf(c)["search"]!["tokenQuota"] = { tokens: 5000, period: "Fortnightly" }),
            "gateway.teams.search.tokenQuota.period",
            'got "Fortnightly"; allowed: one of "Hourly", "Daily", "Weekly", "Monthly", "Yearly"',
        ],
        [
            "a deployment the regions do not all have",
            (c) => void (teamsOf(c)["search"]!["deployments"] = ["chat", "embeddings"]),
            "gateway.teams.search.deployments[1]",
            "a deployment every region has (the gateway fails over between regions): reasoning, chat, transcribe, image",
        ],
        [
            "private inbound on Basic v2",
            (c) => void Object.assign(gatewayOf(c), { tier: "BasicV2", inbound: "private" }),
            "gateway.inbound",
            "(Basic v2 does not)",
        ],
        [
            "private accounts behind a tier without outbound integration",
            (c) => void (gatewayOf(c)["tier"] = "Premium"),
            "gateway.tier",
            "a tier with outbound virtual network integration, which reaches the accounts' private endpoints: StandardV2, PremiumV2",
        ],
        [
            "a gateway subnet outside the network",
            (c) => void (gatewayOf(c)["network"] = { subnetPrefix: "10.99.0.0/26" }),
            "gateway.network.subnetPrefix",
            "a range inside one of the address spaces 10.62.0.0/24",
        ],
        [
            "a gateway subnet overlapping the endpoints' subnet",
            (c) => void (gatewayOf(c)["network"] = { subnetPrefix: "10.62.0.0/27" }),
            "gateway.network.subnetPrefix",
            "a range that does not overlap network.privateEndpoints.virtualNetwork.subnetPrefix",
        ],
        [
            "no gateway subnet while the accounts are private",
            (c) => void delete gatewayOf(c)["network"],
            "gateway.network.subnetPrefix",
            "a free range inside 10.62.0.0/24",
        ],
        [
            "a principal that is not a GUID",
            (c) => void (teamsOf(c)["search"]!["principals"] = [{ objectId: "alice", principalType: "User" }]),
            "gateway.teams.search.principals[0].objectId",
            'got "alice"; allowed: a string (a GUID)',
        ],
        [
            "a principal listed twice for a team (ids compare without case)",
            (c) =>
                void (teamsOf(c)["search"]!["principals"] = [
                    { objectId: "0d08e5fc-d545-5518-2805-33b031baa23e", principalType: "User" },
                    { objectId: "0D08E5FC-D545-5518-2805-33B031BAA23E", principalType: "User" },
                ]),
            "gateway.teams.search.principals[1].objectId",
            'got "0D08E5FC-D545-5518-2805-33B031BAA23E" again; allowed: each principal once per team',
        ],
        [
            "a publisher e-mail that is not one",
            (c) => void (gatewayOf(c)["publisherEmail"] = "platform team"),
            "gateway.publisherEmail",
            "an e-mail address",
        ],
        [
            "a gateway that is not an object",
            (c) => void (c["gateway"] = "yes"),
            "gateway",
            'got string "yes"; allowed: an object with keys tier, capacity, publisherEmail, publisherName, inbound, network, teams',
        ],
        [
            "a team name with a space",
            (c) => void (teamsOf(c)["Search Team"] = { tokensPerMinute: 1000, deployments: ["chat"] }),
            "gateway.teams.Search Team",
            "2 to 30 lowercase letters, digits or hyphens, starting with a letter",
        ],
        [
            "no team at all",
            (c) => void (gatewayOf(c)["teams"] = {}),
            "gateway.teams",
            "got 0 entries; allowed: at least 1 entry",
        ],
        [
            "too many scale units for the tier",
            (c) => void (gatewayOf(c)["capacity"] = 11),
            "gateway.capacity",
            "at most 10 scale units in StandardV2",
        ],
    ])("%s", async (_name, mutate, key, text) => {
        const errors = await configErrors(mutate);
        const line = errors.split("\n").find((l) => l.startsWith(`  - ${key}: `));
        expect({ key, line }).toEqual({ key, line: expect.stringContaining(text) as unknown });
    });
});

describe("prod's gateway", () => {
    let plan: PlanDocument;
    let exitCode: number;
    beforeAll(async () => {
        const result = await planStack("prod");
        exitCode = result.exitCode;
        plan = documentOf(result);
    });

    it("plans the service with a user-assigned identity, integrated with the stack's network", () => {
        expect(exitCode).toBe(EXIT_OK);
        const [service, ...others] = ofType(plan, `${APIM}:ApiManagementService`);
        expect(others).toEqual([]);
        expect(input(service!, "sku")).toEqual({ name: "StandardV2", capacity: 1 });
        expect(input(service!, "identity.type")).toBe("UserAssigned");
        expect(input(service!, "serviceName")).toMatch(/^aoai-prd-apim-[a-z0-9]{6}$/);
        expect(input(service!, "virtualNetworkType")).toBe("External");
        expect(input(service!, "virtualNetworkConfiguration.subnetResourceId")).toMatch(
            /\/virtualNetworks\/aoai-network-[^/]+\/subnets\/gateway-integration$/,
        );
    });

    it("has one backend per region with a circuit breaker on 429 and 5xx honouring Retry-After", () => {
        const singles = ofType(plan, `${APIM}:Backend`).filter((b) => input(b, "type") === "Single");
        expect(singles.map((b) => input(b, "backendId")).sort()).toEqual(["openai-eastus2", "openai-swedencentral"]);
        for (const backend of singles) {
            expect(input(backend, "url")).toMatch(
                /^https:\/\/aoai-prd-[a-z0-9]+-[a-z0-9]+\.openai\.azure\.com\/openai$/,
            );
            expect(input(backend, "circuitBreaker.rules")).toEqual([
                expect.objectContaining({
                    acceptRetryAfter: true,
                    failureCondition: expect.objectContaining({
                        statusCodeRanges: [
                            { min: 429, max: 429 },
                            { min: 500, max: 599 },
                        ],
                    }) as unknown,
                }),
            ]);
        }
    });

    it("pools them by priority: the stack's first region first, the other as failover", () => {
        const pool = byName(plan, "aoai-gateway-pool");
        expect(input(pool, "type")).toBe("Pool");
        const services = input(pool, "pool.services") as { id: string; priority: number; weight: number }[];
        expect(services.map((s) => [s.id.split("/").pop(), s.priority, s.weight])).toEqual([
            ["openai-swedencentral", 1, 1],
            ["openai-eastus2", 2, 1],
        ]);
        expect(Object.keys(stackConfig("prod")["regions"] as object)[0]).toBe("swedencentral");
    });

    it("with three regions: one primary at priority 1, both others at priority 2 with equal weights", () => {
        const account = (region: string) => ({ region, accountId: region, endpoint: undefined as never });
        expect(poolMembers(["swedencentral", "eastus2", "westus3"].map(account))).toEqual([
            { region: "swedencentral", priority: 1, weight: 1 },
            { region: "eastus2", priority: 2, weight: 1 },
            { region: "westus3", priority: 2, weight: 1 },
        ]);
    });

    it("primary region: the stack's location when it has an account, else the first region written", () => {
        const config = (location: string, regions: string[]) =>
            ({
                location,
                regions: Object.fromEntries(regions.map((r) => [r, { deployments: {} }])),
            }) as unknown as StackConfig;
        expect(gatewayRegions(config("swedencentral", ["eastus2", "swedencentral"]))).toEqual([
            "swedencentral",
            "eastus2",
        ]);
        expect(gatewayRegions(config("westeurope", ["eastus2", "swedencentral"]))).toEqual([
            "eastus2",
            "swedencentral",
        ]);
    });

    it("grants the gateway identity Cognitive Services OpenAI User on every account, with deterministic names", () => {
        const identity = byName(plan, "aoai-gateway-identity");
        const grants = ofType(plan, "azure-native:authorization:RoleAssignment").filter((r) =>
            r.dependsOn.includes(identity.urn),
        );
        expect(
            grants
                .map((g) => [
                    String(input(g, "scope")).split("/").pop(),
                    String(input(g, "roleDefinitionId")).split("/").pop(),
                ])
                .sort(),
        ).toEqual([
            [expect.stringMatching(/^aoai-prd-eastus2-/) as unknown, OPENAI_USER],
            [expect.stringMatching(/^aoai-prd-swedencentral-/) as unknown, OPENAI_USER],
        ]);
        for (const grant of grants) {
            expect(input(grant, "principalType")).toBe("ServicePrincipal");
            expect(input(grant, "roleAssignmentName")).toMatch(
                /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
            );
        }
    });

    it("gives each team a product, a subscription, its token limit and metrics, and a key secret with expiry", () => {
        const teams = teamsOf(stackConfig("prod"));
        for (const [team, config] of Object.entries(teams)) {
            const product = byName(plan, `aoai-gateway-${team}`);
            expect(input(product, "productId")).toBe(`team-${team}`);
            expect(input(product, "subscriptionRequired")).toBe(true);
            expect(input(byName(plan, `aoai-gateway-${team}-subscription`), "scope")).toMatch(
                new RegExp(`/products/team-${team}$`),
            );
            const xml = String(input(byName(plan, `aoai-gateway-${team}-policy`), "value"));
            expect(checkPolicy(xml)).toEqual([]);
            const parsed = parsePolicyXml(xml);
            if (typeof parsed === "string") {
                throw new Error(parsed);
            }
            const inbound = parsed[0]!.children.find((s) => s.name === "inbound")!.children;
            const limit = inbound.find((e) => e.name === "llm-token-limit");
            expect(limit?.attributes["tokens-per-minute"]).toBe(String(config["tokensPerMinute"]));
            expect(limit?.attributes["counter-key"]).toBe("@(context.Subscription.Id)");
            const quota = config["tokenQuota"] as { tokens: number; period: string } | undefined;
            expect(limit?.attributes["token-quota"]).toBe(quota ? String(quota.tokens) : undefined);
            expect(limit?.attributes["token-quota-period"]).toBe(quota?.period);
            const metric = inbound.find((e) => e.name === "llm-emit-token-metric");
            expect(metric?.children[0]?.attributes).toEqual({ name: "Team", value: team });
            const secret = byName(plan, `aoai-gateway-${team}-secret`);
            expect(input(secret, "secretName")).toBe(`gateway-${team}-key`);
            expect(input(secret, "properties.value")).toBe("[secret]");
            expect(input(secret, "properties.attributes.expires")).toEqual(expect.any(Number));
        }
    });

    it("lets a team's principals read only their own key", () => {
        const grants = ofType(plan, "azure-native:authorization:RoleAssignment").filter(
            (r) =>
                String(input(r, "roleDefinitionId")).endsWith(SECRETS_USER) &&
                String(input(r, "scope")).includes("/secrets/"),
        );
        expect(grants.map((g) => String(input(g, "scope")).split("/").pop())).toEqual(["gateway-search-key"]);
    });

    it("sends logs to the stack's workspace and token metrics to Application Insights tied to it", () => {
        const setting = byName(plan, "aoai-gateway-diagnostics");
        expect(input(setting, "logs")).toEqual([{ category: "GatewayLogs", enabled: true }]);
        const insights = byName(plan, "aoai-gateway-insights");
        expect(input(insights, "workspaceResourceId")).toMatch(/\/workspaces\/aoai-logs-/);
        expect(input(byName(plan, "aoai-gateway-logger"), "credentials")).toEqual({ instrumentationKey: "[secret]" });
        expect(input(byName(plan, "aoai-gateway-api-diagnostic"), "metrics")).toBe(true);
    });

    it("outputs the URL and, per team, the secret name and deployments; no key", () => {
        expect(plan.outputs["gateway"]).toEqual({
            url: expect.stringMatching(/^https:\/\/aoai-prd-apim-[a-z0-9]{6}\.azure-api\.net$/) as unknown,
            teams: {
                search: { secretName: "gateway-search-key", deployments: ["chat", "reasoning"] },
                "support-bot": { secretName: "gateway-support-bot-key", deployments: ["chat"] },
            },
        });
        expect(JSON.stringify(plan)).not.toMatch(/mockprimary|mocksecondary/);
    });

    it("passes prod's policy pack, all gateway rules included", async () => {
        expect(mandatoryRules(await judge(plan, "prod"))).toEqual([]);
        expect(plan.policy?.evaluated).toBeGreaterThanOrEqual(41);
    });

    it.each<[string, (inputs: Record<string, unknown>) => void, string, string]>([
        [
            "the API policy forwards an api-key",
            (inputs) =>
                void (inputs["value"] = String(inputs["value"]).replace(
                    /<set-header name="api-key" exists-action="delete"\s*\/>/,
                    '<set-header name="api-key" exists-action="override"><value>{{account-key}}</value></set-header>',
                )),
            "aoai-gateway-api-policy",
            "azure-apimanagement-backend-managed-identity",
        ],
        [
            "a product has no token limit",
            (inputs) => void (inputs["value"] = String(inputs["value"]).replace(/<llm-token-limit[^>]*\/>/, "")),
            "aoai-gateway-search-policy",
            "azure-apimanagement-product-token-limit",
        ],
    ])("a prod variant where %s fails (exit 1)", async (_what, mutate, name, rule) => {
        const variantPlan = changed(
            plan,
            (r) => r.name === name,
            (inputs) => mutate(inputs),
        );
        const evaluation = await judge(variantPlan, "prod");
        expect(mandatoryRules(evaluation)).toEqual([rule]);
        expect(hasMandatoryViolation(evaluation) ? EXIT_POLICY_VIOLATION : EXIT_OK).toBe(EXIT_POLICY_VIOLATION);
    });
});

describe("variants", () => {
    /**
     * prod with private inbound and monitoring off, planned once for both tests: independent, as
     * inbound changes only the service's endpoint and DNS zone, monitoring only the diagnostics, the
     * logger, the metric policies, their warning and the rule that flags them.
     */
    const privateInboundWithoutMonitoring = planOnce("prod", () =>
        variant(stackConfig("prod"), (c) => {
            gatewayOf(c)["inbound"] = "private";
            c["monitoring"] = { enabled: false };
        }),
    );

    it("private inbound: a private endpoint to the gateway in the stack's network, public access off", async () => {
        const plan = documentOf(await privateInboundWithoutMonitoring());
        const endpoint = byName(plan, "aoai-gateway-pe");
        expect(input(endpoint, "privateLinkServiceConnections.0.groupIds")).toEqual(["Gateway"]);
        expect(input(byName(plan, "aoai-gateway"), "publicNetworkAccess")).toBe("Disabled");
        expect(ofType(plan, "azure-native:privatedns:PrivateZone").map((z) => input(z, "privateZoneName"))).toContain(
            "privatelink.azure-api.net",
        );
    });

    it("monitoring off: no diagnostics or metrics, a warning, and the pack flags it", async () => {
        const result = await privateInboundWithoutMonitoring();
        const plan = documentOf(result);
        expect(plan.warnings.join("\n")).toMatch(/gateway: monitoring.enabled is false/);
        expect(ofType(plan, `${APIM}:Logger`)).toEqual([]);
        expect(String(input(byName(plan, "aoai-gateway-search-policy"), "value"))).not.toContain(
            "llm-emit-token-metric",
        );
        expect(mandatoryRules(plan.policy!)).toContain("azure-apimanagement-service-diagnostic-settings");
        expect(result.exitCode).toBe(EXIT_POLICY_VIOLATION);
    });

    it("dev has no gateway, and its outputs say so by omission", async () => {
        const plan = documentOf(await planStack("dev"));
        expect(plan.resources.filter((r) => r.type.startsWith(APIM))).toEqual([]);
        expect(plan.outputs["gateway"]).toBeUndefined();
    });
});

describe("plan:diff and the Mermaid picture show the gateway", () => {
    it("adding the gateway to prod: its resources are added, nothing else changes but the network's subnet", async () => {
        const without = documentOf(
            await planConfig(
                "prod",
                variant(stackConfig("prod"), (c) => void delete c["gateway"]),
            ),
        );
        const head = documentOf(await planStack("prod"));
        const diff = diffPlans(without, head);
        expect(diff.removed).toEqual([]);
        expect(diff.changed.map((change) => change.name)).toEqual(["aoai-network"]);
        const added = diff.added.map((resource) => resource.type);
        expect(added).toEqual(
            expect.arrayContaining([`${APIM}:ApiManagementService`, `${APIM}:Backend`, `${APIM}:ProductPolicy`]),
        );
        expect(added.filter((type) => type === `${APIM}:Backend`)).toHaveLength(3);

        const picture = renderMermaid(head);
        expect(picture).toMatch(/subgraph g\d+\["aoai-gateway · Gateway"\]/);
        expect(picture).toMatch(/subgraph g\d+\["aoai-gateway · ApiManagementService"\]/);
        const id = (label: string): string => new RegExp(`(n\\d+)\\["${label}"\\]`).exec(picture)?.[1] ?? "?";
        const pool = id("pool<br/>Backend");
        // account --> its backend --> the pool
        expect(picture).toContain(`${id("swedencentral<br/>Backend")} --> ${pool}`);
        expect(picture).toContain(`${id("aoai-swedencentral<br/>Account")} --> ${id("swedencentral<br/>Backend")}`);
    });
});

describe("the gateway against the stored Microsoft.ApiManagement 2024-05-01 spec", () => {
    const specs = new SpecSet();
    let plan: PlanDocument;
    beforeAll(async () => {
        plan = documentOf(await planStack("prod"));
    });

    it("checks every APIM resource with no problem; only the pool's url and protocol are waived, with the reason", () => {
        const report = validatePlan(plan, specs);
        const apim = plan.resources.filter((r) => r.type.startsWith(APIM)).map((r) => r.urn);
        expect(report.checked.filter((c) => apim.includes(c.urn)).map((c) => c.apiVersion)).toEqual(
            apim.map(() => "2024-05-01"),
        );
        expect(report.problems).toEqual([]);
        expect(report.waived?.map((w) => [w.urn.split("::").pop(), w.path])).toEqual([
            ["aoai-gateway-pool", "url"],
            ["aoai-gateway-pool", "protocol"],
        ]);
        expect(report.waived?.[0]?.reason).toMatch(/azure-rest-api-specs\/issues\/35713/);
    });

    it("a backend's type goes under properties (azure-native flattens it), not onto the resource's read-only type", () => {
        const body = toArmRequest(byName(plan, "aoai-gateway-pool"), specs)?.body as {
            type?: unknown;
            properties: Config;
        };
        expect(body.type).toBeUndefined();
        expect(body.properties["type"]).toBe("Pool");
    });

    it("reports what Azure would refuse: a weight over 100, an unknown property, a single backend without url", () => {
        const broken = changed(
            plan,
            (r) => r.name === "aoai-gateway-pool" || r.name === "aoai-gateway-eastus2",
            (inputs, r) => {
                if (r.name === "aoai-gateway-pool") {
                    (inputs["pool"] as { services: { weight: number }[] }).services[0]!.weight = 150;
                } else {
                    delete inputs["url"];
                    inputs["circuitBreakers"] = [];
                }
            },
        );
        const problems = validatePlan(broken, specs).problems.map((p) => [p.urn.split("::").pop(), p.path, p.kind]);
        expect(problems).toEqual(
            expect.arrayContaining([
                ["aoai-gateway-pool", "pool.services[0].weight", "maximum"],
                ["aoai-gateway-eastus2", "url", "required"],
                ["aoai-gateway-eastus2", "circuitBreakers", "unknown-property"],
            ]),
        );
    });
});

/** The AI gateway's rules on a compliant gateway fixture, each broken one property at a time. */
import { accountGatewayOnly } from "../rules/azure-apimanagement-account-gateway-only";
import { backendCircuitBreaker } from "../rules/azure-apimanagement-backend-circuit-breaker";
import { backendManagedIdentity } from "../rules/azure-apimanagement-backend-managed-identity";
import { productTokenLimit } from "../rules/azure-apimanagement-product-token-limit";
import { serviceDiagnosticSettings } from "../rules/azure-apimanagement-service-diagnostic-settings";
import { byName, compliantStack, UNKNOWN, withInput, without } from "./fixtures";
import { API_POLICY, compliantGatewayStack, GATEWAY_SUBNET_ID, PRODUCT_POLICY } from "./gateway-fixtures";
import { messages, violations } from "./harness";

const stack = compliantGatewayStack();
const urn = (name: string): string => byName(stack, name).urn;

describe("the compliant gateway fixture", () => {
    it.each([
        backendManagedIdentity,
        productTokenLimit,
        backendCircuitBreaker,
        serviceDiagnosticSettings,
        accountGatewayOnly,
    ])("passes $name", async (policy) => {
        expect(await messages(policy, stack)).toEqual([]);
    });

    it.each([backendManagedIdentity, productTokenLimit, backendCircuitBreaker, accountGatewayOnly])(
        "$name does not concern a stack without a gateway",
        async (policy) => {
            expect(await messages(policy, compliantStack())).toEqual([]);
        },
    );
});

describe(backendManagedIdentity.name, () => {
    it("reports an API policy without managed-identity authentication", async () => {
        const policy = API_POLICY.replace(/<authentication-managed-identity[^>]*\/>/, "");
        expect(
            await violations(backendManagedIdentity, withInput(stack, "gateway-api-policy", "value", policy)),
        ).toEqual([
            {
                urn: urn("gateway-api"),
                message:
                    "API \"gateway-api\"'s policy does not authenticate with the gateway's managed identity " +
                    "(no authentication-managed-identity for https://cognitiveservices.azure.com in <inbound>).",
            },
        ]);
    });

    it("reports managed identity for another audience", async () => {
        const policy = API_POLICY.replace("https://cognitiveservices.azure.com", "https://management.azure.com");
        expect(
            await messages(backendManagedIdentity, withInput(stack, "gateway-api-policy", "value", policy)),
        ).toHaveLength(1);
    });

    it("reports an API without a policy", async () => {
        expect(await messages(backendManagedIdentity, without(stack, "gateway-api-policy"))).toEqual([
            'API "gateway-api" has no policy, so its calls reach the backends without the gateway\'s managed identity; ' +
                "add an ApiPolicy with authentication-managed-identity.",
        ]);
    });

    it.each([
        [
            "an api-key header set from a named value",
            '<set-header name="api-key" exists-action="override"><value>{{key}}</value></set-header>',
        ],
        [
            "an api-key query parameter",
            '<set-query-parameter name="API-KEY" exists-action="append"><value>k</value></set-query-parameter>',
        ],
    ])("reports a policy that forwards %s", async (_what, element) => {
        const policy = PRODUCT_POLICY.replace("<base/>", `<base/>${element}`);
        const found = await violations(
            backendManagedIdentity,
            withInput(stack, "gateway-search-policy", "value", policy),
        );
        expect(found.map((violation) => violation.urn)).toEqual([urn("gateway-search-policy")]);
        expect(found[0]?.message).toMatch(/sends an api-key onwards/);
    });

    it("passes deleting the caller's api-key", async () => {
        expect(API_POLICY).toContain('name="api-key" exists-action="delete"');
        expect(await messages(backendManagedIdentity, stack)).toEqual([]);
    });

    it("reports a backend whose credentials carry an api-key", async () => {
        const changed = withInput(stack, "gateway-swedencentral", "credentials", { header: { "api-key": ["{{k}}"] } });
        expect(await violations(backendManagedIdentity, changed)).toEqual([
            {
                urn: urn("gateway-swedencentral"),
                message:
                    'backend "gateway-swedencentral" sends an api-key (credentials header api-key); remove it and ' +
                    "authenticate with the gateway's managed identity.",
            },
        ]);
    });

    it("skips a policy whose value is not known yet", async () => {
        expect(
            await messages(backendManagedIdentity, withInput(stack, "gateway-api-policy", "value", UNKNOWN)),
        ).toEqual([]);
    });
});

describe(productTokenLimit.name, () => {
    it("reports a product whose policy has no token limit", async () => {
        const policy = PRODUCT_POLICY.replace(/<llm-token-limit[^>]*\/>/, "");
        expect(await violations(productTokenLimit, withInput(stack, "gateway-search-policy", "value", policy))).toEqual(
            [
                {
                    urn: urn("gateway-search"),
                    message:
                        'product "gateway-search" has no token limit in its policy\'s inbound section; add llm-token-limit ' +
                        "with tokens-per-minute or token-quota.",
                },
            ],
        );
    });

    it("reports a product without a policy", async () => {
        expect(await messages(productTokenLimit, without(stack, "gateway-search-policy"))).toHaveLength(1);
    });

    it("reports a token limit outside inbound, and malformed XML", async () => {
        const outbound = PRODUCT_POLICY.replace(/<llm-token-limit[^>]*\/>/, "").replace(
            "<outbound>",
            '<outbound><llm-token-limit counter-key="x" tokens-per-minute="1" estimate-prompt-tokens="false"/>',
        );
        expect(
            await messages(productTokenLimit, withInput(stack, "gateway-search-policy", "value", outbound)),
        ).toHaveLength(1);
        const broken = await messages(
            productTokenLimit,
            withInput(stack, "gateway-search-policy", "value", "<policies><inbound></policies>"),
        );
        expect(broken[0]).toMatch(/not well-formed XML/);
    });

    it("passes the quota alone (token-quota with its period)", async () => {
        const policy = PRODUCT_POLICY.replace(
            'tokens-per-minute="20000"',
            'token-quota="100000" token-quota-period="Daily"',
        );
        expect(await messages(productTokenLimit, withInput(stack, "gateway-search-policy", "value", policy))).toEqual(
            [],
        );
    });
});

describe(backendCircuitBreaker.name, () => {
    it.each<[string, unknown]>([
        ["no circuit breaker", undefined],
        ["no Retry-After", { rules: [{ failureCondition: { statusCodeRanges: [{ min: 429, max: 599 }] } }] }],
        [
            "no 5xx",
            { rules: [{ acceptRetryAfter: true, failureCondition: { statusCodeRanges: [{ min: 429, max: 429 }] } }] },
        ],
    ])("reports a pool member with %s", async (_what, breaker) => {
        const found = await violations(
            backendCircuitBreaker,
            withInput(stack, "gateway-swedencentral", "circuitBreaker", breaker),
        );
        expect(found.map((violation) => violation.urn)).toEqual([urn("gateway-swedencentral")]);
    });

    it("reports an empty pool and a member that is not the stack's", async () => {
        expect(await messages(backendCircuitBreaker, withInput(stack, "gateway-pool", "pool.services", []))).toEqual([
            'backend pool "gateway-pool" has no members.',
        ]);
        const foreign = withInput(stack, "gateway-pool", "pool.services", [{ id: "/backends/elsewhere", priority: 1 }]);
        expect(await messages(backendCircuitBreaker, foreign)).toHaveLength(1);
    });
});

describe(serviceDiagnosticSettings.name, () => {
    it("reports a gateway without diagnostics, and one without gateway logs", async () => {
        expect(await messages(serviceDiagnosticSettings, without(stack, "gateway-diagnostics"))).toHaveLength(1);
        const metricsOnly = withInput(stack, "gateway-diagnostics", "logs", []);
        expect(await messages(serviceDiagnosticSettings, metricsOnly)).toHaveLength(1);
    });
});

describe(accountGatewayOnly.name, () => {
    it("reports accounts when the gateway has no network of its own", async () => {
        const changed = withInput(stack, "gateway", "virtualNetworkConfiguration", undefined);
        const found = await messages(accountGatewayOnly, changed);
        expect(found.length).toBeGreaterThan(0);
        expect(found[0]).toMatch(/no network of its own/);
    });

    it("reports an account whose private endpoint is in another network", async () => {
        const changed = withInput(
            stack,
            "gateway",
            "virtualNetworkConfiguration.subnetResourceId",
            "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/hub/providers/Microsoft.Network/virtualNetworks/other/subnets/apim",
        );
        expect(await violations(accountGatewayOnly, changed)).toContainEqual({
            urn: urn("acct"),
            message:
                'account "acct" has no private endpoint in the gateway\'s virtual network, so the gateway cannot reach ' +
                "it (or callers reach it another way).",
        });
    });

    it("reports a public account open to more than the gateway, passes one open to the gateway's subnet only", async () => {
        const open = withInput(stack, "acct", "properties.publicNetworkAccess", "Enabled");
        expect(
            await messages(
                accountGatewayOnly,
                withInput(open, "acct", "properties.networkAcls.ipRules", [{ value: "1.2.3.4" }]),
            ),
        ).toHaveLength(1);
        const gatewayOnly = withInput(
            withInput(open, "acct", "properties.networkAcls.ipRules", []),
            "acct",
            "properties.networkAcls.virtualNetworkRules",
            [{ id: GATEWAY_SUBNET_ID }],
        );
        expect(await messages(accountGatewayOnly, gatewayOnly)).toEqual([]);
    });
});

/**
 * The compliant stack of fixtures.ts plus a compliant AI gateway, shaped like the plan of the
 * shipped prod stack's gateway: an API Management service integrated with the stack's network, a
 * backend per account with a circuit breaker, a priority pool, the Azure OpenAI API with a
 * managed-identity policy, one team's product with a token limit, and the service's diagnostics.
 */
import type { PlanResourceEntry } from "../../plan/plan";
import { compliantStack, RESOURCE_GROUP, SUBSCRIPTION, TAGS, urnOf } from "./fixtures";

const RG_ID = `${SUBSCRIPTION}/resourceGroups/${RESOURCE_GROUP}`;
export const SERVICE_NAME = "aoai-tst-apim-abc123";
export const SERVICE_ID = `${RG_ID}/providers/Microsoft.ApiManagement/service/${SERVICE_NAME}`;
export const GATEWAY_SUBNET_ID = `${RG_ID}/providers/Microsoft.Network/virtualNetworks/net-1a2b3c4/subnets/gateway-integration`;
const WORKSPACE_ID = `${RG_ID}/providers/Microsoft.OperationalInsights/workspaces/logs-1a2b3c4`;

export const API_POLICY = `<policies>
    <inbound>
        <base/>
        <set-header name="api-key" exists-action="delete"/>
        <set-backend-service backend-id="openai-pool"/>
        <authentication-managed-identity resource="https://cognitiveservices.azure.com" client-id="{{gateway-identity-client-id}}"/>
    </inbound>
    <backend>
        <retry condition="@(context.Response.StatusCode == 429 || context.Response.StatusCode &gt;= 500)" count="2" interval="0" first-fast-retry="true">
            <forward-request buffer-request-body="true"/>
        </retry>
    </backend>
    <outbound>
        <base/>
    </outbound>
    <on-error>
        <base/>
    </on-error>
</policies>`;

export const PRODUCT_POLICY = `<policies>
    <inbound>
        <base/>
        <llm-token-limit counter-key="@(context.Subscription.Id)" tokens-per-minute="20000" estimate-prompt-tokens="true"/>
        <llm-emit-token-metric namespace="openai-gateway">
            <dimension name="Team" value="search"/>
        </llm-emit-token-metric>
    </inbound>
    <backend>
        <base/>
    </backend>
    <outbound>
        <base/>
    </outbound>
    <on-error>
        <base/>
    </on-error>
</policies>`;

const BREAKER = {
    rules: [
        {
            name: "throttled-or-failing",
            failureCondition: {
                count: 1,
                interval: "PT1M",
                statusCodeRanges: [
                    { min: 429, max: 429 },
                    { min: 500, max: 599 },
                ],
            },
            tripDuration: "PT1M",
            acceptRetryAfter: true,
        },
    ],
};

function entry(
    type: string,
    name: string,
    inputs: Record<string, unknown>,
    dependsOn: readonly string[] = [],
): PlanResourceEntry {
    return {
        urn: urnOf(type, name),
        type,
        name,
        parent: null,
        dependsOn: [...dependsOn],
        protect: false,
        inputs,
    };
}

const APIM = "azure-native:apimanagement";
const service = { resourceGroupName: RESOURCE_GROUP, serviceName: SERVICE_NAME };

export function compliantGatewayStack(): PlanResourceEntry[] {
    const serviceUrn = urnOf(`${APIM}:ApiManagementService`, "gateway");
    return [
        ...compliantStack(),
        entry(`${APIM}:ApiManagementService`, "gateway", {
            ...service,
            location: "swedencentral",
            sku: { name: "StandardV2", capacity: 1 },
            publisherEmail: "platform@example.com",
            publisherName: "Platform",
            virtualNetworkType: "External",
            virtualNetworkConfiguration: { subnetResourceId: GATEWAY_SUBNET_ID },
            tags: TAGS,
        }),
        entry(
            "azure-native:monitor:DiagnosticSetting",
            "gateway-diagnostics",
            {
                name: "to-log-analytics",
                resourceUri: SERVICE_ID,
                workspaceId: WORKSPACE_ID,
                logs: [{ category: "GatewayLogs", enabled: true }],
                metrics: [{ category: "AllMetrics", enabled: true }],
            },
            [serviceUrn],
        ),
        entry(`${APIM}:Backend`, "gateway-swedencentral", {
            ...service,
            backendId: "openai-swedencentral",
            type: "Single",
            protocol: "http",
            url: "https://aoai-tst-swedencentral-abc123.openai.azure.com/openai",
            circuitBreaker: BREAKER,
        }),
        entry(`${APIM}:Backend`, "gateway-pool", {
            ...service,
            backendId: "openai-pool",
            type: "Pool",
            pool: { services: [{ id: `${SERVICE_ID}/backends/openai-swedencentral`, priority: 1, weight: 1 }] },
        }),
        entry(`${APIM}:Api`, "gateway-api", { ...service, apiId: "azure-openai", path: "openai" }),
        entry(`${APIM}:ApiPolicy`, "gateway-api-policy", {
            ...service,
            apiId: "azure-openai",
            policyId: "policy",
            format: "xml",
            value: API_POLICY,
        }),
        entry(`${APIM}:Product`, "gateway-search", {
            ...service,
            productId: "team-search",
            displayName: "Team search",
        }),
        entry(`${APIM}:ProductPolicy`, "gateway-search-policy", {
            ...service,
            productId: "team-search",
            policyId: "policy",
            format: "xml",
            value: PRODUCT_POLICY,
        }),
    ];
}

import * as apimanagement from "@pulumi/azure-native/apimanagement";
import * as applicationinsights from "@pulumi/azure-native/applicationinsights";
import * as keyvault from "@pulumi/azure-native/keyvault";
import * as managedidentity from "@pulumi/azure-native/managedidentity";
import * as pulumi from "@pulumi/pulumi";
import type { GatewayTeamConfig, GatewayTier } from "../config/gateway-schema";
import { INFERENCE_API_VERSION, inferenceApiDocument, OPENAI_API_PATH } from "../gateway/openai-api";
import {
    apiPolicyXml,
    IDENTITY_CLIENT_ID_NAMED_VALUE,
    SUBSCRIPTION_KEY_HEADER,
    teamPolicyXml,
} from "../gateway/policies";
import { checkPolicy } from "../gateway/policy-check";
import { sendDiagnostics } from "./diagnostics";
import { createPrivateLink, type PrivateLinkPlacement } from "./private-network";
import { assignRoles } from "./role-grant";

/** API Management's resource log category for gateway requests (Microsoft.ApiManagement/service). */
export const GATEWAY_LOG_CATEGORIES = ["GatewayLogs"] as const;
export const POOL_BACKEND_ID = "openai-pool";
export const OPENAI_API_ID = "azure-openai";

/** One regional account behind the gateway. */
export interface GatewayAccount {
    readonly region: string;
    readonly accountId: pulumi.Input<string>;
    /** `https://<subdomain>.openai.azure.com/` */
    readonly endpoint: pulumi.Output<string>;
}

export interface GatewayArgs {
    readonly resourceGroupName: pulumi.Input<string>;
    readonly subscriptionId: pulumi.Input<string>;
    readonly location: string;
    /** Globally unique service name; the gateway answers on `https://<name>.azure-api.net`. */
    readonly serviceName: pulumi.Input<string>;
    readonly tier: GatewayTier;
    readonly capacity: number;
    readonly publisherEmail: string;
    readonly publisherName: string;
    /** The accounts in priority order: the first is the primary, the others fail over. */
    readonly accounts: readonly GatewayAccount[];
    readonly teams: Readonly<Record<string, GatewayTeamConfig>>;
    /** Vault that receives each team's subscription key. */
    readonly vaultName: pulumi.Input<string>;
    /** When the key secrets expire, in Unix seconds. */
    readonly secretExpiresAt: number;
    /**
     * Log Analytics workspace for the gateway's logs and, through Application Insights, the
     * per-team token metrics; absent (monitoring off): neither.
     */
    readonly workspaceId?: pulumi.Input<string>;
    /** Subnet (delegated to Microsoft.Web/serverFarms) through which the gateway reaches private accounts. */
    readonly integrationSubnetId?: pulumi.Input<string>;
    /** Inbound private endpoint of the gateway; absent: public inbound. */
    readonly privateInbound?: PrivateLinkPlacement;
    readonly tags: Readonly<Record<string, string>>;
}

/** What a team needs to call the gateway: where its key is and what it may call. */
export interface GatewayTeamAccess {
    readonly secretName: string;
    readonly deployments: readonly string[];
}

/**
 * Priority 1 for the primary region, 2 for every failover region (used only when all priority-1
 * members have tripped), equal weights among failover regions. Weights do not follow capacities, so
 * that resizing a deployment never touches the gateway.
 */
export function poolMembers(
    accounts: readonly GatewayAccount[],
): { region: string; priority: number; weight: number }[] {
    return accounts.map((account, index) => ({ region: account.region, priority: index === 0 ? 1 : 2, weight: 1 }));
}

/**
 * Service name: `<prefix>-apim-<suffix>`, at most 23 characters; API Management names are 1–50
 * letters, digits and hyphens starting with a letter (ARM spec 2024-05-01, ServiceNameParameter)
 * and globally unique (they are the gateway's host name).
 */
export function gatewayServiceName(prefix: string, suffix: pulumi.Input<string>): pulumi.Output<string> {
    return pulumi.interpolate`${prefix}-apim-${suffix}`;
}

export function teamSecretName(team: string): string {
    return `gateway-${team}-key`;
}

function assertValidPolicy(what: string, xml: string): string {
    const findings = checkPolicy(xml);
    if (findings.length > 0) {
        throw new Error(`${what}: ${findings.map((finding) => finding.message).join("; ")}`);
    }
    return xml;
}

/**
 * The AI gateway: an API Management service with a user-assigned identity that holds Cognitive
 * Services OpenAI User on every account (no keys), one backend per account with a circuit breaker
 * that honours Retry-After, a priority pool over them, the Azure OpenAI API imported from
 * Microsoft's spec, and per team a product, a subscription, a token limit with token metrics, and
 * the subscription key in the vault. Logs go to Log Analytics; token metrics to Application Insights.
 */
export class Gateway extends pulumi.ComponentResource {
    public readonly service: apimanagement.ApiManagementService;
    public readonly identity: managedidentity.UserAssignedIdentity;
    public readonly gatewayUrl: pulumi.Output<string>;
    public readonly teams: Readonly<Record<string, GatewayTeamAccess>>;

    constructor(name: string, args: GatewayArgs, opts?: pulumi.ComponentResourceOptions) {
        super("aoai:platform:Gateway", name, {}, opts);
        const { resourceGroupName, tags } = args;
        const primary = args.accounts[0];
        if (!primary) {
            throw new Error("Gateway needs at least one account (config validation ensures one region)");
        }

        // User-assigned: the role assignments exist before the (slow to create) service does, and
        // survive its replacement.
        this.identity = new managedidentity.UserAssignedIdentity(
            `${name}-identity`,
            { resourceGroupName, location: args.location, tags },
            { parent: this },
        );
        for (const account of args.accounts) {
            assignRoles(
                `${name}-${account.region}`,
                account.accountId,
                args.subscriptionId,
                [
                    {
                        role: "Cognitive Services OpenAI User",
                        principalId: this.identity.principalId,
                        principalType: "ServicePrincipal",
                        principalKey: "gateway",
                    },
                ],
                this,
            );
        }

        this.service = new apimanagement.ApiManagementService(
            name,
            {
                resourceGroupName,
                serviceName: args.serviceName,
                location: args.location,
                sku: { name: args.tier, capacity: args.capacity },
                publisherEmail: args.publisherEmail,
                publisherName: args.publisherName,
                identity: {
                    type: "UserAssigned",
                    userAssignedIdentities: this.identity.id.apply((id) => ({ [id]: {} })),
                },
                ...(args.integrationSubnetId
                    ? {
                          virtualNetworkType: "External",
                          virtualNetworkConfiguration: { subnetResourceId: args.integrationSubnetId },
                      }
                    : {}),
                publicNetworkAccess: args.privateInbound ? "Disabled" : "Enabled",
                tags,
            },
            // Classic tiers take 30–40 minutes (or more) to create; v2 tiers minutes.
            { parent: this, customTimeouts: { create: "120m", update: "120m" } },
        );
        const serviceName = this.service.name;
        const child = { parent: this.service };
        this.gatewayUrl = this.service.gatewayUrl;

        const clientId = new apimanagement.NamedValue(
            `${name}-client-id`,
            {
                resourceGroupName,
                serviceName,
                namedValueId: IDENTITY_CLIENT_ID_NAMED_VALUE,
                displayName: IDENTITY_CLIENT_ID_NAMED_VALUE,
                value: this.identity.clientId,
                secret: false,
            },
            child,
        );

        const logger = args.workspaceId ? this.monitoring(name, args.workspaceId, args) : undefined;

        const members = poolMembers(args.accounts);
        const backends = args.accounts.map(
            (account) =>
                new apimanagement.Backend(
                    `${name}-${account.region}`,
                    {
                        resourceGroupName,
                        serviceName,
                        backendId: `openai-${account.region}`,
                        title: `Azure OpenAI ${account.region}`,
                        type: "Single",
                        protocol: "http",
                        url: pulumi.interpolate`${account.endpoint}${OPENAI_API_PATH}`,
                        tls: { validateCertificateChain: true, validateCertificateName: true },
                        // One rule per backend (the service's limit): trip on a 429 or any 5xx, and
                        // wait as long as the account's Retry-After says before sending it traffic again.
                        circuitBreaker: {
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
                        },
                    },
                    child,
                ),
        );
        const pool = new apimanagement.Backend(
            `${name}-pool`,
            {
                resourceGroupName,
                serviceName,
                backendId: POOL_BACKEND_ID,
                title: "Azure OpenAI accounts, primary region first",
                type: "Pool",
                pool: {
                    services: backends.map((backend, index) => ({
                        id: backend.id,
                        priority: members[index]?.priority ?? 2,
                        weight: members[index]?.weight ?? 1,
                    })),
                },
            },
            child,
        );

        const api = new apimanagement.Api(
            `${name}-api`,
            {
                resourceGroupName,
                serviceName,
                apiId: OPENAI_API_ID,
                displayName: "Azure OpenAI",
                description: `Azure OpenAI inference (${INFERENCE_API_VERSION}), routed to the stack's accounts.`,
                path: OPENAI_API_PATH,
                protocols: ["https"],
                apiType: "http",
                format: "openapi+json",
                value: primary.endpoint.apply(inferenceApiDocument),
                subscriptionRequired: true,
                // OpenAI SDKs send their key as `api-key`: the team's subscription key goes there.
                subscriptionKeyParameterNames: { header: SUBSCRIPTION_KEY_HEADER, query: SUBSCRIPTION_KEY_HEADER },
            },
            child,
        );
        new apimanagement.ApiPolicy(
            `${name}-api-policy`,
            {
                resourceGroupName,
                serviceName,
                apiId: api.name,
                policyId: "policy",
                format: "xml",
                value: assertValidPolicy(
                    "API policy",
                    apiPolicyXml({ poolBackendId: POOL_BACKEND_ID, retries: Math.max(1, args.accounts.length) }),
                ),
            },
            // The policy names the pool and the named value, which API Management resolves on save.
            { parent: this.service, dependsOn: [pool, clientId] },
        );
        if (logger) {
            new apimanagement.ApiDiagnostic(
                `${name}-api-diagnostic`,
                {
                    resourceGroupName,
                    serviceName,
                    apiId: api.name,
                    diagnosticId: "applicationinsights",
                    loggerId: logger.id,
                    // Custom metrics with dimensions: what llm-emit-token-metric needs.
                    metrics: true,
                    alwaysLog: "allErrors",
                    verbosity: "information",
                    logClientIp: false,
                    httpCorrelationProtocol: "W3C",
                    sampling: { samplingType: "fixed", percentage: 100 },
                },
                child,
            );
        }

        const teams: Record<string, GatewayTeamAccess> = {};
        for (const team of Object.keys(args.teams).sort()) {
            const config = args.teams[team] as GatewayTeamConfig;
            const product = new apimanagement.Product(
                `${name}-${team}`,
                {
                    resourceGroupName,
                    serviceName,
                    productId: `team-${team}`,
                    displayName: `Team ${team}`,
                    description: `Azure OpenAI for team ${team}: ${config.deployments.join(", ")}; ${config.tokensPerMinute} tokens per minute.`,
                    subscriptionRequired: true,
                    approvalRequired: false,
                    subscriptionsLimit: 1,
                    state: "published",
                },
                child,
            );
            new apimanagement.ProductApi(
                `${name}-${team}-api`,
                { resourceGroupName, serviceName, productId: product.name, apiId: api.name },
                child,
            );
            new apimanagement.ProductPolicy(
                `${name}-${team}-policy`,
                {
                    resourceGroupName,
                    serviceName,
                    productId: product.name,
                    policyId: "policy",
                    format: "xml",
                    value: assertValidPolicy(
                        `policy of team ${team}`,
                        teamPolicyXml({
                            team,
                            tokensPerMinute: config.tokensPerMinute,
                            ...(config.tokenQuota ? { tokenQuota: config.tokenQuota } : {}),
                            deployments: config.deployments,
                            emitTokenMetrics: logger !== undefined,
                        }),
                    ),
                },
                { parent: this.service, dependsOn: logger ? [logger] : [] },
            );
            const subscription = new apimanagement.Subscription(
                `${name}-${team}-subscription`,
                {
                    resourceGroupName,
                    serviceName,
                    sid: `team-${team}`,
                    displayName: `Team ${team}`,
                    // The form the spec documents for a product scope (SubscriptionCreateParameterProperties).
                    scope: pulumi.interpolate`/products/${product.name}`,
                    state: "active",
                    allowTracing: false,
                },
                child,
            );
            // listSecrets results are not marked secret by the provider: wrap the key before it
            // reaches the vault secret or anything else.
            const keys = apimanagement.listSubscriptionSecretsOutput(
                { resourceGroupName, serviceName, sid: subscription.name },
                { parent: this },
            );
            const secretName = teamSecretName(team);
            const secret = new keyvault.Secret(
                `${name}-${team}-secret`,
                {
                    resourceGroupName,
                    vaultName: args.vaultName,
                    secretName,
                    properties: {
                        value: pulumi.secret(keys.apply((k) => k.primaryKey ?? "")),
                        contentType: "text/plain; kind=apim-subscription-key",
                        attributes: { enabled: true, expires: args.secretExpiresAt },
                    },
                    tags,
                },
                { parent: this },
            );
            // The team's principals read their own key only: Key Vault Secrets User on the secret.
            assignRoles(
                `${name}-${team}-secret`,
                secret.id,
                args.subscriptionId,
                config.principals.map((principal) => ({
                    role: "Key Vault Secrets User",
                    principalId: principal.objectId,
                    principalType: principal.principalType,
                    principalKey: principal.objectId.toLowerCase(),
                })),
                this,
            );
            teams[team] = { secretName, deployments: [...config.deployments] };
        }
        this.teams = teams;

        if (args.privateInbound) {
            createPrivateLink(`${name}-pe`, {
                ...args.privateInbound,
                resourceGroupName,
                targetId: this.service.id,
                groupId: "Gateway",
                tags,
                parent: this,
            });
        }

        this.registerOutputs({ gatewayUrl: this.gatewayUrl, teams: this.teams });
    }

    /** Logs to Log Analytics, and an Application Insights logger (tied to the same workspace) for token metrics. */
    private monitoring(name: string, workspaceId: pulumi.Input<string>, args: GatewayArgs): apimanagement.Logger {
        const { resourceGroupName, tags } = args;
        sendDiagnostics(`${name}-diagnostics`, this.service.id, workspaceId, GATEWAY_LOG_CATEGORIES, this);
        const insights = new applicationinsights.Component(
            `${name}-insights`,
            {
                resourceGroupName,
                location: args.location,
                kind: "web",
                applicationType: "web",
                ingestionMode: "LogAnalytics",
                workspaceResourceId: workspaceId,
                tags,
            },
            { parent: this },
        );
        return new apimanagement.Logger(
            `${name}-logger`,
            {
                resourceGroupName,
                serviceName: this.service.name,
                loggerId: "application-insights",
                loggerType: "applicationInsights",
                resourceId: insights.id,
                description: "Token metrics per team (llm-emit-token-metric) and request telemetry.",
                credentials: { instrumentationKey: pulumi.secret(insights.instrumentationKey) },
            },
            { parent: this.service },
        );
    }
}

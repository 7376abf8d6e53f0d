/**
 * The gateway's policy documents (API Management policy XML), built as element trees and
 * serialised by fast-xml-parser's XMLBuilder (a kept library that escapes attribute values, so a
 * policy expression with quotes or `<` stays well-formed). Element and attribute names are those of
 * Microsoft Learn's policy reference pages (llm-token-limit, llm-emit-token-metric,
 * authentication-managed-identity, set-backend-service, retry).
 */
import { XMLBuilder } from "fast-xml-parser";

/** One element in document order: `{ tag: children, ":@": attributes }`, as XMLBuilder's preserveOrder takes it. */
export type PolicyNode = Readonly<Record<string, PolicyNode[] | Record<string, string> | string>>;

/** A text node. */
export function text(value: string): PolicyNode {
    return { "#text": value };
}

export function element(tag: string, attributes: Record<string, string> = {}, children: PolicyNode[] = []): PolicyNode {
    return Object.keys(attributes).length > 0 ? { [tag]: children, ":@": attributes } : { [tag]: children };
}

const builder = new XMLBuilder({
    preserveOrder: true,
    ignoreAttributes: false,
    attributeNamePrefix: "",
    format: true,
    indentBy: "    ",
    suppressEmptyNode: true,
});

/** The four sections in the order API Management requires; `<base />` first in each, so parent scopes run first. */
export function policyDocument(sections: {
    readonly inbound?: PolicyNode[];
    readonly backend?: PolicyNode[];
    readonly outbound?: PolicyNode[];
    readonly onError?: PolicyNode[];
}): string {
    const base = element("base");
    const backend = sections.backend ?? [base];
    const tree = [
        element("policies", {}, [
            element("inbound", {}, [base, ...(sections.inbound ?? [])]),
            element("backend", {}, backend),
            element("outbound", {}, [base, ...(sections.outbound ?? [])]),
            element("on-error", {}, [base, ...(sections.onError ?? [])]),
        ]),
    ];
    return builder.build(tree).trim();
}

/** The audience Azure OpenAI accepts Entra tokens for. */
export const COGNITIVE_SERVICES_RESOURCE = "https://cognitiveservices.azure.com";
/** The named value holding the gateway identity's client id (a user-assigned identity needs it). */
export const IDENTITY_CLIENT_ID_NAMED_VALUE = "gateway-identity-client-id";
/** Callers' header for the subscription key; Azure OpenAI SDKs send their key in it. */
export const SUBSCRIPTION_KEY_HEADER = "api-key";
/** Namespace of the token metrics in Application Insights. */
export const TOKEN_METRIC_NAMESPACE = "openai-gateway";

export interface ApiPolicyArgs {
    /** The backend pool every request goes to. */
    readonly poolBackendId: string;
    /** How many times a 429 or 5xx is retried (the pool picks another member once one trips). */
    readonly retries: number;
}

/**
 * The Azure OpenAI API's policy: drop the caller's `api-key` (the team's subscription key must not
 * reach the accounts), route to the pool, authenticate with the gateway's managed identity, and
 * retry throttled or failed calls so that the pool's failover happens within one request.
 */
export function apiPolicyXml(args: ApiPolicyArgs): string {
    return policyDocument({
        inbound: [
            element("set-header", { name: SUBSCRIPTION_KEY_HEADER, "exists-action": "delete" }),
            element("set-backend-service", { "backend-id": args.poolBackendId }),
            element("authentication-managed-identity", {
                resource: COGNITIVE_SERVICES_RESOURCE,
                "client-id": `{{${IDENTITY_CLIENT_ID_NAMED_VALUE}}}`,
            }),
        ],
        backend: [
            element(
                "retry",
                {
                    condition: "@(context.Response.StatusCode == 429 || context.Response.StatusCode >= 500)",
                    count: String(args.retries),
                    interval: "0",
                    "first-fast-retry": "true",
                },
                [element("forward-request", { "buffer-request-body": "true" })],
            ),
        ],
    });
}

export interface TeamPolicyArgs {
    readonly team: string;
    readonly tokensPerMinute: number;
    readonly tokenQuota?: { readonly tokens: number; readonly period: string };
    /** Deployment stable names the team may call. */
    readonly deployments: readonly string[];
    /** Emit token metrics (needs an Application Insights logger and API diagnostic). @default true */
    readonly emitTokenMetrics?: boolean;
}

/** A C# string literal for a policy expression. */
function csharpString(value: string): string {
    return `"${value.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`;
}

/**
 * A team's product policy: refuse deployments the team may not call (403), limit tokens per
 * subscription (429 over the rate, 403 over the quota), and emit token counts with the team as a
 * dimension.
 */
export function teamPolicyXml(args: TeamPolicyArgs): string {
    const allowed = `new [] { ${args.deployments.map(csharpString).join(", ")} }`;
    return policyDocument({
        inbound: [
            element("choose", {}, [
                element(
                    "when",
                    {
                        condition: `@(!${allowed}.Contains(context.Request.MatchedParameters.GetValueOrDefault("deployment-id", "")))`,
                    },
                    [
                        element("return-response", {}, [
                            element("set-status", { code: "403", reason: "Forbidden" }),
                            element("set-body", {}, [
                                text(`This subscription may call: ${args.deployments.join(", ")}`),
                            ]),
                        ]),
                    ],
                ),
            ]),
            element("llm-token-limit", {
                "counter-key": "@(context.Subscription.Id)",
                "tokens-per-minute": String(args.tokensPerMinute),
                ...(args.tokenQuota
                    ? { "token-quota": String(args.tokenQuota.tokens), "token-quota-period": args.tokenQuota.period }
                    : {}),
                "estimate-prompt-tokens": "true",
                "remaining-tokens-header-name": "x-ratelimit-remaining-tokens",
            }),
            ...(args.emitTokenMetrics === false
                ? []
                : [
                      element("llm-emit-token-metric", { namespace: TOKEN_METRIC_NAMESPACE }, [
                          element("dimension", { name: "Team", value: args.team }),
                          element("dimension", { name: "API ID" }),
                          element("dimension", { name: "Subscription ID" }),
                      ]),
                  ]),
        ],
    });
}

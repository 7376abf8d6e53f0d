/**
 * Checks a policy document the way API Management's order-sensitive schema judges it, for the
 * AI-gateway elements this product writes (Microsoft Learn policy reference: "enter the policy's
 * elements and child elements in the order provided in the policy statement"; each page's Usage
 * table names the sections a policy may appear in). Read by the policy pack's XML reader
 * (policies/lib/policy-xml.ts), the one the pack's rules judge the same documents with.
 */
import { elements, parsePolicyXml, type PolicyElement } from "../../policies/lib/policy-xml";

export type PolicyRule =
    | "well-formed"
    | "root-policies"
    | "section-order"
    | "single-base"
    | "inbound-only"
    | "token-limit-attributes"
    | "token-metric-dimensions"
    | "retry-wraps-forward-request";

export interface PolicyFinding {
    readonly rule: PolicyRule;
    readonly message: string;
}

/** Sections in the order a policy document must list them. */
export const SECTIONS = ["inbound", "backend", "outbound", "on-error"] as const;

/** Policies whose Usage tables list only the inbound section. */
export const INBOUND_ONLY = [
    "llm-token-limit",
    "azure-openai-token-limit",
    "llm-emit-token-metric",
    "azure-openai-emit-token-metric",
    "authentication-managed-identity",
    "set-backend-service",
] as const;

const TOKEN_LIMITS = ["llm-token-limit", "azure-openai-token-limit"];
const TOKEN_METRICS = ["llm-emit-token-metric", "azure-openai-emit-token-metric"];

/** Every finding in `xml`; an empty list means API Management would take the AI-gateway parts as written. */
export function checkPolicy(xml: string): PolicyFinding[] {
    const parsed = parsePolicyXml(xml);
    if (typeof parsed === "string") {
        return [{ rule: "well-formed", message: `not well-formed XML: ${parsed}` }];
    }
    const root = parsed[0];
    if (parsed.length !== 1 || root?.name !== "policies") {
        return [{ rule: "root-policies", message: "the document must have one root element, <policies>" }];
    }
    const findings: PolicyFinding[] = [];
    const names = root.children.map((child) => child.name);
    const known = names.filter((name) => (SECTIONS as readonly string[]).includes(name));
    const expected = SECTIONS.filter((section) => known.includes(section));
    if (known.length !== names.length || known.join(",") !== expected.join(",")) {
        findings.push({
            rule: "section-order",
            message: `sections are ${names.join(", ")}; allowed: each of ${SECTIONS.join(", ")} at most once, in that order`,
        });
    }
    for (const section of root.children) {
        const bases = section.children.filter((child) => child.name === "base").length;
        if (bases > 1) {
            findings.push({
                rule: "single-base",
                message: `<${section.name}> has ${bases} <base /> elements; allowed: at most one`,
            });
        }
        if (section.name === "inbound") {
            continue;
        }
        for (const element of section.children.flatMap((child) => [...elements(child)])) {
            if ((INBOUND_ONLY as readonly string[]).includes(element.name)) {
                findings.push({
                    rule: "inbound-only",
                    message: `<${element.name}> is in <${section.name}>; allowed only in <inbound>`,
                });
            }
        }
    }
    for (const element of elements(root)) {
        if (TOKEN_LIMITS.includes(element.name)) {
            findings.push(...tokenLimitFindings(element));
        }
        if (TOKEN_METRICS.includes(element.name)) {
            const others = element.children.filter((child) => child.name !== "dimension");
            const dimensions = element.children.filter((child) => child.name === "dimension");
            if (others.length > 0 || dimensions.length < 1 || dimensions.length > 10) {
                findings.push({
                    rule: "token-metric-dimensions",
                    message: `<${element.name}> has ${dimensions.length} <dimension> and ${others.length} other children; allowed: 1 to 10 <dimension> elements only`,
                });
            }
            if (dimensions.some((dimension) => !dimension.attributes["name"])) {
                findings.push({ rule: "token-metric-dimensions", message: "every <dimension> needs a name" });
            }
        }
    }
    const backend = root.children.find((section) => section.name === "backend");
    for (const child of backend?.children ?? []) {
        const forwards = [...elements(child)].filter((element) => element.name === "forward-request");
        if (child.name === "retry" && (child.children.length !== 1 || child.children[0]?.name !== "forward-request")) {
            findings.push({
                rule: "retry-wraps-forward-request",
                message: "<retry> in <backend> must wrap exactly one <forward-request>",
            });
        } else if (child.name !== "retry" && child.name !== "forward-request" && forwards.length > 0) {
            findings.push({
                rule: "retry-wraps-forward-request",
                message: `<forward-request> sits in <${child.name}>; allowed directly in <backend> or in <retry>`,
            });
        }
    }
    return findings;
}

function tokenLimitFindings(element: PolicyElement): PolicyFinding[] {
    const attributes = element.attributes;
    const missing = ["counter-key", "estimate-prompt-tokens"].filter((name) => !attributes[name]);
    const findings: PolicyFinding[] = missing.map((name) => ({
        rule: "token-limit-attributes",
        message: `<${element.name}> lacks ${name}, which is required`,
    }));
    if (!attributes["tokens-per-minute"] && !attributes["token-quota"]) {
        findings.push({
            rule: "token-limit-attributes",
            message: `<${element.name}> sets neither tokens-per-minute nor token-quota; at least one is required`,
        });
    }
    if (Boolean(attributes["token-quota"]) !== Boolean(attributes["token-quota-period"])) {
        findings.push({
            rule: "token-limit-attributes",
            message: `<${element.name}> sets one of token-quota and token-quota-period; they go together`,
        });
    }
    return findings;
}

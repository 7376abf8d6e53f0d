/**
 * API Management (the AI gateway) as the rules see it: type tokens, the input shapes they read, and
 * the policy XML of a policy resource (read by ./policy-xml.ts, the pack's own dependency: the pack
 * stays self-contained).
 */
import type { PolicyResource } from "@pulumi/policy";
import { elements, parsePolicyXml, type PolicyElement } from "./policy-xml";
import { dependsDirectlyOn } from "./relations";
import { isUnknown, read, type Unknown } from "./values";

export { elements, type PolicyElement } from "./policy-xml";

export const APIM_TYPES = {
    service: "azure-native:apimanagement:ApiManagementService",
    backend: "azure-native:apimanagement:Backend",
    api: "azure-native:apimanagement:Api",
    apiPolicy: "azure-native:apimanagement:ApiPolicy",
    product: "azure-native:apimanagement:Product",
    productPolicy: "azure-native:apimanagement:ProductPolicy",
} as const;

export interface ServiceProps {
    readonly serviceName?: string;
    readonly virtualNetworkType?: string;
    readonly virtualNetworkConfiguration?: { readonly subnetResourceId?: string };
}

export interface StatusCodeRange {
    readonly min?: number;
    readonly max?: number;
}

export interface CircuitBreakerRule {
    readonly name?: string;
    readonly acceptRetryAfter?: boolean;
    readonly tripDuration?: string;
    readonly failureCondition?: {
        readonly count?: number;
        readonly percentage?: number;
        readonly interval?: string;
        readonly statusCodeRanges?: readonly StatusCodeRange[];
    };
}

export interface BackendProps {
    readonly backendId?: string;
    readonly type?: string;
    readonly url?: string;
    readonly pool?: { readonly services?: readonly { readonly id?: string; readonly priority?: number }[] };
    readonly circuitBreaker?: { readonly rules?: readonly CircuitBreakerRule[] };
    readonly credentials?: {
        readonly header?: Readonly<Record<string, unknown>>;
        readonly query?: Readonly<Record<string, unknown>>;
    };
}

export interface PolicyProps {
    readonly apiId?: string;
    readonly productId?: string;
    readonly format?: string;
    readonly value?: string;
}

/** The `<policies>` element of a policy resource, UNKNOWN before its value is known, or why it cannot be read. */
export function policyDocument(resource: PolicyResource): PolicyElement | Unknown | string {
    const value = read(() => (resource.props as PolicyProps).value);
    if (isUnknown(value)) {
        return value;
    }
    if (typeof value !== "string") {
        return "its policy has no value";
    }
    const format = read(() => (resource.props as PolicyProps).format);
    if (typeof format === "string" && format.endsWith("-link")) {
        return `its policy is a link (${format}), which the pack cannot read`;
    }
    const parsed = parsePolicyXml(value);
    if (typeof parsed === "string") {
        return `its policy is not well-formed XML: ${parsed}`;
    }
    const root = parsed.find((element) => element.name === "policies");
    return root ?? "its policy has no <policies> element";
}

/** The elements of one section (`inbound`, ...), nested ones included. */
export function sectionElements(root: PolicyElement, section: string): PolicyElement[] {
    return root.children.filter((child) => child.name === section).flatMap((child) => [...elements(child)].slice(1));
}

const same = (a: string | undefined, b: string): boolean => (a ?? "").toLowerCase() === b.toLowerCase();

/** Where a policy sends an `api-key` header or query parameter onwards (anything but deleting it). */
export function apiKeyForwards(root: PolicyElement): string[] {
    return [...elements(root)]
        .filter(
            (element) =>
                (element.name === "set-header" || element.name === "set-query-parameter") &&
                same(element.attributes["name"], "api-key") &&
                !same(element.attributes["exists-action"], "delete"),
        )
        .map((element) => `<${element.name} name="${element.attributes["name"] ?? ""}">`);
}

/** The resource id the policy's managed-identity authentication asks a token for, per element. */
export function managedIdentityResources(root: PolicyElement): string[] {
    return sectionElements(root, "inbound")
        .filter((element) => element.name === "authentication-managed-identity")
        .map((element) => element.attributes["resource"] ?? "");
}

/** Token limit elements in inbound that set a rate or a quota. */
export function tokenLimits(root: PolicyElement): PolicyElement[] {
    return sectionElements(root, "inbound").filter(
        (element) =>
            (element.name === "llm-token-limit" || element.name === "azure-openai-token-limit") &&
            Boolean(element.attributes["tokens-per-minute"] || element.attributes["token-quota"]),
    );
}

/** A string input, UNKNOWN before it is known, undefined when not a string. */
export function stringInput(resource: PolicyResource, key: string): string | undefined | Unknown {
    const value = read(() => (resource.props as Record<string, unknown>)[key]);
    return isUnknown(value) || typeof value === "string" ? value : undefined;
}

/** The virtual network part of a subnet id (`.../virtualNetworks/<name>`), lower-cased. */
export function networkOf(subnetId: string): string {
    return subnetId.toLowerCase().replace(/\/subnets\/[^/]+$/, "");
}

/**
 * The policies of `parent` (an API or a product) among `policies`: those naming its id under `idKey`
 * (`apiId`, `productId`), or, while either id is not known yet, those depending on it directly.
 */
export function policiesOf(
    parent: PolicyResource,
    policies: readonly PolicyResource[],
    idKey: "apiId" | "productId",
): PolicyResource[] {
    const id = stringInput(parent, idKey);
    return policies.filter((policy) => {
        const target = stringInput(policy, idKey);
        return isUnknown(target) || isUnknown(id) || id === undefined
            ? dependsDirectlyOn(policy, parent)
            : target === id;
    });
}

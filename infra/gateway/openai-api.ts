/**
 * The Azure OpenAI inference API as API Management imports it: Microsoft's OpenAPI 3 document for
 * the data plane (azure-rest-api-specs, specification/cognitiveservices/data-plane/AzureOpenAI/
 * inference/stable/2024-10-21/inference.json, stored beside the ARM specs with its source in
 * tools/armspec/SOURCES.json), with its `servers` entry pointed at the primary account — the
 * import's service URL; requests are routed to the backend pool by policy anyway.
 */
import * as fs from "node:fs";
import * as path from "node:path";

export const INFERENCE_API_VERSION = "2024-10-21";

export const INFERENCE_SPEC_PATH = path.join(
    __dirname,
    "..",
    "..",
    "tools",
    "armspec",
    "specification",
    "cognitiveservices",
    "data-plane",
    "AzureOpenAI",
    "inference",
    "stable",
    INFERENCE_API_VERSION,
    "inference.json",
);

/** Private DNS zone of API Management's inbound private endpoints (Microsoft's private DNS zone values). */
export const GATEWAY_DNS_ZONE = "privatelink.azure-api.net";

/** Path suffix of the API on the gateway: OpenAI SDKs call `<gateway>/openai/deployments/...`. */
export const OPENAI_API_PATH = "openai";

let cached: Record<string, unknown> | undefined;

function inferenceSpec(): Record<string, unknown> {
    cached ??= JSON.parse(fs.readFileSync(INFERENCE_SPEC_PATH, "utf8")) as Record<string, unknown>;
    return cached;
}

/** The OpenAPI document to import, its server set to `https://<accountHost>/openai`. */
export function inferenceApiDocument(accountEndpoint: string): string {
    const host = new URL(accountEndpoint).host;
    return JSON.stringify({ ...inferenceSpec(), servers: [{ url: `https://${host}/${OPENAI_API_PATH}` }] });
}

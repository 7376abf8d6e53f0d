/**
 * The AI gateway authenticates to its backends with its managed identity and never forwards an
 * `api-key`.
 *
 * Severity high. Microsoft Learn "Authenticate and authorize access to Azure OpenAI APIs using Azure
 * API Management" and the authentication-managed-identity policy page (resource
 * https://cognitiveservices.azure.com); MCSB IM-3 (managed identities), IM-8 (no credentials in
 * code or configuration). Every API's policy gets an Entra token for the accounts; no policy sets
 * an `api-key` header or query parameter, and no backend carries one in its credentials.
 */
import { stackPolicy } from "../metadata";
import {
    apiKeyForwards,
    APIM_TYPES,
    type BackendProps,
    managedIdentityResources,
    policyDocument,
    policiesOf,
} from "../lib/apim";
import { label, ofType } from "../lib/relations";
import { isUnknown, read } from "../lib/values";

export const COGNITIVE_SERVICES_RESOURCE = "https://cognitiveservices.azure.com";

const isCognitive = (resource: string): boolean =>
    resource
        .replace(/\/+$/, "")
        .replace(/\/\.default$/, "")
        .toLowerCase() === COGNITIVE_SERVICES_RESOURCE;

export const backendManagedIdentity = stackPolicy({
    name: "azure-apimanagement-backend-managed-identity",
    description:
        "Every API Management API authenticates to its backends with the gateway's managed identity " +
        `(authentication-managed-identity for ${COGNITIVE_SERVICES_RESOURCE}); no policy or backend forwards an api-key.`,
    enforcementLevel: "mandatory",
    severity: "high",
    origin: "product",
    publicIds: { mcsb: ["IM-3", "IM-8"] },
    remediationSteps:
        `Put <authentication-managed-identity resource="${COGNITIVE_SERVICES_RESOURCE}"/> in the API policy's inbound ` +
        "section, grant the identity Cognitive Services OpenAI User on the accounts, delete callers' keys with " +
        '<set-header name="api-key" exists-action="delete"/>, and remove api-key from backend credentials.',
    validateStack: (args, reportViolation) => {
        const apiPolicies = ofType(args.resources, APIM_TYPES.apiPolicy);
        for (const api of ofType(args.resources, APIM_TYPES.api)) {
            const own = policiesOf(api, apiPolicies, "apiId");
            if (own.length === 0) {
                reportViolation(
                    `API ${label(api)} has no policy, so its calls reach the backends without the gateway's managed ` +
                        "identity; add an ApiPolicy with authentication-managed-identity.",
                    api.urn,
                );
                continue;
            }
            const documents = own.map(policyDocument);
            if (documents.some(isUnknown)) {
                continue;
            }
            const authenticated = documents.some(
                (document) => typeof document === "object" && managedIdentityResources(document).some(isCognitive),
            );
            if (!authenticated) {
                reportViolation(
                    `API ${label(api)}'s policy does not authenticate with the gateway's managed identity ` +
                        `(no authentication-managed-identity for ${COGNITIVE_SERVICES_RESOURCE} in <inbound>).`,
                    api.urn,
                );
            }
        }
        for (const policy of ofType(args.resources, APIM_TYPES.apiPolicy, APIM_TYPES.productPolicy)) {
            const document = policyDocument(policy);
            if (isUnknown(document) || typeof document === "string") {
                continue;
            }
            const forwards = apiKeyForwards(document);
            if (forwards.length > 0) {
                reportViolation(
                    `policy ${label(policy)} sends an api-key onwards (${forwards.join(", ")}): a key would reach ` +
                        'the accounts; authenticate with the managed identity and use exists-action="delete" only.',
                    policy.urn,
                );
            }
        }
        for (const backend of ofType(args.resources, APIM_TYPES.backend)) {
            const credentials = read(() => (backend.props as BackendProps).credentials);
            if (isUnknown(credentials) || !credentials) {
                continue;
            }
            const keys = [
                ...Object.keys(credentials.header ?? {}).map((name) => `header ${name}`),
                ...Object.keys(credentials.query ?? {}).map((name) => `query ${name}`),
            ].filter((entry) => entry.toLowerCase().endsWith(" api-key"));
            if (keys.length > 0) {
                reportViolation(
                    `backend ${label(backend)} sends an api-key (credentials ${keys.join(", ")}); remove it and ` +
                        "authenticate with the gateway's managed identity.",
                    backend.urn,
                );
            }
        }
    },
});

/**
 * Azure OpenAI accounts are reachable through Private Link.
 *
 * Severity high. Mirrors Azure Policy d6759c02-b87f-42b7-892e-71b3f471d782 "Azure AI Services
 * resources should use Azure Private Link" (Audit; the DINE twin is db630ad5); COMPLIANCE.md
 * row 3. In a plan the endpoint does not exist yet, so this is a stack policy over the planned
 * private endpoints rather than the account's privateEndpointConnections.
 */
import { TYPES } from "../lib/types";
import { privateEndpointPolicy } from "../lib/private-endpoint-policy";

export const accountPrivateEndpoint = privateEndpointPolicy({
    name: "azure-cognitiveservices-account-private-endpoint",
    targetType: TYPES.account,
    groupId: "account",
    zones: "privatelink.openai.azure.com (AIServices: also privatelink.cognitiveservices.azure.com and privatelink.services.ai.azure.com)",
    origin: "row 3",
    publicIds: { azurePolicy: ["d6759c02", "db630ad5"] },
});

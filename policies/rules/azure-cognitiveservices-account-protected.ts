/**
 * Accounts are protected in Pulumi (`protect: true`, prod). Severity medium. The product's own rule.
 */
import { protectedPolicy } from "../lib/protection-policies";
import { TYPES } from "../lib/types";

export const accountProtected = protectedPolicy({
    name: "azure-cognitiveservices-account-protected",
    targetType: TYPES.account,
    noun: "account",
    loss: "its endpoint, deployments and content filters",
});

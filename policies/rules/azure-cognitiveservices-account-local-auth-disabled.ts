/**
 * Key (local) authentication disabled on Azure OpenAI / AI Services accounts.
 *
 * Severity high. Mirrors Azure Policy 71ef260a-8f18-47b7-abcb-62d0673d94dc "Azure AI Services
 * resources should have key access disabled" (Audit/Deny; the Modify twin is 14de9e63), Checkov
 * CKV_AZURE_236, MCSB IM-1. Policy-rules.md row 1.
 */
import { resourcePolicy } from "../metadata";
import { validateType } from "../lib/policy";
import { type AccountProps, TYPES } from "../lib/types";
import { isUnknown, read, shown } from "../lib/values";

export const accountLocalAuthDisabled = resourcePolicy({
    name: "azure-cognitiveservices-account-local-auth-disabled",
    description: "Accounts refuse API keys (properties.disableLocalAuth is true): callers authenticate with Entra ID.",
    enforcementLevel: "mandatory",
    severity: "high",
    origin: "row 1",
    publicIds: { azurePolicy: ["71ef260a", "14de9e63"], checkov: ["CKV_AZURE_236"], mcsb: ["IM-1"] },
    remediationSteps:
        "Set properties.disableLocalAuth to true (stack config accounts.disableLocalAuth: true) and grant callers " +
        "the Cognitive Services OpenAI User role on the account; applications then use Entra ID tokens.",
    validateResource: validateType<AccountProps>(TYPES.account, (account, _args, reportViolation) => {
        const disableLocalAuth = read(() => account.properties?.disableLocalAuth);
        if (!isUnknown(disableLocalAuth) && disableLocalAuth !== true) {
            reportViolation(
                `properties.disableLocalAuth is ${shown(disableLocalAuth)}: anyone holding an account key can call ` +
                    "the models; set it to true so that callers must authenticate with Entra ID.",
            );
        }
    }),
});

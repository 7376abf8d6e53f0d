/**
 * Network access to accounts restricted: public network access disabled, or a firewall that denies
 * by default.
 *
 * Severity high. Mirrors Azure Policy 037eea7a-bd0a-46c5-9a66-03aea78705d3 "Azure AI Services
 * resources should restrict network access" (publicNetworkAccess notEquals Disabled AND
 * networkAcls.defaultAction notEquals Deny); with `requirePublicNetworkAccessDisabled` the stricter
 * Checkov CKV_AZURE_134 and Azure Policy 47ba1dd7 (Modify: publicNetworkAccess Disabled). MCSB NS-2.
 * Policy-rules.md row 2.
 */
import { resourcePolicy } from "../metadata";
import { configOf, validateType } from "../lib/policy";
import { type AccountProps, TYPES } from "../lib/types";
import { checkNetworkRestricted, NETWORK_RESTRICTION_DEFAULTS, NETWORK_RESTRICTION_SCHEMA } from "../lib/network";
import { read } from "../lib/values";

export const accountNetworkRestricted = resourcePolicy({
    name: "azure-cognitiveservices-account-network-restricted",
    description:
        'Accounts are not open to every network: publicNetworkAccess is "Disabled", or networkAcls.defaultAction ' +
        'is "Deny" (with requirePublicNetworkAccessDisabled: public access must be "Disabled").',
    enforcementLevel: "mandatory",
    severity: "high",
    origin: "row 2",
    publicIds: {
        azurePolicy: ["037eea7a", "47ba1dd7"],
        checkov: ["CKV_AZURE_134"],
        mcsb: ["NS-2"],
    },
    remediationSteps:
        'Set properties.publicNetworkAccess to "Disabled" and reach the account through a private endpoint, or keep ' +
        'it "Enabled" with properties.networkAcls.defaultAction "Deny" and list the allowed IP ranges and subnets ' +
        "in ipRules / virtualNetworkRules.",
    configSchema: NETWORK_RESTRICTION_SCHEMA,
    validateResource: validateType<AccountProps>(TYPES.account, (account, args, reportViolation) =>
        checkNetworkRestricted(
            "account",
            read(() => account.properties?.publicNetworkAccess),
            () => read(() => account.properties?.networkAcls?.defaultAction),
            configOf(args, NETWORK_RESTRICTION_DEFAULTS),
            reportViolation,
        ),
    ),
});

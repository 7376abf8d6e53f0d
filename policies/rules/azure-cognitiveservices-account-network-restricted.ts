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
import { isUnknown, read, shown } from "../lib/values";

interface Config {
    readonly requirePublicNetworkAccessDisabled: boolean;
}

const DEFAULTS: Config = { requirePublicNetworkAccessDisabled: false };

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
    configSchema: {
        properties: {
            requirePublicNetworkAccessDisabled: {
                type: "boolean",
                default: DEFAULTS.requirePublicNetworkAccessDisabled,
                description: 'Require publicNetworkAccess "Disabled" (a firewall alone is not enough).',
            },
        },
    },
    validateResource: validateType<AccountProps>(TYPES.account, (account, args, reportViolation) => {
        const config = configOf(args, DEFAULTS);
        const publicNetworkAccess = read(() => account.properties?.publicNetworkAccess);
        if (isUnknown(publicNetworkAccess) || publicNetworkAccess === "Disabled") {
            return;
        }
        if (config.requirePublicNetworkAccessDisabled) {
            reportViolation(
                `properties.publicNetworkAccess is ${shown(publicNetworkAccess)}: this environment requires ` +
                    '"Disabled", so that the account is reachable only through its private endpoint.',
            );
            return;
        }
        const defaultAction = read(() => account.properties?.networkAcls?.defaultAction);
        if (!isUnknown(defaultAction) && defaultAction !== "Deny") {
            reportViolation(
                `properties.publicNetworkAccess is ${shown(publicNetworkAccess)} and ` +
                    `properties.networkAcls.defaultAction is ${shown(defaultAction)}: the account accepts calls ` +
                    'from any network; set publicNetworkAccess to "Disabled" or networkAcls.defaultAction to "Deny".',
            );
        }
    }),
});

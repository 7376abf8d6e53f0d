/**
 * Outbound network access of accounts restricted to an allow-list (data exfiltration protection).
 *
 * Severity medium. Mirrors Checkov CKV_AZURE_247 (kind OpenAI); there is no Azure Policy built-in.
 * Policy-rules.md row 7.
 */
import { resourcePolicy } from "../metadata";
import { validateType } from "../lib/policy";
import { type AccountProps, TYPES } from "../lib/types";
import { isUnknown, read, readList, shown } from "../lib/values";

export const accountOutboundRestricted = resourcePolicy({
    name: "azure-cognitiveservices-account-outbound-restricted",
    description:
        "Accounts may call out only to listed hosts: properties.restrictOutboundNetworkAccess is true and " +
        "properties.allowedFqdnList is not empty.",
    enforcementLevel: "mandatory",
    severity: "medium",
    origin: "row 7",
    publicIds: { checkov: ["CKV_AZURE_247"] },
    remediationSteps:
        "Set properties.restrictOutboundNetworkAccess to true and list the hosts the account must reach (e.g. the " +
        "Key Vault of its customer-managed key, storage for fine-tuning data) in properties.allowedFqdnList.",
    validateResource: validateType<AccountProps>(TYPES.account, (account, _args, reportViolation) => {
        const restricted = read(() => account.properties?.restrictOutboundNetworkAccess);
        if (isUnknown(restricted)) {
            return;
        }
        if (restricted !== true) {
            reportViolation(
                `properties.restrictOutboundNetworkAccess is ${shown(restricted)}: the account can send data to ` +
                    "any host; set it to true and list the allowed hosts in properties.allowedFqdnList.",
            );
            return;
        }
        const fqdns = readList(() => account.properties?.allowedFqdnList);
        if (!isUnknown(fqdns) && fqdns.length === 0) {
            reportViolation(
                "properties.allowedFqdnList is empty: outbound access is restricted but no allowed host is " +
                    "listed; list the hosts the account must reach (CKV_AZURE_247 requires the list).",
            );
        }
    }),
});

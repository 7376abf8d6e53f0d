/**
 * Every API Management product (one per team) limits tokens.
 *
 * Severity high. The product's rule: without a token limit one team can spend every account's
 * tokens-per-minute and starve the others. Element names from Microsoft Learn's llm-token-limit and
 * azure-openai-token-limit policy pages (inbound only; tokens-per-minute and/or token-quota).
 */
import { stackPolicy } from "../metadata";
import { APIM_TYPES, policiesOf, policyDocument, tokenLimits } from "../lib/apim";
import { label, ofType } from "../lib/relations";
import { isUnknown } from "../lib/values";

export const productTokenLimit = stackPolicy({
    name: "azure-apimanagement-product-token-limit",
    description:
        "Every API Management product has a policy whose inbound section limits tokens (llm-token-limit or " +
        "azure-openai-token-limit with tokens-per-minute or token-quota).",
    enforcementLevel: "mandatory",
    severity: "high",
    origin: "product",
    publicIds: { other: ["Microsoft Learn: llm-token-limit policy"] },
    remediationSteps:
        'Give the product an apimanagement.ProductPolicy with <llm-token-limit counter-key="@(context.Subscription.Id)" ' +
        'tokens-per-minute="..." estimate-prompt-tokens="true"/> in <inbound> (stack config gateway.teams.<team>.tokensPerMinute).',
    validateStack: (args, reportViolation) => {
        const policies = ofType(args.resources, APIM_TYPES.productPolicy);
        for (const product of ofType(args.resources, APIM_TYPES.product)) {
            const own = policiesOf(product, policies, "productId");
            if (own.length === 0) {
                reportViolation(
                    `product ${label(product)} has no policy, so its subscribers' tokens are not limited; add a ` +
                        "ProductPolicy with llm-token-limit.",
                    product.urn,
                );
                continue;
            }
            const documents = own.map(policyDocument);
            if (documents.some(isUnknown)) {
                continue;
            }
            const limited = documents.some(
                (document) => typeof document === "object" && tokenLimits(document).length > 0,
            );
            if (!limited) {
                const reasons = documents.filter((document): document is string => typeof document === "string");
                reportViolation(
                    `product ${label(product)} has no token limit in its policy's inbound section` +
                        `${reasons.length > 0 ? ` (${reasons.join("; ")})` : ""}; add llm-token-limit with tokens-per-minute or token-quota.`,
                    product.urn,
                );
            }
        }
    },
});

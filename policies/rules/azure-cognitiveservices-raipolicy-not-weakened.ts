/**
 * Content filters (RAI policies) at least as strict as Microsoft's default (Microsoft.DefaultV2).
 *
 * Severity high. Corresponds to the preview initiative 5207647b "Guardrail for Cognitive Services
 * Deployments"; COMPLIANCE.md row 10.
 */
import { resourcePolicy } from "../metadata";
import { BUILT_IN_POLICIES, weakenings } from "../lib/content-filters";
import { configOf, validateType } from "../lib/policy";
import { type RaiPolicyProps, TYPES } from "../lib/types";

interface Config {
    readonly allowedBasePolicies: readonly string[];
}

const DEFAULTS: Config = { allowedBasePolicies: BUILT_IN_POLICIES };

export const raiPolicyNotWeakened = resourcePolicy({
    name: "azure-cognitiveservices-raipolicy-not-weakened",
    description:
        "Content filters (RAI policies) are not weaker than Microsoft's default: hate, sexual, violence and " +
        "self-harm enabled and blocking at Low or Medium on prompts and completions; jailbreak shield on prompts.",
    enforcementLevel: "mandatory",
    severity: "high",
    origin: "row 10",
    publicIds: { other: ["preview initiative 5207647b"] },
    remediationSteps:
        "In the content filter (stack config contentFilters), enable and block every harm category on both prompts " +
        'and completions with severityThreshold "Medium" or "Low", and keep the jailbreak prompt shield blocking.',
    configSchema: {
        properties: {
            allowedBasePolicies: {
                type: "array",
                items: { type: "string", minLength: 1 },
                minItems: 1,
                default: [...DEFAULTS.allowedBasePolicies],
                description: "Base policies a custom content filter may build on.",
            },
        },
    },
    validateResource: validateType<RaiPolicyProps>(TYPES.raiPolicy, (raiPolicy, args, reportViolation) => {
        for (const problem of weakenings(raiPolicy, configOf(args, DEFAULTS).allowedBasePolicies)) {
            reportViolation(problem);
        }
    }),
});

import * as pulumi from "@pulumi/pulumi";
import { KNOWN_REGIONS } from "../catalog/models";
import { stackConfigRules } from "./stack-config";
import { validateStackConfig, type ValidatedConfig } from "./validate-stack";

/**
 * Reads the project's configuration keys for the current stack and validates them. Values of
 * string keys are taken as written; every other value is parsed as JSON (how Pulumi stores
 * structured config), and a value that does not parse is passed on as text for the rules to refuse.
 */
export function loadStackConfig(now: Date): ValidatedConfig {
    const project = pulumi.getProject();
    const prefix = `${project}:`;
    const rules = stackConfigRules(KNOWN_REGIONS);
    const raw: Record<string, unknown> = {};
    for (const [fullKey, text] of Object.entries(pulumi.runtime.allConfig())) {
        if (!fullKey.startsWith(prefix)) {
            continue;
        }
        const key = fullKey.slice(prefix.length);
        if (rules[key]?.kind === "string") {
            raw[key] = text;
            continue;
        }
        try {
            raw[key] = JSON.parse(text);
        } catch {
            raw[key] = text;
        }
    }
    return validateStackConfig(pulumi.getStack(), raw, now);
}

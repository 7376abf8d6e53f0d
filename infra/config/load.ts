import * as pulumi from "@pulumi/pulumi";
import { KNOWN_REGIONS } from "../catalog/models";
import { stackConfigRules } from "./stack-config";
import type { Problem, Rule } from "./rules";
import { ConfigError, validateStackConfig, type ValidatedConfig } from "./validate-stack";

/**
 * Whether a config key holds a `pulumi config set --secret` value. `isConfigSecret` is internal to
 * @pulumi/pulumi (runtime/config), where `Config.get` uses it to warn about secrets read as plain text.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const runtimeConfig = require("@pulumi/pulumi/runtime/config") as { isConfigSecret(key: string): boolean };

/** A project's configuration keys for the current stack, before validation. */
export interface RawProjectConfig {
    /** Values by key without the project prefix. */
    readonly raw: Record<string, unknown>;
    /** Keys that hold a secret value, which none of a project's keys may. */
    readonly secretKeys: readonly Problem[];
}

/**
 * Reads the current project's configuration keys. Values of string keys (per `rules`) are taken as
 * written; every other value is parsed as JSON (how Pulumi stores structured config), and a value
 * that does not parse is passed on as text for the rules to refuse. Secret values are not read.
 */
export function readProjectConfig(rules: Readonly<Record<string, Rule>>): RawProjectConfig {
    const prefix = `${pulumi.getProject()}:`;
    const raw: Record<string, unknown> = {};
    const secretKeys: Problem[] = [];
    for (const [fullKey, text] of Object.entries(pulumi.runtime.allConfig())) {
        if (!fullKey.startsWith(prefix)) {
            continue;
        }
        const key = fullKey.slice(prefix.length);
        if (runtimeConfig.isConfigSecret(fullKey)) {
            // None of the product's keys is a secret; a secret one would be printed in errors and
            // sent to Azure as plain text, so it is refused without echoing its value.
            secretKeys.push({
                key,
                given: "a secret value (pulumi config set --secret)",
                allowed: `a plain value: this key holds no secret; set it with pulumi config set ${fullKey}`,
            });
            continue;
        }
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
    return { raw, secretKeys };
}

/** Reads the platform's configuration for the current stack and validates it. */
export function loadStackConfig(now: Date): ValidatedConfig {
    const { raw, secretKeys } = readProjectConfig(stackConfigRules(KNOWN_REGIONS));
    if (secretKeys.length > 0) {
        throw new ConfigError(pulumi.getStack(), secretKeys);
    }
    return validateStackConfig(pulumi.getStack(), raw, now);
}

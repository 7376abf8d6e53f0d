import * as pulumi from "@pulumi/pulumi";
import type { Problem } from "./rules";
import { shapeOf, unwrap } from "./schema-kit";
import { stackConfigSchema } from "./stack-config";
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

/** Whether a key's schema takes text, so that its value is used as written (never JSON-parsed). */
function takesText(schema: Parameters<typeof unwrap>[0] | undefined): boolean {
    const type = schema ? unwrap(schema).schema._zod.def.type : undefined;
    return type === "string" || type === "enum";
}

/**
 * Turns one config value as Pulumi stores it (text; structured values as JSON) into what the schema
 * parses. Values of text keys are taken as written; every other value is parsed as JSON, and a value
 * that does not parse is passed on as text for the schema to refuse.
 */
export function fromConfigText(root: Parameters<typeof shapeOf>[0], key: string, text: string): unknown {
    if (takesText(shapeOf(root)?.[key])) {
        return text;
    }
    try {
        return JSON.parse(text) as unknown;
    } catch {
        return text;
    }
}

/**
 * Reads the current project's configuration keys for the object schema `root`. Secret values are
 * not read: none of a project's keys may hold one.
 */
export function readProjectConfig(root: Parameters<typeof shapeOf>[0]): RawProjectConfig {
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
        raw[key] = fromConfigText(root, key, text);
    }
    return { raw, secretKeys };
}

/** Reads the platform's configuration for the current stack and validates it. */
export function loadStackConfig(now: Date): ValidatedConfig {
    const { raw, secretKeys } = readProjectConfig(stackConfigSchema);
    if (secretKeys.length > 0) {
        throw new ConfigError(pulumi.getStack(), secretKeys);
    }
    return validateStackConfig(pulumi.getStack(), raw, now);
}

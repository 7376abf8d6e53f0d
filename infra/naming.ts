/**
 * Globally unique names. Azure reserves deleted account subdomains and vault names (soft delete), so
 * each stack gets a random suffix; everything else is auto-named by Pulumi or keyed by config.
 */
import * as pulumi from "@pulumi/pulumi";

/**
 * Account name and custom subdomain: `<prefix>-<region>-<suffix>`. The subdomain is a DNS label
 * (≤ 63 characters, RFC 1035) and the account name must match `^[a-zA-Z0-9][a-zA-Z0-9_.-]*$`, 2–64
 * characters (ARM spec Microsoft.CognitiveServices 2025-06-01); a 12-character prefix, an 18-character
 * region and a 6-character suffix make at most 38.
 */
export function accountName(prefix: string, region: string, suffix: pulumi.Input<string>): pulumi.Output<string> {
    return pulumi.interpolate`${prefix}-${region}-${suffix}`;
}

/**
 * Vault name: `<prefix>-kv-<suffix>`, at most 22 characters. Key Vault names are 3–24 characters of
 * letters, digits and hyphens (ARM spec Microsoft.KeyVault 2024-11-01, `^[a-zA-Z0-9-]{3,24}$`),
 * start with a letter, end with a letter or digit and have no consecutive hyphens (Key Vault naming
 * rules) — the prefix rule in the config table guarantees the rest.
 */
export function vaultName(prefix: string, suffix: pulumi.Input<string>): pulumi.Output<string> {
    return pulumi.interpolate`${prefix}-kv-${suffix}`;
}

/** Length of the random suffix shared by the stack's globally unique names. */
export const SUFFIX_LENGTH = 6;

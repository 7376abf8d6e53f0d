/**
 * Built-in Azure role definition ids used by the product (Microsoft's "Azure built-in roles" page;
 * the same ids appear in Azure Verified Modules). Broad roles are listed so that config validation
 * and the policy pack can refuse them by id.
 */
import { createHash } from "node:crypto";

export const BUILT_IN_ROLES = {
    /** Call the models (inference) with Entra ID; no keys, no deployments management. */
    "Cognitive Services OpenAI User": "5e0bd9bd-7b93-4f28-af87-19fc36ad61bd",
    /** Read secret contents. */
    "Key Vault Secrets User": "4633458b-17de-408a-b874-0445c86b69e6",
    /** Wrap and unwrap with a key: what a service needs for customer-managed keys. */
    "Key Vault Crypto Service Encryption User": "e147488a-f6f5-4113-8e2d-b22465e65bf6",
} as const;

export type BuiltInRole = keyof typeof BUILT_IN_ROLES;

/** Roles never granted by this product: they manage access or everything. */
export const BROAD_ROLES = {
    Owner: "8e3af657-a8ff-443c-a75c-2fe8c4bcb635",
    Contributor: "b24988ac-6180-42a0-ab88-20f7382dd24c",
    "User Access Administrator": "18d7d88d-d35e-4fb5-a5c3-7773c20a72d9",
} as const;

/** Subscription-scoped role definition id, the form ARM role assignments take. */
export function roleDefinitionId(subscriptionId: string, role: BuiltInRole): string {
    return `/subscriptions/${subscriptionId}/providers/Microsoft.Authorization/roleDefinitions/${BUILT_IN_ROLES[role]}`;
}

/**
 * A name-based (version 5 style) GUID from stable parts, so that a role assignment keeps its name on
 * every run and a rerun never creates a duplicate (role assignment names must be GUIDs).
 */
export function deterministicGuid(...parts: readonly string[]): string {
    const bytes = createHash("sha1").update(parts.join("\u0000")).digest().subarray(0, 16);
    bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x50;
    bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
    const hex = bytes.toString("hex");
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/**
 * Role assignments are scoped to the resource they are for, never to a subscription, a management
 * group or the tenant root (and, when configured, not to a resource group).
 *
 * Severity high. The product's own rule (COMPLIANCE.md: "OpenAI User scoped to the account");
 * MCSB PA-7.
 */
import { resourcePolicy } from "../metadata";
import { configOf, validateType } from "../lib/policy";
import { type RoleAssignmentProps, TYPES } from "../lib/types";
import { isUnknown, read, shown } from "../lib/values";

interface Config {
    readonly allowResourceGroupScope: boolean;
}

const DEFAULTS: Config = { allowResourceGroupScope: true };

/** What a scope is, from the shape of its ARM id. */
function scopeKind(
    scope: string,
): "the tenant root" | "a management group" | "a subscription" | "a resource group" | "a resource" {
    const trimmed = scope.replace(/\/+$/, "").toLowerCase();
    if (trimmed === "") {
        return "the tenant root";
    }
    if (/^\/providers\/microsoft\.management\/managementgroups\/[^/]+$/.test(trimmed)) {
        return "a management group";
    }
    if (/^\/subscriptions\/[^/]+$/.test(trimmed)) {
        return "a subscription";
    }
    if (/^\/subscriptions\/[^/]+\/resourcegroups\/[^/]+$/.test(trimmed)) {
        return "a resource group";
    }
    return "a resource";
}

export const roleAssignmentScoped = resourcePolicy({
    name: "azure-authorization-roleassignment-scoped",
    description:
        "Role assignments are scoped to a resource (or, when allowResourceGroupScope, a resource group), never to a " +
        "subscription, a management group or the root.",
    enforcementLevel: "mandatory",
    severity: "high",
    origin: "product",
    publicIds: { mcsb: ["PA-7"] },
    remediationSteps:
        "Set the assignment's scope to the id of the account or vault it is for (e.g. account.id), so the role " +
        "applies to that resource only.",
    configSchema: {
        properties: {
            allowResourceGroupScope: {
                type: "boolean",
                default: DEFAULTS.allowResourceGroupScope,
                description: "Accept a resource group as scope.",
            },
        },
    },
    validateResource: validateType<RoleAssignmentProps>(TYPES.roleAssignment, (assignment, args, reportViolation) => {
        const scope = read(() => assignment.scope);
        if (isUnknown(scope)) {
            return;
        }
        if (typeof scope !== "string") {
            reportViolation(`scope is ${shown(scope)}: scope the assignment to the resource it is for.`);
            return;
        }
        const kind = scopeKind(scope);
        const allowed =
            kind === "a resource" || (kind === "a resource group" && configOf(args, DEFAULTS).allowResourceGroupScope);
        if (!allowed) {
            reportViolation(
                `scope ${shown(scope)} is ${kind}: the role would apply to every resource in it; scope the ` +
                    "assignment to the account or vault it is for.",
            );
        }
    }),
});

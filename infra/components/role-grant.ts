import * as authorization from "@pulumi/azure-native/authorization";
import * as pulumi from "@pulumi/pulumi";
import { type BuiltInRole, deterministicGuid, roleDefinitionId } from "../access/roles";

/** A least-privilege grant: one built-in role for one principal on one resource. */
export interface RoleGrant {
    readonly role: BuiltInRole;
    readonly principalId: pulumi.Input<string>;
    readonly principalType: "User" | "Group" | "ServicePrincipal";
    /** Stable name of the principal within the stack (config object id, or the identity's logical name). */
    readonly principalKey: string;
}

/**
 * Creates the role assignments of `grants` on `scope`, named by deterministic GUIDs of the scope's
 * resource id, the role and the principal, so reruns never duplicate assignments.
 */
export function assignRoles(
    scopeName: string,
    scope: pulumi.Input<string>,
    subscriptionId: pulumi.Input<string>,
    grants: readonly RoleGrant[],
    parent: pulumi.Resource,
): authorization.RoleAssignment[] {
    return grants.map(
        (grant) =>
            new authorization.RoleAssignment(
                `${scopeName}-${grant.principalKey}-${grant.role.toLowerCase().replace(/\s+/g, "-")}`,
                {
                    scope,
                    // Role assignment names must be unique in the whole tenant: derive them from the
                    // scope's resource id, the role and the principal (Bicep's guid(scope, principal,
                    // role)), so reruns reuse the name and two stacks never collide.
                    roleAssignmentName: pulumi
                        .output(scope)
                        .apply((scopeId) => deterministicGuid(scopeId, grant.role, grant.principalKey)),
                    roleDefinitionId: pulumi.output(subscriptionId).apply((id) => roleDefinitionId(id, grant.role)),
                    principalId: grant.principalId,
                    principalType: grant.principalType,
                },
                { parent },
            ),
    );
}

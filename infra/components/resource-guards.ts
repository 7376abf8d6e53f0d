import * as authorization from "@pulumi/azure-native/authorization";
import type * as pulumi from "@pulumi/pulumi";
import { sendDiagnostics } from "./diagnostics";
import { createPrivateLink, type PrivateLinkArgs, type PrivateLinkPlacement } from "./private-network";
import { assignRoles, type RoleGrant } from "./role-grant";

/**
 * What the account and the vault each put around their main resource, written once: a private
 * endpoint, diagnostics to Log Analytics, least-privilege role assignments and a delete lock.
 */
export interface GuardedResourceArgs {
    readonly resourceGroupName: pulumi.Input<string>;
    readonly subscriptionId: pulumi.Input<string>;
    /** Private endpoint for the resource; absent means none. */
    readonly privateLink?: PrivateLinkPlacement;
    /** Log Analytics workspace for the resource's logs; absent means no diagnostic setting. */
    readonly workspaceId?: pulumi.Input<string>;
    /** Who may use the resource. @default [] */
    readonly roleGrants?: readonly RoleGrant[];
    readonly tags: Readonly<Record<string, string>>;
    /** Set Pulumi's `protect` on the resource. @default false */
    readonly protect?: boolean;
    /** Add a CanNotDelete management lock on the resource. @default false */
    readonly deleteLock?: boolean;
}

/** The guarded resource, as the guards need it. */
export interface GuardTarget {
    readonly id: pulumi.Input<string>;
    /** Private-link sub-resource. */
    readonly groupId: PrivateLinkArgs["groupId"];
    /** Resource log categories its diagnostic setting sends. */
    readonly logCategories: readonly string[];
    /** Why the lock is there, shown to whoever tries to delete the resource. */
    readonly lockNotes: string;
    /** What the private endpoint must wait for (an account still provisioning refuses one). */
    readonly privateLinkDependsOn?: readonly pulumi.Resource[];
}

/** Creates the guards of `target` as children of `parent`, named after `name`. */
export function guardResource(
    name: string,
    target: GuardTarget,
    args: GuardedResourceArgs,
    parent: pulumi.Resource,
): void {
    if (args.privateLink) {
        createPrivateLink(`${name}-pe`, {
            ...args.privateLink,
            resourceGroupName: args.resourceGroupName,
            targetId: target.id,
            groupId: target.groupId,
            tags: args.tags,
            ...(target.privateLinkDependsOn ? { dependsOn: target.privateLinkDependsOn } : {}),
            parent,
        });
    }
    if (args.workspaceId) {
        sendDiagnostics(`${name}-diagnostics`, target.id, args.workspaceId, target.logCategories, parent);
    }
    assignRoles(name, target.id, args.subscriptionId, args.roleGrants ?? [], parent);
    if (args.deleteLock) {
        new authorization.ManagementLockByScope(
            `${name}-lock`,
            { scope: target.id, lockName: "do-not-delete", level: "CanNotDelete", notes: target.lockNotes },
            { parent },
        );
    }
}

/**
 * Which resources point at an account or a vault: private endpoints (through their connections'
 * `privateLinkServiceId`), diagnostic settings (`resourceUri`) and locks (`scope`). Each returns a
 * `Relation`, "maybe" when ids are not known yet (see relations.ts).
 */
import type { PolicyResource } from "@pulumi/policy";
import { dependsDirectlyOn, idRelation, type Relation, strongest } from "./relations";
import type { DiagnosticSettingProps, LockProps, PrivateEndpointProps } from "./types";
import { isUnknown, read, readList, type Unknown } from "./values";

function idValue(get: () => unknown): string | undefined | Unknown {
    const value = read(get);
    return isUnknown(value) || typeof value === "string" ? value : undefined;
}

/**
 * Whether `endpoint` connects to `target` with `groupId` (the target's private-link sub-resource:
 * "account" for accounts, "vault" for vaults). Manual (approval-pending) connections do not count.
 */
export function endpointRelation(endpoint: PolicyResource, target: PolicyResource, groupId: string): Relation {
    const connections = readList(() => (endpoint.props as PrivateEndpointProps).privateLinkServiceConnections);
    if (isUnknown(connections)) {
        return dependsDirectlyOn(endpoint, target) ? "maybe" : "no";
    }
    return strongest(
        connections.map((connection) => {
            const relation = idRelation(
                idValue(() => connection.privateLinkServiceId),
                endpoint,
                target,
            );
            if (relation === "no") {
                return "no";
            }
            const groupIds = readList(() => connection.groupIds);
            if (isUnknown(groupIds)) {
                return "maybe";
            }
            return groupIds.some((id) => typeof id === "string" && id.toLowerCase() === groupId) ? relation : "no";
        }),
    );
}

export function diagnosticRelation(setting: PolicyResource, target: PolicyResource): Relation {
    return idRelation(
        idValue(() => (setting.props as DiagnosticSettingProps).resourceUri),
        setting,
        target,
    );
}

export function lockRelation(lock: PolicyResource, target: PolicyResource): Relation {
    return idRelation(
        idValue(() => (lock.props as LockProps).scope),
        lock,
        target,
    );
}

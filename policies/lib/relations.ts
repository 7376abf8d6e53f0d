/**
 * Relations between resources for stack policies: which account a deployment belongs to, which
 * account or vault a private endpoint, diagnostic setting or lock points at. Each relation is
 * decided by the value that defines it (an ARM id, an account name) when it is known, and by the
 * dependency graph when it is not: during a first preview the ids of resources not created yet are
 * unknown, but the engine still knows who depends on whom. A relation that cannot be decided either
 * way is "maybe", and rules never report a violation on a "maybe".
 */
import type { PolicyResource } from "@pulumi/policy";
import { TYPES } from "./types";
import { isUnknown, nonEmptyString, read, type Unknown } from "./values";

export type Relation = "yes" | "no" | "maybe";

export function ofType(resources: readonly PolicyResource[], ...types: readonly string[]): PolicyResource[] {
    return resources.filter((resource) => types.includes(resource.type));
}

export function dependsDirectlyOn(resource: PolicyResource, target: PolicyResource): boolean {
    return resource.dependencies.some((dependency) => dependency.urn === target.urn);
}

/** Every resource `resource` waits for, directly or through others. */
export function ancestors(resource: PolicyResource): Set<string> {
    const seen = new Set<string>();
    const stack = [...resource.dependencies];
    while (stack.length > 0) {
        const next = stack.pop() as PolicyResource;
        if (!seen.has(next.urn)) {
            seen.add(next.urn);
            stack.push(...next.dependencies);
        }
    }
    return seen;
}

/** A string property, UNKNOWN when not known yet, undefined when not a non-empty string. */
export function stringProp(resource: PolicyResource, key: string): string | undefined | Unknown {
    const value = read(() => (resource.props as Record<string, unknown>)[key]);
    return isUnknown(value) ? value : nonEmptyString(value);
}

/** Where a target type lives in ARM ids, and which inputs carry its name. */
const ARM_TARGETS: Readonly<Record<string, { readonly path: string; readonly nameKeys: readonly string[] }>> = {
    [TYPES.account]: { path: "/providers/microsoft.cognitiveservices/accounts/", nameKeys: ["accountName", "name"] },
    [TYPES.vault]: { path: "/providers/microsoft.keyvault/vaults/", nameKeys: ["vaultName", "name"] },
    "azure-native:apimanagement:ApiManagementService": {
        path: "/providers/microsoft.apimanagement/service/",
        nameKeys: ["serviceName", "name"],
    },
};

/** The physical name of an account or vault: UNKNOWN during a preview that creates it. */
export function physicalName(target: PolicyResource): string | undefined | Unknown {
    for (const key of ARM_TARGETS[target.type]?.nameKeys ?? []) {
        const value = stringProp(target, key);
        if (value !== undefined) {
            return value;
        }
    }
    return undefined;
}

/**
 * Whether the ARM id `id`, held by `holder` (a private endpoint's `privateLinkServiceId`, a
 * diagnostic setting's `resourceUri`, a lock's `scope`), is the id of `target`. Compared with the
 * target's `id` when the props carry one, else with its provider path and name (account and vault
 * names are globally unique). Unknown or absent on either side: "maybe" when `holder` depends on
 * `target`, else "no".
 */
export function idRelation(id: string | undefined | Unknown, holder: PolicyResource, target: PolicyResource): Relation {
    const fallback: Relation = dependsDirectlyOn(holder, target) ? "maybe" : "no";
    // Unknown during a preview; absent from the outputs the engine passes stack policies after an
    // update (ARM path parameters such as resourceUri or scope are inputs only).
    if (isUnknown(id) || id === undefined) {
        return fallback;
    }
    const lowered = id.toLowerCase().replace(/\/+$/, "");
    const targetId = stringProp(target, "id");
    if (typeof targetId === "string") {
        return lowered === targetId.toLowerCase().replace(/\/+$/, "") ? "yes" : "no";
    }
    const shape = ARM_TARGETS[target.type];
    const name = physicalName(target);
    if (!shape || isUnknown(name)) {
        return fallback;
    }
    if (name === undefined) {
        return "no";
    }
    return lowered.endsWith(`${shape.path}${name.toLowerCase()}`) ? "yes" : "no";
}

/** The strongest relation of several: any "yes" wins, then any "maybe". */
export function strongest(relations: Iterable<Relation>): Relation {
    let result: Relation = "no";
    for (const relation of relations) {
        if (relation === "yes") {
            return "yes";
        }
        if (relation === "maybe") {
            result = "maybe";
        }
    }
    return result;
}

/**
 * The account a child resource (deployment, RAI policy) belongs to: the account whose name equals
 * its `accountName`, else (the name not known yet) the account it depends on directly, since its
 * `accountName` comes from that account. Undefined when neither tells.
 */
export function owningAccount(child: PolicyResource, accounts: readonly PolicyResource[]): PolicyResource | undefined {
    const accountName = stringProp(child, "accountName");
    const byName =
        typeof accountName === "string" ? accounts.find((account) => physicalName(account) === accountName) : undefined;
    return byName ?? accounts.find((account) => dependsDirectlyOn(child, account));
}

/** A resource's name for messages: its logical (Pulumi) name, as in the plan's tree. */
export function label(resource: PolicyResource): string {
    return JSON.stringify(resource.name);
}

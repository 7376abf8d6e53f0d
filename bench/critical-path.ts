/**
 * The deploy critical path of a plan: the longest chain of resources that Azure has to create one
 * after another, read from the plan's `dependsOn` graph (the dependencies the engine records).
 *
 * - Every custom resource of an Azure provider (`azure-native:*`) counts one: a deployment chained
 *   on the previous one counts one per deployment, because Azure creates them one at a time.
 * - Component resources (`aoai:platform:*`, not custom) cost nothing; depending on one means waiting
 *   for everything created under it, as the engine does.
 * - Other custom resources (e.g. `random:*`, computed by the engine itself) cost nothing either, but
 *   still pass their dependencies on.
 * - A dependency on a URN that is not in the plan (the stack, a provider) is ignored.
 */

export interface GraphResource {
    readonly urn: string;
    readonly type: string;
    readonly name: string;
    readonly parent: string | null;
    readonly dependsOn: readonly string[];
}

export interface CriticalPath {
    /** Resources Azure creates one after another on the longest chain. */
    readonly length: number;
    /** That chain, first created first (names of the resources that count). */
    readonly chain: readonly string[];
    /** Resources Azure creates in all (the ones that count). */
    readonly azureResources: number;
    /** Every resource in the plan, components included. */
    readonly resources: number;
}

const COMPONENT_TYPE_PREFIX = "aoai:platform:";
const AZURE_TYPE_PREFIX = "azure-native:";

/** Whether Azure creates this resource (cost 1 on a path) or it is free (components, engine-side resources). */
export function countsOnPath(resource: Pick<GraphResource, "type">): boolean {
    return resource.type.startsWith(AZURE_TYPE_PREFIX);
}

export function criticalPath(resources: readonly GraphResource[]): CriticalPath {
    const byUrn = new Map(resources.map((resource) => [resource.urn, resource]));
    const children = new Map<string, string[]>();
    for (const resource of resources) {
        if (resource.parent !== null && byUrn.has(resource.parent)) {
            const siblings = children.get(resource.parent) ?? [];
            siblings.push(resource.urn);
            children.set(resource.parent, siblings);
        }
    }
    /** What a resource waits for before it can be created (or, for a component, be complete). */
    const waitsFor = (resource: GraphResource): string[] => {
        const before = resource.dependsOn.filter((urn) => byUrn.has(urn));
        return resource.type.startsWith(COMPONENT_TYPE_PREFIX)
            ? [...before, ...(children.get(resource.urn) ?? [])]
            : before;
    };

    // Longest path ending at each resource (memoised depth-first search; a cycle is a bug in the plan).
    const best = new Map<string, { readonly length: number; readonly previous: string | null }>();
    const visiting = new Set<string>();
    const visit = (urn: string): number => {
        const known = best.get(urn);
        if (known) {
            return known.length;
        }
        if (visiting.has(urn)) {
            throw new Error(`dependency cycle through ${urn}`);
        }
        visiting.add(urn);
        const resource = byUrn.get(urn)!;
        let longest = 0;
        let previous: string | null = null;
        for (const dependency of [...waitsFor(resource)].sort()) {
            const length = visit(dependency);
            if (length > longest) {
                longest = length;
                previous = dependency;
            }
        }
        visiting.delete(urn);
        const length = longest + (countsOnPath(resource) ? 1 : 0);
        best.set(urn, { length, previous });
        return length;
    };

    let end: string | null = null;
    let length = 0;
    for (const urn of [...byUrn.keys()].sort()) {
        const found = visit(urn);
        if (found > length) {
            length = found;
            end = urn;
        }
    }
    const chain: string[] = [];
    for (let at = end; at !== null; at = best.get(at)?.previous ?? null) {
        const resource = byUrn.get(at)!;
        if (countsOnPath(resource)) {
            chain.unshift(resource.name);
        }
    }
    return {
        length,
        chain,
        azureResources: resources.filter(countsOnPath).length,
        resources: resources.length,
    };
}

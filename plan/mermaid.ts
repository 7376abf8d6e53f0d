/**
 * A Mermaid flowchart of one stack's plan, for a pull-request comment (GitHub renders ```mermaid
 * blocks). Components become subgraphs holding their children; only the dependencies a reviewer
 * cares about are drawn (the deployment chain, what must wait for it, secrets after their vault);
 * repeated children collapse into one counted node once the picture would grow past `maxNodes`.
 */
import type { PlanLike } from "./diff";
import type { PlanResourceEntry } from "./document";

export type NodeStatus = "added" | "changed" | "replaced";

export interface MermaidOptions {
    /** Above this many drawn nodes, repeated children collapse (largest groups first). @default 60 */
    readonly maxNodes?: number;
    /** Resources to highlight, by URN (from a diff). */
    readonly status?: ReadonlyMap<string, NodeStatus>;
}

const DEPLOYMENT = "azure-native:cognitiveservices:Deployment";
const ACCOUNT = "azure-native:cognitiveservices:Account";
const VAULT = "azure-native:keyvault:Vault";
const SECRET = "azure-native:keyvault:Secret";
const KEY = "azure-native:keyvault:Key";
const PRIVATE_ENDPOINT = "azure-native:network:PrivateEndpoint";
const RAI_POLICY = "azure-native:cognitiveservices:RaiPolicy";

/**
 * The dependencies drawn, as dependent type → dependency types (drawn dependency --> dependent).
 * Everything else (resource group, random suffix, locks, tags) would only add noise.
 */
export const DRAWN_DEPENDENCIES: Readonly<Record<string, readonly string[]>> = {
    // The chain of one account's deployments, starting at the account (Azure answers concurrent
    // deployment operations with 409), and the content filter a deployment uses.
    [DEPLOYMENT]: [DEPLOYMENT, ACCOUNT, RAI_POLICY],
    // An account's private endpoint waits for its last deployment (AccountProvisioningStateInvalid).
    [PRIVATE_ENDPOINT]: [DEPLOYMENT, ACCOUNT, VAULT],
    [SECRET]: [VAULT],
    [RAI_POLICY]: [ACCOUNT],
    // Customer-managed key: the account needs the key first.
    [ACCOUNT]: [KEY],
    ...gatewayDependencies(),
};

/** The AI gateway's traffic path: each account → its backend → the pool the API routes to. */
function gatewayDependencies(): Record<string, readonly string[]> {
    const backend = "azure-native:apimanagement:Backend";
    return { [backend]: [ACCOUNT, backend] };
}

const DEFAULT_MAX_NODES = 60;

interface Node {
    readonly id: string;
    /** Resources this node stands for (one, or a collapsed group). */
    readonly members: PlanResourceEntry[];
    readonly label: string;
}

function shortType(type: string): string {
    const last = type.split(":").pop() ?? type;
    return last.includes("/") ? (last.split("/").pop() ?? last) : last;
}

/** A child's name without its box's name in front (`aoai-eastus2-chat` in box `aoai-eastus2`: `chat`). */
function shortName(name: string, parentName: string | undefined): string {
    return parentName && name.startsWith(`${parentName}-`) && name.length > parentName.length + 1
        ? name.slice(parentName.length + 1)
        : name;
}

/** Mermaid label text: quotes and angle brackets as entity codes, so a label never breaks the syntax. */
export function escapeLabel(text: string): string {
    return text.replace(/"/g, "#quot;").replace(/</g, "#lt;").replace(/>/g, "#gt;");
}

function byUrn(a: PlanResourceEntry, b: PlanResourceEntry): number {
    return a.urn < b.urn ? -1 : a.urn > b.urn ? 1 : 0;
}

/**
 * The drawn edges, dependency → dependent: the dependencies `DRAWN_DEPENDENCIES` selects, less every
 * one that another selected dependency already implies (transitive reduction within the picture), so
 * a chain shows as a chain and not as a fan.
 */
function drawnEdges(custom: readonly PlanResourceEntry[]): Array<[string, string]> {
    const typeOf = new Map(custom.map((r) => [r.urn, r.type]));
    const deps = new Map(
        custom.map((r) => {
            const wanted = DRAWN_DEPENDENCIES[r.type] ?? [];
            const list = r.dependsOn.filter((urn) => urn !== r.urn && wanted.includes(typeOf.get(urn) ?? ""));
            return [r.urn, [...new Set(list)]] as const;
        }),
    );
    const reachable = new Map<string, Set<string>>();
    const reach = (urn: string, trail: Set<string>): Set<string> => {
        const cached = reachable.get(urn);
        if (cached) {
            return cached;
        }
        const result = new Set<string>();
        if (trail.has(urn)) {
            return result; // Pulumi never registers a cycle; stay safe anyway
        }
        trail.add(urn);
        for (const dep of deps.get(urn) ?? []) {
            result.add(dep);
            for (const further of reach(dep, trail)) {
                result.add(further);
            }
        }
        trail.delete(urn);
        reachable.set(urn, result);
        return result;
    };
    const edges: Array<[string, string]> = [];
    for (const resource of custom) {
        const list = deps.get(resource.urn) ?? [];
        for (const dep of list) {
            if (!list.some((other) => other !== dep && reach(other, new Set()).has(dep))) {
                edges.push([dep, resource.urn]);
            }
        }
    }
    return edges;
}

interface Layout {
    readonly nodes: Node[];
    /** Node id of each resource URN. */
    readonly nodeOf: Map<string, string>;
}

/**
 * Builds the nodes for the custom resources of the plan (components are subgraphs, not nodes),
 * collapsing as little as it takes to stay within `maxNodes`.
 */
function layout(
    custom: readonly PlanResourceEntry[],
    parentOf: (resource: PlanResourceEntry) => string,
    componentNames: ReadonlyMap<string, string>,
    important: ReadonlySet<string>,
    maxNodes: number,
): Layout {
    // Groups of siblings with the same type; a "class" is the same group across every parent of one type.
    const groups = new Map<string, PlanResourceEntry[]>();
    for (const resource of custom) {
        const key = `${parentOf(resource)}\u0000${resource.type}`;
        const list = groups.get(key) ?? [];
        list.push(resource);
        groups.set(key, list);
    }
    const collapsed = new Set<string>(); // group keys
    let count = custom.length;
    const classes = new Map<string, string[]>();
    for (const [key, list] of groups) {
        if (list.length < 2) {
            continue;
        }
        const parentType = key.split("\u0000")[0]?.split("::")[2]?.split("$").pop() ?? "";
        const classKey = `${parentType}\u0000${list[0]?.type ?? ""}`;
        const keys = classes.get(classKey) ?? [];
        keys.push(key);
        classes.set(classKey, keys);
    }
    const savings = (keys: readonly string[]): number =>
        keys.reduce((total, key) => total + (groups.get(key)?.length ?? 1) - 1, 0);
    const order = [...classes.entries()].sort(([a, ka], [b, kb]) => savings(kb) - savings(ka) || (a < b ? -1 : 1));
    for (const [, keys] of order) {
        if (count <= maxNodes) {
            break;
        }
        for (const key of keys) {
            collapsed.add(key);
        }
        count -= savings(keys);
    }

    // Still too many: per parent, fold the children no drawn edge touches into one "+N more" node.
    const others = new Map<string, PlanResourceEntry[]>(); // parent urn → folded resources
    if (count > maxNodes) {
        const byParent = new Map<string, PlanResourceEntry[]>();
        for (const resource of custom) {
            const key = `${parentOf(resource)}\u0000${resource.type}`;
            if (collapsed.has(key) || important.has(resource.urn)) {
                continue;
            }
            const list = byParent.get(parentOf(resource)) ?? [];
            list.push(resource);
            byParent.set(parentOf(resource), list);
        }
        for (const [parent, list] of [...byParent.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) {
            if (count <= maxNodes) {
                break;
            }
            if (list.length >= 2) {
                others.set(parent, list);
                count -= list.length - 1;
            }
        }
    }

    const nodes: Node[] = [];
    const nodeOf = new Map<string, string>();
    const emitted = new Set<string>();
    for (const resource of custom) {
        const parent = parentOf(resource);
        const groupKey = `${parent}\u0000${resource.type}`;
        const folded = others.get(parent);
        let members: PlanResourceEntry[];
        let label: string;
        let nodeKey: string;
        if (collapsed.has(groupKey)) {
            members = groups.get(groupKey) ?? [resource];
            const memberUrns = new Set(members.map((m) => m.urn));
            const chained = members.some((m) => m.dependsOn.some((urn) => memberUrns.has(urn)));
            label = `${members.length} × ${shortType(resource.type)}${chained ? ", one after another" : ""}`;
            nodeKey = groupKey;
        } else if (folded?.includes(resource)) {
            members = folded;
            const counts = new Map<string, number>();
            for (const member of members) {
                counts.set(shortType(member.type), (counts.get(shortType(member.type)) ?? 0) + 1);
            }
            label = [...counts.entries()]
                .sort(([a], [b]) => (a < b ? -1 : 1))
                .map(([type, n]) => (n > 1 ? `${n} × ${type}` : type))
                .join(", ");
            nodeKey = `${parent}\u0000others`;
        } else {
            members = [resource];
            label = `${escapeLabel(shortName(resource.name, componentNames.get(parent)))}<br/>${escapeLabel(shortType(resource.type))}`;
            nodes.push({ id: `n${nodes.length}`, members, label });
            nodeOf.set(resource.urn, `n${nodes.length - 1}`);
            continue;
        }
        if (!emitted.has(nodeKey)) {
            emitted.add(nodeKey);
            nodes.push({ id: `n${nodes.length}`, members, label: escapeLabel(label) });
        }
        const id = nodes.find((node) => node.members === members)?.id;
        if (id) {
            nodeOf.set(resource.urn, id);
        }
    }
    return { nodes, nodeOf };
}

/** The flowchart source (without the ``` fence). */
export function renderMermaid(plan: PlanLike, options: MermaidOptions = {}): string {
    const maxNodes = options.maxNodes ?? DEFAULT_MAX_NODES;
    const resources = [...plan.resources].sort(byUrn);
    const urns = new Set(resources.map((r) => r.urn));
    const parents = new Set(resources.map((r) => r.parent).filter((p): p is string => p !== null && urns.has(p)));
    const parentOf = (resource: PlanResourceEntry): string =>
        resource.parent && urns.has(resource.parent) ? resource.parent : "";
    const components = resources.filter((r) => parents.has(r.urn));
    const custom = resources.filter((r) => !parents.has(r.urn));

    const edges = drawnEdges(custom);
    const important = new Set(edges.flat());
    const componentNames = new Map(components.map((component) => [component.urn, component.name]));
    const { nodes, nodeOf } = layout(custom, parentOf, componentNames, important, maxNodes);

    const lines = ["flowchart LR"];
    const nodesByParent = new Map<string, Node[]>();
    for (const node of nodes) {
        const first = node.members[0];
        const parent = first ? parentOf(first) : "";
        const list = nodesByParent.get(parent) ?? [];
        list.push(node);
        nodesByParent.set(parent, list);
    }
    const childComponents = new Map<string, PlanResourceEntry[]>();
    for (const component of components) {
        const parent = parentOf(component);
        const list = childComponents.get(parent) ?? [];
        list.push(component);
        childComponents.set(parent, list);
    }
    const componentIds = new Map(components.map((component, index) => [component.urn, `g${index}`]));
    const emit = (parent: string, indent: string): void => {
        for (const node of nodesByParent.get(parent) ?? []) {
            lines.push(`${indent}${node.id}["${node.label}"]`);
        }
        for (const component of childComponents.get(parent) ?? []) {
            const title = escapeLabel(`${component.name} · ${shortType(component.type)}`);
            lines.push(`${indent}subgraph ${componentIds.get(component.urn) ?? "g"}["${title}"]`);
            emit(component.urn, `${indent}    `);
            lines.push(`${indent}end`);
        }
    };
    emit("", "    ");

    const drawn = new Set<string>();
    for (const [from, to] of edges) {
        const a = nodeOf.get(from);
        const b = nodeOf.get(to);
        if (a && b && a !== b && !drawn.has(`${a}>${b}`)) {
            drawn.add(`${a}>${b}`);
            lines.push(`    ${a} --> ${b}`);
        }
    }

    if (options.status && options.status.size > 0) {
        const rank: Record<NodeStatus, number> = { added: 1, changed: 2, replaced: 3 };
        const byClass = new Map<NodeStatus, string[]>();
        for (const node of nodes) {
            let strongest: NodeStatus | undefined;
            for (const member of node.members) {
                const status = options.status.get(member.urn);
                if (status && (!strongest || rank[status] > rank[strongest])) {
                    strongest = status;
                }
            }
            if (strongest) {
                const list = byClass.get(strongest) ?? [];
                list.push(node.id);
                byClass.set(strongest, list);
            }
        }
        if (byClass.size > 0) {
            lines.push("    classDef added fill:#dafbe1,stroke:#1a7f37");
            lines.push("    classDef changed fill:#fff8c5,stroke:#9a6700");
            lines.push("    classDef replaced fill:#ffebe9,stroke:#cf222e,stroke-width:2px");
            for (const status of ["added", "changed", "replaced"] as const) {
                const ids = byClass.get(status);
                if (ids) {
                    lines.push(`    class ${ids.join(",")} ${status}`);
                }
            }
        }
    }
    return lines.join("\n");
}

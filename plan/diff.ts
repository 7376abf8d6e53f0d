/**
 * The plan diff: what changes between two offline plans of one stack (base → head), as data. Pure
 * functions only; rendering is render-diff.ts's job and reading files is diff-cli.ts's.
 *
 * Resources are matched by URN. Inputs are compared path by path ("sku.capacity",
 * "properties.model.name", "tags.owner", "ipRules[0].value"); a secret ("[secret]" on either side)
 * is reported as changed without any value. Changes that make Azure or Pulumi replace the resource
 * (or that Azure refuses to make in place) are marked from an explicit, cited table.
 */
import { SECRET_PLACEHOLDER } from "./config-sources";
import { inputAt, type PlanResourceEntry, type PolicyViolation as PlanViolation } from "./document";

/**
 * One verdict of the policy pack as the diff reads it from a plan document (`policy.violations[]`):
 * the plan's own shape, loosened for plans written by older versions (any level; no `urn` on a
 * verdict about the whole stack).
 */
export type PolicyViolation = Omit<PlanViolation, "level" | "urn"> & { readonly level: string; readonly urn?: string };

/** The `policy` member of a plan document; older plans have none. */
export interface PolicyReport {
    readonly pack?: string;
    readonly config?: unknown;
    readonly violations: readonly PolicyViolation[];
    readonly evaluated?: number;
}

/** What the diff reads of a plan document (`npm run plan -- --json`), with or without `policy`. */
export interface PlanLike {
    readonly project: string;
    readonly stack: string;
    readonly resources: readonly PlanResourceEntry[];
    readonly outputs?: Record<string, unknown>;
    readonly warnings?: readonly string[];
    readonly policy?: PolicyReport;
}

export type ChangeKind = "added" | "removed" | "changed";

/**
 * `replace`: Pulumi (azure-native or the random provider) replaces the resource on this change.
 * `immutable`: azure-native would update in place, but Azure refuses the change; it only goes through
 * as a replacement (`pulumi up --replace <urn>`, or a new name).
 */
export type ReplacementEffect = "replace" | "immutable";

export interface ReplacementRule {
    /** Resource type token, or "*" for any type. */
    readonly type: string;
    /** Dotted input path the rule covers (and everything below it); "*" for any input. */
    readonly path: string;
    readonly effect: ReplacementEffect;
    /** Why, in a few words, for the reviewer. */
    readonly why: string;
    /** Where this is documented. */
    readonly source: string;
}

export interface InputChange {
    /** Dotted path from the resource's inputs (or from the stack outputs). */
    readonly path: string;
    readonly kind: ChangeKind;
    /** Old value; absent when the input is new or secret. */
    readonly before?: unknown;
    /** New value; absent when the input is gone or secret. */
    readonly after?: unknown;
    /** A secret is involved: no value is ever reported. */
    readonly secret: boolean;
    /** Set when this change replaces the resource, or cannot be made in place. */
    readonly replacement?: ReplacementRule;
}

export interface ResourceSummary {
    readonly urn: string;
    readonly type: string;
    readonly name: string;
    readonly protect: boolean;
    /** For an added resource: the inputs a reviewer checks first (see KEY_INPUTS), in table order. */
    readonly keyInputs?: readonly KeyInput[];
}

export interface KeyInput {
    readonly label: string;
    readonly path: string;
    /** Absent when the input is a secret or not set. */
    readonly value?: unknown;
    readonly secret: boolean;
}

/** A resource whose dependencies alone changed: Pulumi neither updates nor replaces it for that. */
export interface DependencyNote {
    readonly urn: string;
    readonly type: string;
    readonly name: string;
    readonly added: readonly string[];
    readonly removed: readonly string[];
}

/** The operation counts of `pulumi preview`'s summary ("+ 1 to create", "+-13 to replace", ...). */
export interface OperationCounts {
    readonly create: number;
    readonly update: number;
    readonly replace: number;
    readonly delete: number;
}

export interface ResourceChange extends ResourceSummary {
    readonly inputs: readonly InputChange[];
    /** Present when `protect` changed. */
    readonly protectChange?: { readonly before: boolean; readonly after: boolean };
    /** Dependencies (URNs) gained and lost. */
    readonly dependsOn: { readonly added: readonly string[]; readonly removed: readonly string[] };
    /** The strongest replacement effect among the input changes, if any. */
    readonly replacement?: ReplacementEffect;
}

/** A removed and an added resource with the same type and name: the URN changed (new parent or type). */
export interface UrnChange {
    readonly type: string;
    readonly name: string;
    readonly before: string;
    readonly after: string;
}

export interface StackDiff {
    readonly project: string;
    readonly stack: string;
    readonly added: readonly ResourceSummary[];
    readonly removed: readonly ResourceSummary[];
    /** Resources Pulumi would update or replace: an input or `protect` changed. */
    readonly changed: readonly ResourceChange[];
    /** Resources whose `dependsOn` alone changed: not an update in `pulumi preview`, a note at most. */
    readonly dependencyNotes: readonly DependencyNote[];
    /** Pairs among added/removed that are one resource whose URN changed (Pulumi replaces it unless aliased). */
    readonly urnChanges: readonly UrnChange[];
    /** Resources present on both sides with the same inputs and protect (dependency notes included). */
    readonly unchanged: number;
    readonly outputs: readonly InputChange[];
    readonly warnings: { readonly appeared: readonly string[]; readonly disappeared: readonly string[] };
    readonly policy: {
        readonly appeared: readonly PolicyViolation[];
        readonly disappeared: readonly PolicyViolation[];
        /** Violations of the head plan by level (e.g. `{ mandatory: 1, advisory: 3 }`); absent without `policy`. */
        readonly headLevels?: Readonly<Record<string, number>>;
    };
}

const RESOURCE_GROUP = "azure-native:resources:ResourceGroup";
const ACCOUNT = "azure-native:cognitiveservices:Account";
const DEPLOYMENT = "azure-native:cognitiveservices:Deployment";
const VAULT = "azure-native:keyvault:Vault";
const KEY = "azure-native:keyvault:Key";
const PRIVATE_ENDPOINT = "azure-native:network:PrivateEndpoint";
const VIRTUAL_NETWORK = "azure-native:network:VirtualNetwork";
const ROLE_ASSIGNMENT = "azure-native:authorization:RoleAssignment";
const STORAGE_ACCOUNT = "azure-native:storage:StorageAccount";
const DIAGNOSTIC_SETTING = "azure-native:monitor:DiagnosticSetting";
const RANDOM_STRING = "random:index/randomString:RandomString";

const AZURE_NATIVE_FORCE_NEW = "pulumi-azure-native provider/pkg/gen/replacement.go (forceNewMap)";
const PATH_PARAMETER_SOURCE =
    "pulumi-azure-native #77 and #2283: every path parameter of the resource's ARM id forces replacement";
const TRACKED_LOCATION_SOURCE =
    "ARM RPC guideline RPC-Put-V1-14: a tracked resource's location is create-only (x-ms-mutability read, create)";

const PATH_PARAMETER = {
    effect: "replace",
    why: "part of the resource's ARM id",
    source: PATH_PARAMETER_SOURCE,
} as const;

/**
 * Changes that replace a resource, or that Azure refuses in place. Explicit per type first; the two
 * generic rules at the end (`location`, and top-level `*Name`/`scope`/`resourceUri`, which azure-native
 * sends as ARM path parameters) cover the types not listed.
 */
export const REPLACEMENT_RULES: readonly ReplacementRule[] = [
    { type: RESOURCE_GROUP, path: "resourceGroupName", ...PATH_PARAMETER },
    {
        type: RESOURCE_GROUP,
        path: "location",
        effect: "replace",
        why: "a resource group cannot move region",
        source: `${AZURE_NATIVE_FORCE_NEW}: Resources.ResourceGroup location`,
    },
    { type: ACCOUNT, path: "accountName", ...PATH_PARAMETER },
    {
        type: ACCOUNT,
        path: "location",
        effect: "replace",
        why: "an account cannot move region",
        source: "ARM spec Microsoft.CognitiveServices 2025-06-01, Account.location x-ms-mutability [read, create]; azure-native replaces on create-only properties (pulumi-azure-native #137)",
    },
    {
        type: ACCOUNT,
        path: "kind",
        effect: "immutable",
        why: "the account kind is fixed at creation",
        source: "terraform-provider-azurerm azurerm_cognitive_account: kind is ForceNew",
    },
    {
        type: ACCOUNT,
        path: "properties.customSubDomainName",
        effect: "immutable",
        why: "the custom subdomain (endpoint host) is fixed at creation",
        source: "terraform-provider-azurerm azurerm_cognitive_account: custom_subdomain_name is ForceNew",
    },
    { type: DEPLOYMENT, path: "deploymentName", ...PATH_PARAMETER },
    { type: DEPLOYMENT, path: "accountName", ...PATH_PARAMETER },
    {
        type: DEPLOYMENT,
        path: "properties.model.name",
        effect: "immutable",
        why: "a deployment's model cannot change (its version can)",
        source: "terraform-provider-azurerm azurerm_cognitive_deployment: model.name is ForceNew",
    },
    {
        type: DEPLOYMENT,
        path: "properties.model.format",
        effect: "immutable",
        why: "a deployment's model format cannot change",
        source: "terraform-provider-azurerm azurerm_cognitive_deployment: model.format is ForceNew",
    },
    {
        type: DEPLOYMENT,
        path: "sku.name",
        effect: "immutable",
        why: "a deployment's type (Standard, GlobalStandard, …) cannot change",
        source: "terraform-provider-azurerm azurerm_cognitive_deployment: sku.name is ForceNew",
    },
    { type: VAULT, path: "vaultName", ...PATH_PARAMETER },
    {
        type: VAULT,
        path: "location",
        effect: "immutable",
        why: "a vault cannot move region",
        source: `${TRACKED_LOCATION_SOURCE}; terraform-provider-azurerm azurerm_key_vault: location is ForceNew`,
    },
    { type: KEY, path: "keyName", ...PATH_PARAMETER },
    { type: KEY, path: "vaultName", ...PATH_PARAMETER },
    {
        type: PRIVATE_ENDPOINT,
        path: "subnet",
        effect: "replace",
        why: "a private endpoint cannot move to another subnet",
        source: `${AZURE_NATIVE_FORCE_NEW}: Network.PrivateEndpoint subnet (pulumi-azure-native #3883)`,
    },
    {
        type: VIRTUAL_NETWORK,
        path: "location",
        effect: "replace",
        why: "a virtual network cannot move region",
        source: `${AZURE_NATIVE_FORCE_NEW}: Network.VirtualNetwork location`,
    },
    {
        type: ROLE_ASSIGNMENT,
        path: "principalId",
        effect: "replace",
        why: "a role assignment's principal cannot change",
        source: `${AZURE_NATIVE_FORCE_NEW}: Authorization.RoleAssignment principalId`,
    },
    {
        type: ROLE_ASSIGNMENT,
        path: "scope",
        effect: "replace",
        why: "a role assignment's scope cannot change",
        source: `${AZURE_NATIVE_FORCE_NEW}: Authorization.RoleAssignment scope`,
    },
    {
        type: STORAGE_ACCOUNT,
        path: "location",
        effect: "replace",
        why: "a storage account cannot move region",
        source: `${AZURE_NATIVE_FORCE_NEW}: Storage.StorageAccount location`,
    },
    {
        type: STORAGE_ACCOUNT,
        path: "isHnsEnabled",
        effect: "replace",
        why: "hierarchical namespace is fixed at creation",
        source: `${AZURE_NATIVE_FORCE_NEW}: Storage.StorageAccount isHnsEnabled`,
    },
    { type: DIAGNOSTIC_SETTING, path: "name", ...PATH_PARAMETER },
    {
        type: RANDOM_STRING,
        path: "*",
        effect: "replace",
        why: "every input of a random value forces a new value (and new names derived from it)",
        source: "pulumi-random (bridged terraform-provider-random): all random_string arguments are RequiresReplace",
    },
    {
        type: "*",
        path: "location",
        effect: "immutable",
        why: "a tracked resource cannot move region",
        source: TRACKED_LOCATION_SOURCE,
    },
];

/**
 * What an added resource shows, per type: the inputs that decide what it is and what it costs.
 * Types not listed show their location, when they have one.
 */
export const KEY_INPUTS: Readonly<Record<string, readonly (readonly [label: string, path: string])[]>> = {
    [DEPLOYMENT]: [
        ["model", "properties.model.name"],
        ["version", "properties.model.version"],
        ["deployment type", "sku.name"],
        ["capacity", "sku.capacity"],
        ["content filter", "properties.raiPolicyName"],
    ],
    [ACCOUNT]: [
        ["kind", "kind"],
        ["location", "location"],
        ["sku", "sku.name"],
    ],
    "azure-native:cognitiveservices:RaiBlocklistItem": [
        ["blocklist", "raiBlocklistName"],
        ["pattern", "properties.pattern"],
    ],
    "*": [["location", "location"]],
};

/** The key inputs of a resource (KEY_INPUTS), secrets hidden; inputs that are not set are left out. */
export function keyInputsOf(resource: PlanResourceEntry): KeyInput[] {
    const table = KEY_INPUTS[resource.type] ?? KEY_INPUTS["*"] ?? [];
    return table.flatMap(([label, path]): KeyInput[] => {
        const value = inputAt(resource.inputs, path);
        if (value === undefined) {
            return [];
        }
        return containsSecret(value) ? [{ label, path, secret: true }] : [{ label, path, value, secret: false }];
    });
}

/** Top-level inputs that azure-native sends as path parameters of the ARM id. */
const PATH_PARAMETER_INPUT = /^(?:[a-z][A-Za-z0-9]*Name|scope|resourceUri)$/;

function coversPath(rulePath: string, path: string): boolean {
    return rulePath === "*" || path === rulePath || path.startsWith(`${rulePath}.`) || path.startsWith(`${rulePath}[`);
}

/** The replacement rule that applies to a change of `path` on a resource of `type`, if any. */
export function replacementRule(type: string, path: string): ReplacementRule | undefined {
    const explicit =
        REPLACEMENT_RULES.find((rule) => rule.type === type && coversPath(rule.path, path)) ??
        REPLACEMENT_RULES.find((rule) => rule.type === "*" && coversPath(rule.path, path));
    if (explicit) {
        return explicit;
    }
    if (type.startsWith("azure-native:") && PATH_PARAMETER_INPUT.test(path)) {
        return { type, path, ...PATH_PARAMETER };
    }
    return undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
    return typeof value === "object" && value !== null && !Array.isArray(value);
}

function containsSecret(value: unknown): boolean {
    if (value === SECRET_PLACEHOLDER) {
        return true;
    }
    if (Array.isArray(value)) {
        return value.some(containsSecret);
    }
    if (isRecord(value)) {
        return Object.values(value).some(containsSecret);
    }
    return false;
}

/** JSON with object keys sorted, so that equal values compare equal whatever their key order. */
export function canonicalJson(value: unknown): string {
    if (Array.isArray(value)) {
        return `[${value.map(canonicalJson).join(",")}]`;
    }
    if (isRecord(value)) {
        return `{${Object.keys(value)
            .sort()
            .map((key) => `${JSON.stringify(key)}:${canonicalJson(value[key])}`)
            .join(",")}}`;
    }
    return JSON.stringify(value) ?? "undefined";
}

function childPath(parent: string, key: string): string {
    const safe = /^[A-Za-z0-9_$@-]+$/.test(key) ? key : JSON.stringify(key);
    if (parent === "") {
        return safe;
    }
    return safe === key ? `${parent}.${key}` : `${parent}[${safe}]`;
}

/** Objects are walked key by key; arrays holding objects index by index; anything else is one value. */
function isContainer(value: unknown): boolean {
    return isRecord(value) || (Array.isArray(value) && value.some((item) => isRecord(item) || Array.isArray(item)));
}

/** Every difference between two input trees, in path order. */
export function diffValues(before: unknown, after: unknown, path = ""): InputChange[] {
    if (canonicalJson(before) === canonicalJson(after)) {
        return [];
    }
    const secret = containsSecret(before) || containsSecret(after);
    const bothWalkable =
        (isRecord(before) || before === undefined) &&
        (isRecord(after) || after === undefined) &&
        !(before === undefined && after === undefined);
    const bothArrays =
        (Array.isArray(before) || before === undefined) &&
        (Array.isArray(after) || after === undefined) &&
        (isContainer(before) || isContainer(after));
    if (before !== SECRET_PLACEHOLDER && after !== SECRET_PLACEHOLDER) {
        if (bothWalkable && (isRecord(before) || isRecord(after))) {
            const left: Record<string, unknown> = isRecord(before) ? before : {};
            const right: Record<string, unknown> = isRecord(after) ? after : {};
            const keys = [...new Set([...Object.keys(left), ...Object.keys(right)])].sort();
            const changes = keys.flatMap((key) => diffValues(left[key], right[key], childPath(path, key)));
            if (changes.length > 0 || path === "") {
                return changes;
            }
        } else if (bothArrays) {
            const left: readonly unknown[] = Array.isArray(before) ? before : [];
            const right: readonly unknown[] = Array.isArray(after) ? after : [];
            const length = Math.max(left.length, right.length);
            const changes: InputChange[] = [];
            for (let index = 0; index < length; index++) {
                changes.push(...diffValues(left[index], right[index], `${path}[${index}]`));
            }
            return changes;
        }
    }
    const kind: ChangeKind = before === undefined ? "added" : after === undefined ? "removed" : "changed";
    if (secret) {
        return [{ path, kind, secret: true }];
    }
    return [
        {
            path,
            kind,
            secret: false,
            ...(before === undefined ? {} : { before }),
            ...(after === undefined ? {} : { after }),
        },
    ];
}

function summary(resource: PlanResourceEntry): ResourceSummary {
    return { urn: resource.urn, type: resource.type, name: resource.name, protect: resource.protect };
}

function byUrn(a: { urn: string }, b: { urn: string }): number {
    return a.urn < b.urn ? -1 : a.urn > b.urn ? 1 : 0;
}

const EFFECT_STRENGTH: Readonly<Record<ReplacementEffect, number>> = { immutable: 1, replace: 2 };

type ResourceComparison =
    | { readonly kind: "same" }
    | { readonly kind: "dependencies"; readonly note: DependencyNote }
    | { readonly kind: "changed"; readonly change: ResourceChange };

function diffResource(before: PlanResourceEntry, after: PlanResourceEntry): ResourceComparison {
    const inputs = diffValues(before.inputs, after.inputs).map((change) => {
        const rule = replacementRule(after.type, change.path);
        return rule ? { ...change, replacement: rule } : change;
    });
    const beforeDeps = new Set(before.dependsOn);
    const afterDeps = new Set(after.dependsOn);
    const dependsOn = {
        added: after.dependsOn.filter((urn) => !beforeDeps.has(urn)).sort(),
        removed: before.dependsOn.filter((urn) => !afterDeps.has(urn)).sort(),
    };
    const protectChanged = before.protect !== after.protect;
    const dependenciesChanged = dependsOn.added.length > 0 || dependsOn.removed.length > 0;
    if (inputs.length === 0 && !protectChanged) {
        // The engine decides update vs same from the provider's diff of inputs (pkg/resource/deploy
        // step_generator.go); dependencies only order the steps, so `pulumi preview` shows no update.
        return dependenciesChanged
            ? { kind: "dependencies", note: { urn: after.urn, type: after.type, name: after.name, ...dependsOn } }
            : { kind: "same" };
    }
    let replacement: ReplacementEffect | undefined;
    for (const change of inputs) {
        const effect = change.replacement?.effect;
        if (effect && (!replacement || EFFECT_STRENGTH[effect] > EFFECT_STRENGTH[replacement])) {
            replacement = effect;
        }
    }
    return {
        kind: "changed",
        change: {
            ...summary(after),
            inputs,
            ...(protectChanged ? { protectChange: { before: before.protect, after: after.protect } } : {}),
            dependsOn,
            ...(replacement ? { replacement } : {}),
        },
    };
}

/**
 * The counts `pulumi preview` prints: added resources are creates, removed ones deletes (a new URN
 * is both, as Pulumi has no alias to go by), a change Pulumi replaces on is a replace, and every
 * other change an update. An "immutable" change counts as an update, as Pulumi previews it (Azure
 * then refuses it; the rendering says so).
 */
export function operationCounts(diff: StackDiff): OperationCounts {
    const replace = diff.changed.filter((change) => change.replacement === "replace").length;
    return {
        create: diff.added.length,
        update: diff.changed.length - replace,
        replace,
        delete: diff.removed.length,
    };
}

function violationKey(violation: PolicyViolation): string {
    return [violation.policy, violation.level, violation.urn ?? "", violation.message].join("\u0000");
}

function compareViolations(a: PolicyViolation, b: PolicyViolation): number {
    const left = [a.urn ?? "", a.policy, a.level, a.message];
    const right = [b.urn ?? "", b.policy, b.level, b.message];
    for (let i = 0; i < left.length; i++) {
        const x = left[i] ?? "";
        const y = right[i] ?? "";
        if (x !== y) {
            return x < y ? -1 : 1;
        }
    }
    return 0;
}

function setDifference<T>(items: readonly T[], others: readonly T[], key: (item: T) => string): T[] {
    const seen = new Set(others.map(key));
    const result: T[] = [];
    const emitted = new Set<string>();
    for (const item of items) {
        const k = key(item);
        if (!seen.has(k) && !emitted.has(k)) {
            emitted.add(k);
            result.push(item);
        }
    }
    return result;
}

function levelCounts(report: PolicyReport): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const violation of report.violations) {
        counts[violation.level] = (counts[violation.level] ?? 0) + 1;
    }
    return Object.fromEntries(Object.entries(counts).sort(([a], [b]) => (a < b ? -1 : 1)));
}

/**
 * Diffs two plans of one stack. `base` undefined: the stack is new (everything added); `head`
 * undefined: the stack is gone (everything removed).
 */
export function diffPlans(base: PlanLike | undefined, head: PlanLike | undefined): StackDiff {
    const reference = head ?? base;
    if (!reference) {
        throw new Error("diffPlans needs at least one plan");
    }
    const baseResources = new Map((base?.resources ?? []).map((resource) => [resource.urn, resource]));
    const headResources = new Map((head?.resources ?? []).map((resource) => [resource.urn, resource]));
    const added: ResourceSummary[] = [];
    const changed: ResourceChange[] = [];
    const dependencyNotes: DependencyNote[] = [];
    let unchanged = 0;
    for (const resource of headResources.values()) {
        const previous = baseResources.get(resource.urn);
        if (!previous) {
            added.push({ ...summary(resource), keyInputs: keyInputsOf(resource) });
            continue;
        }
        const comparison = diffResource(previous, resource);
        if (comparison.kind === "changed") {
            changed.push(comparison.change);
        } else {
            unchanged++;
            if (comparison.kind === "dependencies") {
                dependencyNotes.push(comparison.note);
            }
        }
    }
    const removed = [...baseResources.values()]
        .filter((resource) => !headResources.has(resource.urn))
        .map(summary)
        .sort(byUrn);
    added.sort(byUrn);
    changed.sort(byUrn);
    dependencyNotes.sort(byUrn);

    const urnChanges: UrnChange[] = [];
    for (const gone of removed) {
        const successor = added.find((item) => item.type === gone.type && item.name === gone.name);
        if (successor) {
            urnChanges.push({ type: gone.type, name: gone.name, before: gone.urn, after: successor.urn });
        }
    }

    const baseViolations = base?.policy?.violations ?? [];
    const headViolations = head?.policy?.violations ?? [];
    const baseWarnings = base?.warnings ?? [];
    const headWarnings = head?.warnings ?? [];
    const identity = (text: string): string => text;
    return {
        project: reference.project,
        stack: reference.stack,
        added,
        removed,
        changed,
        dependencyNotes,
        urnChanges,
        unchanged,
        outputs: diffValues(base?.outputs ?? {}, head?.outputs ?? {}),
        warnings: {
            appeared: setDifference(headWarnings, baseWarnings, identity).sort(),
            disappeared: setDifference(baseWarnings, headWarnings, identity).sort(),
        },
        policy: {
            appeared: setDifference(headViolations, baseViolations, violationKey).sort(compareViolations),
            disappeared: setDifference(baseViolations, headViolations, violationKey).sort(compareViolations),
            ...(head?.policy ? { headLevels: levelCounts(head.policy) } : {}),
        },
    };
}

/** True when nothing Pulumi would do or report differs: resources, protect, outputs, warnings, policy (dependency notes alone are no change). */
export function isEmptyDiff(diff: StackDiff): boolean {
    return (
        diff.added.length === 0 &&
        diff.removed.length === 0 &&
        diff.changed.length === 0 &&
        diff.outputs.length === 0 &&
        diff.warnings.appeared.length === 0 &&
        diff.warnings.disappeared.length === 0 &&
        diff.policy.appeared.length === 0 &&
        diff.policy.disappeared.length === 0
    );
}

/** One side of a comparison: a plan, a plan that failed (with what it printed), or no such stack. */
export type PlanSide =
    | { readonly kind: "plan"; readonly plan: PlanLike }
    | { readonly kind: "failed"; readonly error: string }
    | { readonly kind: "missing" };

/** What the renderers show for one stack. */
export interface StackComparison {
    readonly stack: string;
    /** Absent when either side failed to plan. */
    readonly diff?: StackDiff;
    /** The head plan, for the picture; absent when the stack is gone or its plan failed. */
    readonly head?: PlanLike;
    readonly baseError?: string;
    readonly headError?: string;
}

export function compareStack(stack: string, base: PlanSide, head: PlanSide): StackComparison {
    const headPlan = head.kind === "plan" ? head.plan : undefined;
    const basePlan = base.kind === "plan" ? base.plan : undefined;
    return {
        stack,
        ...(headPlan ? { head: headPlan } : {}),
        ...(base.kind === "failed" ? { baseError: base.error } : {}),
        ...(head.kind === "failed" ? { headError: head.error } : {}),
        ...(base.kind !== "failed" && head.kind !== "failed" && (basePlan || headPlan)
            ? { diff: diffPlans(basePlan, headPlan) }
            : {}),
    };
}

/** The number of mandatory violations in the head plan (0 without a policy member). */
export function mandatoryViolations(diff: StackDiff): number {
    return diff.policy.headLevels?.["mandatory"] ?? 0;
}

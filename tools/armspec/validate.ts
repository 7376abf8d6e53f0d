/**
 * ARM conformance of a plan: rebuilds, for each resource of a plan document, the PUT request
 * azure-native would send to Azure Resource Manager and checks it against Microsoft's REST API
 * specs (OpenAPI 2.0) for the API version azure-native uses, vendored under `specification/`.
 *
 * The plan records inputs as azure-native registers them, which is not quite the wire:
 * - path parameters (`accountName`, `resourceGroupName`, `scope`, ...) are top-level inputs;
 * - the body's own properties are top-level inputs, and a property marked `x-ms-client-flatten`
 *   (usually `properties`) has its fields lifted into its parent, at any depth;
 * - property names are azure-native's: the lower-camel form of `x-ms-client-name` when the spec
 *   gives one (Key Vault `exp` → `expires`), else of the wire name (`release_policy` →
 *   `releasePolicy`);
 * - `userAssignedIdentities` is a list of identity ids, where the wire has a map of id → {}.
 * `toArmRequest` undoes all of that; `checkBody` then checks the body against the schema.
 *
 * Values the plan could not know ("[unknown]") or hides ("[secret]") are not checked.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { suggest } from "../../infra/config/rules";
import { digest } from "../../plan/mocks";
import type { PlanDocument, PlanResourceEntry } from "../../plan/plan";

/** Where the vendored specs live (paths below are relative to it, with "/"). */
export const SPEC_ROOT = path.join(__dirname, "specification");

export type ProblemKind =
    /** A property the schema does not have (a typo, or a field of another API version). */
    | "unknown-property"
    | "type"
    /** A value outside a closed enum (`x-ms-enum.modelAsString` false or absent): Azure refuses it. */
    | "enum"
    /**
     * A value outside the documented values of an open enum (`x-ms-enum.modelAsString: true`):
     * Azure may accept it (new values ship before the specs), so it is reported apart.
     */
    | "not-a-documented-value"
    | "required"
    /** A property Azure computes (`readOnly`) that the request sets. */
    | "read-only"
    | "pattern"
    | "min-length"
    | "max-length"
    | "minimum"
    | "maximum"
    | "min-items"
    | "max-items"
    /** `format: uuid`, `date-time` or `int32` not met. */
    | "format";

export interface ArmProblem {
    readonly urn: string;
    readonly type: string;
    /**
     * Where, in the resource's inputs as the plan records them (dotted, `[i]` for list items,
     * `["key"]` for keys that are not identifiers). A required property the inputs lack is named
     * where it would go.
     */
    readonly path: string;
    readonly kind: ProblemKind;
    readonly message: string;
}

export interface CheckedResource {
    readonly urn: string;
    readonly type: string;
    readonly operationId: string;
    readonly spec: string;
    readonly apiVersion: string;
}

export interface SkippedResource {
    readonly urn: string;
    readonly type: string;
    readonly reason: string;
}

/** A value the validator could not check because the vendored specs stop short of it. */
export interface UncheckedValue {
    readonly urn: string;
    readonly type: string;
    readonly path: string;
    readonly reason: string;
}

/**
 * Requirements of a vendored spec that Azure itself refuses, each with the public issue that says
 * so. A matching problem is not reported as a problem but listed under `waived`, so it stays visible.
 */
export interface SpecDefect {
    readonly type: string;
    /** Applies to resources whose inputs satisfy this. */
    readonly when: (inputs: Readonly<Record<string, unknown>>) => boolean;
    readonly kind: ProblemKind;
    readonly paths: readonly string[];
    readonly reason: string;
}

export const SPEC_DEFECTS: readonly SpecDefect[] = [
    {
        type: "azure-native:apimanagement:Backend",
        when: (inputs) => inputs["type"] === "Pool",
        kind: "required",
        paths: ["url", "protocol"],
        reason:
            "BackendContractProperties requires url and protocol, but API Management refuses both on a pool " +
            '("Url is not supported for backend pool"): github.com/Azure/azure-rest-api-specs/issues/35713',
    },
];

export interface WaivedProblem extends ArmProblem {
    readonly reason: string;
}

export interface ArmConformanceReport {
    readonly problems: readonly ArmProblem[];
    /** Problems matching a known spec defect (SPEC_DEFECTS), with the reason. */
    readonly waived?: readonly WaivedProblem[];
    readonly checked: readonly CheckedResource[];
    readonly skipped: readonly SkippedResource[];
    readonly unchecked: readonly UncheckedValue[];
}

/** The PUT operation that creates or updates a resource type: spec file and operationId. */
export interface ArmOperation {
    readonly spec: string;
    readonly operationId: string;
}

const COGNITIVE =
    "cognitiveservices/resource-manager/Microsoft.CognitiveServices/stable/2025-06-01/cognitiveservices.json";
const KEYVAULT = "keyvault/resource-manager/Microsoft.KeyVault/stable/2024-11-01";
const NETWORK = "network/resource-manager/Microsoft.Network/stable/2024-05-01";
const APIM = "apimanagement/resource-manager/Microsoft.ApiManagement/stable/2024-05-01";

/** API Management 2024-05-01 (azure-native 3.28's version for the whole apimanagement module). */
const apim = (file: string, operationId: string): ArmOperation => ({ spec: `${APIM}/${file}`, operationId });

/**
 * azure-native 3.28 resource types → the operation behind them (the API versions are those the SDK
 * documents in each resource's "Uses Azure REST API version ..." comment).
 */
export const OPERATIONS: Readonly<Record<string, ArmOperation>> = {
    "azure-native:resources:ResourceGroup": {
        spec: "resources/resource-manager/Microsoft.Resources/stable/2024-03-01/resources.json",
        operationId: "ResourceGroups_CreateOrUpdate",
    },
    "azure-native:cognitiveservices:Account": { spec: COGNITIVE, operationId: "Accounts_Create" },
    "azure-native:cognitiveservices:Deployment": { spec: COGNITIVE, operationId: "Deployments_CreateOrUpdate" },
    "azure-native:cognitiveservices:RaiPolicy": { spec: COGNITIVE, operationId: "RaiPolicies_CreateOrUpdate" },
    "azure-native:cognitiveservices:RaiBlocklist": { spec: COGNITIVE, operationId: "RaiBlocklists_CreateOrUpdate" },
    "azure-native:cognitiveservices:RaiBlocklistItem": {
        spec: COGNITIVE,
        operationId: "RaiBlocklistItems_CreateOrUpdate",
    },
    "azure-native:keyvault:Vault": { spec: `${KEYVAULT}/keyvault.json`, operationId: "Vaults_CreateOrUpdate" },
    "azure-native:keyvault:Secret": { spec: `${KEYVAULT}/secrets.json`, operationId: "Secrets_CreateOrUpdate" },
    "azure-native:keyvault:Key": { spec: `${KEYVAULT}/keys.json`, operationId: "Keys_CreateIfNotExist" },
    "azure-native:authorization:RoleAssignment": {
        spec: "authorization/resource-manager/Microsoft.Authorization/stable/2022-04-01/authorization-RoleAssignmentsCalls.json",
        operationId: "RoleAssignments_Create",
    },
    "azure-native:authorization:ManagementLockByScope": {
        spec: "resources/resource-manager/Microsoft.Authorization/stable/2020-05-01/locks.json",
        operationId: "ManagementLocks_CreateOrUpdateByScope",
    },
    "azure-native:monitor:DiagnosticSetting": {
        spec: "monitor/resource-manager/Microsoft.Insights/preview/2021-05-01-preview/diagnosticsSettings_API.json",
        operationId: "DiagnosticSettings_CreateOrUpdate",
    },
    "azure-native:managedidentity:UserAssignedIdentity": {
        spec: "msi/resource-manager/Microsoft.ManagedIdentity/stable/2023-01-31/ManagedIdentity.json",
        operationId: "UserAssignedIdentities_CreateOrUpdate",
    },
    "azure-native:network:VirtualNetwork": {
        spec: `${NETWORK}/virtualNetwork.json`,
        operationId: "VirtualNetworks_CreateOrUpdate",
    },
    "azure-native:network:Subnet": { spec: `${NETWORK}/virtualNetwork.json`, operationId: "Subnets_CreateOrUpdate" },
    "azure-native:network:PrivateEndpoint": {
        spec: `${NETWORK}/privateEndpoint.json`,
        operationId: "PrivateEndpoints_CreateOrUpdate",
    },
    "azure-native:network:PrivateDnsZoneGroup": {
        spec: `${NETWORK}/privateEndpoint.json`,
        operationId: "PrivateDnsZoneGroups_CreateOrUpdate",
    },
    "azure-native:privatedns:PrivateZone": {
        spec: "privatedns/resource-manager/Microsoft.Network/stable/2024-06-01/privatedns.json",
        operationId: "PrivateZones_CreateOrUpdate",
    },
    "azure-native:privatedns:VirtualNetworkLink": {
        spec: "privatedns/resource-manager/Microsoft.Network/stable/2024-06-01/privatedns.json",
        operationId: "VirtualNetworkLinks_CreateOrUpdate",
    },
    "azure-native:operationalinsights:Workspace": {
        spec: "operationalinsights/resource-manager/Microsoft.OperationalInsights/stable/2023-09-01/Workspaces.json",
        operationId: "Workspaces_CreateOrUpdate",
    },
    "azure-native:apimanagement:ApiManagementService": apim(
        "apimdeployment.json",
        "ApiManagementService_CreateOrUpdate",
    ),
    "azure-native:apimanagement:Backend": apim("apimbackends.json", "Backend_CreateOrUpdate"),
    "azure-native:apimanagement:NamedValue": apim("apimnamedvalues.json", "NamedValue_CreateOrUpdate"),
    "azure-native:apimanagement:Logger": apim("apimloggers.json", "Logger_CreateOrUpdate"),
    "azure-native:apimanagement:Api": apim("apimapis.json", "Api_CreateOrUpdate"),
    "azure-native:apimanagement:ApiPolicy": apim("apimapis.json", "ApiPolicy_CreateOrUpdate"),
    "azure-native:apimanagement:ApiDiagnostic": apim("apimapis.json", "ApiDiagnostic_CreateOrUpdate"),
    "azure-native:apimanagement:Product": apim("apimproducts.json", "Product_CreateOrUpdate"),
    "azure-native:apimanagement:ProductApi": apim("apimproducts.json", "ProductApi_CreateOrUpdate"),
    "azure-native:apimanagement:ProductApiLink": apim("apimproducts.json", "ProductApiLink_CreateOrUpdate"),
    "azure-native:apimanagement:ProductPolicy": apim("apimproducts.json", "ProductPolicy_CreateOrUpdate"),
    "azure-native:apimanagement:Subscription": apim("apimsubscriptions.json", "Subscription_CreateOrUpdate"),
};

/** What the plan puts in place of values it cannot or must not show. */
const PLACEHOLDERS: ReadonlySet<unknown> = new Set(["[secret]", "[unknown]"]);

/** Path parameters azure-native fills in itself (from the provider's configuration). */
const PROVIDER_PARAMETERS: ReadonlySet<string> = new Set(["subscriptionId", "api-version"]);

// ---------------------------------------------------------------------------------------------
// Specs and $ref resolution

type Node = Readonly<Record<string, unknown>>;

/** A schema (or parameter) node and the spec file it sits in, for resolving its relative $refs. */
interface Located {
    readonly file: string;
    readonly node: Node;
}

function isNode(value: unknown): value is Node {
    return typeof value === "object" && value !== null && !Array.isArray(value);
}

export class SpecSet {
    private readonly files = new Map<string, Node | null>();

    constructor(readonly root: string = SPEC_ROOT) {}

    /** A spec file by its path under the root, or undefined when the vendored set lacks it. */
    file(relative: string): Node | undefined {
        if (!this.files.has(relative)) {
            const absolute = path.join(this.root, ...relative.split("/"));
            this.files.set(
                relative,
                fs.existsSync(absolute) ? (JSON.parse(fs.readFileSync(absolute, "utf8")) as Node) : null,
            );
        }
        return this.files.get(relative) ?? undefined;
    }

    /** Resolves `ref` (relative file and/or JSON pointer) as written in `from`. */
    resolve(ref: string, from: string): Located | undefined {
        const [filePart = "", pointer = ""] = ref.split("#", 2);
        const file = filePart === "" ? from : path.posix.normalize(path.posix.join(path.posix.dirname(from), filePart));
        let current: unknown = this.file(file);
        for (const raw of pointer.split("/").slice(1)) {
            const key = decodeURIComponent(raw).replace(/~1/g, "/").replace(/~0/g, "~");
            current = isNode(current) ? current[key] : undefined;
        }
        return isNode(current) ? { file, node: current } : undefined;
    }

    /** The PUT operation of `operation`, its path template and its parameters (refs resolved). */
    operation(operation: ArmOperation): { template: string; parameters: Located[]; apiVersion: string } | undefined {
        const spec = this.file(operation.spec);
        const paths = spec?.["paths"];
        if (!spec || !isNode(paths)) {
            return undefined;
        }
        for (const [template, item] of Object.entries(paths)) {
            const put = isNode(item) ? item["put"] : undefined;
            if (!isNode(put) || put["operationId"] !== operation.operationId || !isNode(item)) {
                continue;
            }
            const declared = [
                ...(Array.isArray(item["parameters"]) ? (item["parameters"] as unknown[]) : []),
                ...(Array.isArray(put["parameters"]) ? (put["parameters"] as unknown[]) : []),
            ];
            const parameters = declared.flatMap((parameter): Located[] => {
                if (!isNode(parameter)) {
                    return [];
                }
                if (typeof parameter["$ref"] === "string") {
                    const resolved = this.resolve(parameter["$ref"], operation.spec);
                    return resolved ? [resolved] : [];
                }
                return [{ file: operation.spec, node: parameter }];
            });
            const info = spec["info"];
            const apiVersion = isNode(info) && typeof info["version"] === "string" ? info["version"] : "";
            return { template, parameters, apiVersion };
        }
        return undefined;
    }
}

/** A schema with its $ref chain followed. */
interface Resolved {
    readonly file: string;
    readonly node: Node;
    /** `readOnly` anywhere along the chain (Azure's specs put it beside a $ref). */
    readonly readOnly: boolean;
    /** The definition name the chain ended at, for messages. */
    readonly definition?: string;
    /** Set when a $ref points outside the vendored specs. */
    readonly unresolved?: string;
}

function deref(specs: SpecSet, located: Located): Resolved {
    let { file, node } = located;
    let readOnly = node["readOnly"] === true;
    let definition: string | undefined;
    for (let hops = 0; typeof node["$ref"] === "string"; hops++) {
        const ref = node["$ref"];
        const target = hops < 32 ? specs.resolve(ref, file) : undefined;
        if (!target) {
            return { file, node, readOnly, unresolved: `${ref} (from ${file})` };
        }
        definition = ref.split("/").pop();
        ({ file, node } = target);
        readOnly ||= node["readOnly"] === true;
    }
    return { file, node, readOnly, ...(definition ? { definition } : {}) };
}

/** One property of an object schema. */
interface Member {
    readonly wireName: string;
    /** The name azure-native gives it. */
    readonly sdkName: string;
    readonly schema: Located;
    readonly flatten: boolean;
}

interface ObjectShape {
    readonly members: Map<string, Member>;
    readonly required: Set<string>;
    /** A schema for keys that are not members; `true`: anything goes; `false`: closed. */
    readonly additional: Located | boolean;
    readonly unresolved: string[];
}

/** azure-native's name for a wire property: lower camel case of `x-ms-client-name` or of the wire name. */
export function sdkNameOf(wireName: string, clientName?: string): string {
    const base = clientName ?? wireName;
    const camel = base.replace(/_+([a-zA-Z0-9])/g, (_m, c: string) => c.toUpperCase());
    return camel.charAt(0).toLowerCase() + camel.slice(1);
}

function isObjectSchema(node: Node): boolean {
    return (
        node["type"] === "object" ||
        (node["type"] === undefined && (isNode(node["properties"]) || Array.isArray(node["allOf"])))
    );
}

/** The properties of an object schema, its `allOf` parents' included. */
function shapeOf(specs: SpecSet, resolved: Resolved, depth = 0): ObjectShape {
    const shape: ObjectShape = { members: new Map(), required: new Set(), additional: false, unresolved: [] };
    let additional: Located | boolean | undefined;
    const visit = (schema: Resolved, level: number) => {
        if (schema.unresolved) {
            shape.unresolved.push(schema.unresolved);
            return;
        }
        for (const parent of Array.isArray(schema.node["allOf"]) ? (schema.node["allOf"] as unknown[]) : []) {
            if (isNode(parent) && level < 16) {
                visit(deref(specs, { file: schema.file, node: parent }), level + 1);
            }
        }
        const properties = schema.node["properties"];
        for (const [wireName, property] of Object.entries(isNode(properties) ? properties : {})) {
            if (!isNode(property)) {
                continue;
            }
            const clientName =
                typeof property["x-ms-client-name"] === "string" ? property["x-ms-client-name"] : undefined;
            shape.members.set(wireName, {
                wireName,
                sdkName: sdkNameOf(wireName, clientName),
                schema: { file: schema.file, node: property },
                flatten: property["x-ms-client-flatten"] === true,
            });
        }
        for (const name of Array.isArray(schema.node["required"]) ? (schema.node["required"] as unknown[]) : []) {
            if (typeof name === "string") {
                shape.required.add(name);
            }
        }
        const extra = schema.node["additionalProperties"];
        if (isNode(extra)) {
            additional = { file: schema.file, node: extra };
        } else if (extra === true) {
            additional = true;
        }
    };
    visit(resolved, depth);
    // An object schema that declares no properties at all is free-form ("type": "object" as `any`).
    const freeForm = shape.members.size === 0 && additional === undefined;
    return { ...shape, additional: additional ?? freeForm };
}

// ---------------------------------------------------------------------------------------------
// Paths: input paths (as the plan records inputs) and wire paths (in the request body)

type Segment = string | number;

function formatPath(segments: readonly Segment[]): string {
    let text = "";
    for (const segment of segments) {
        if (typeof segment === "number") {
            text += `[${segment}]`;
        } else if (/^[A-Za-z_$][\w$-]*$/.test(segment)) {
            text += text === "" ? segment : `.${segment}`;
        } else {
            text += `[${JSON.stringify(segment)}]`;
        }
    }
    return text;
}

const keyOf = (segments: readonly Segment[]): string => JSON.stringify(segments);

// ---------------------------------------------------------------------------------------------
// Rebuilding the request

export interface ArmRequest {
    readonly method: "PUT";
    /** The request path with the path parameters filled in (`{subscriptionId}` left as is). */
    readonly path: string;
    readonly pathParameters: Readonly<Record<string, string>>;
    readonly body: Record<string, unknown>;
    /** Wire path (JSON of the segments) → input path, for every value placed in the body. */
    readonly origins: ReadonlyMap<string, readonly Segment[]>;
}

/**
 * Moves one object's inputs to the wire: renames azure-native names to wire names, puts the fields
 * of flattened properties back under them, and recurses. Inputs that match nothing stay under
 * their own name, for the check to report.
 */
interface WireContext {
    readonly specs: SpecSet;
    readonly origins: Map<string, readonly Segment[]>;
    /** Inputs azure-native would not take where they are (found while rebuilding the body). */
    readonly misplaced: { inputPath: readonly Segment[]; kind: ProblemKind; message: string }[];
}

function objectToWire(
    context: WireContext,
    value: Record<string, unknown>,
    shape: ObjectShape,
    inputPath: readonly Segment[],
    wirePath: readonly Segment[],
): Record<string, unknown> {
    const { specs, origins } = context;
    const wire: Record<string, unknown> = {};
    origins.set(keyOf(wirePath), inputPath);
    // A flattened property is no input of its own in azure-native: only its fields are.
    const direct = new Map<string, Member>();
    const flattenedNames = new Map<string, Member>();
    for (const member of shape.members.values()) {
        (member.flatten ? flattenedNames : direct).set(member.sdkName, member);
    }
    // Fields of flattened properties, at any depth: SDK name → the wire path under this object.
    const lifted = new Map<string, { member: Member; via: Member[] }>();
    const collect = (members: Iterable<Member>, via: Member[]) => {
        for (const member of members) {
            if (!member.flatten || via.length > 8) {
                continue;
            }
            const target = deref(specs, member.schema);
            if (target.unresolved || !isObjectSchema(target.node)) {
                continue;
            }
            const inner = shapeOf(specs, target);
            for (const field of inner.members.values()) {
                // A read-only member (the resource's `type`) is no input, so a flattened field of the
                // same name (a backend's `properties.type`) is what azure-native's input means.
                const shadow = direct.get(field.sdkName);
                const free = !shadow || (deref(specs, shadow.schema).readOnly && !deref(specs, field.schema).readOnly);
                if (free && !lifted.has(field.sdkName)) {
                    lifted.set(field.sdkName, { member: field, via: [...via, member] });
                }
            }
            collect(inner.members.values(), [...via, member]);
        }
    };
    collect(shape.members.values(), []);

    for (const [key, item] of Object.entries(value)) {
        const member = direct.get(key);
        if (member && !lifted.has(key)) {
            wire[member.wireName] = valueToWire(
                context,
                item,
                member,
                [...inputPath, key],
                [...wirePath, member.wireName],
            );
            continue;
        }
        const flattened = lifted.get(key);
        if (flattened) {
            let container = wire;
            const containerPath: Segment[] = [...wirePath];
            for (const step of flattened.via) {
                containerPath.push(step.wireName);
                const next = container[step.wireName];
                if (!isNode(next)) {
                    container[step.wireName] = {};
                    // The container's fields are this object's inputs.
                    origins.set(keyOf(containerPath), inputPath);
                }
                container = container[step.wireName] as Record<string, unknown>;
            }
            const { member: field } = flattened;
            container[field.wireName] = valueToWire(
                context,
                item,
                field,
                [...inputPath, key],
                [...containerPath, field.wireName],
            );
            continue;
        }
        const flattenedMember = flattenedNames.get(key);
        if (flattenedMember) {
            const fields = (() => {
                const target = deref(specs, flattenedMember.schema);
                return target.unresolved
                    ? []
                    : [...shapeOf(specs, target).members.values()]
                          .filter((m) => !deref(specs, m.schema).readOnly)
                          .map((m) => m.sdkName);
            })();
            context.misplaced.push({
                inputPath: [...inputPath, key],
                kind: "unknown-property",
                message:
                    `${JSON.stringify(key)} is no azure-native input here: azure-native flattens it ` +
                    `(x-ms-client-flatten), so its fields are inputs of their own (${fields.join(", ")})`,
            });
            continue;
        }
        const renamed = shape.members.get(key);
        if (renamed) {
            // The wire name of a property azure-native names otherwise (`exp` for `expires`).
            context.misplaced.push({
                inputPath: [...inputPath, key],
                kind: "unknown-property",
                message: `${JSON.stringify(key)} is the wire name; azure-native's input is ${JSON.stringify(renamed.sdkName)}`,
            });
            continue;
        }
        wire[key] = item;
        origins.set(keyOf([...wirePath, key]), [...inputPath, key]);
    }
    return wire;
}

function valueToWire(
    context: WireContext,
    value: unknown,
    member: Member | { schema: Located; wireName?: undefined },
    inputPath: readonly Segment[],
    wirePath: readonly Segment[],
): unknown {
    const { specs, origins } = context;
    origins.set(keyOf(wirePath), inputPath);
    if (PLACEHOLDERS.has(value) || value === null || typeof value !== "object") {
        return value;
    }
    const schema = deref(specs, member.schema);
    if (schema.unresolved) {
        return value;
    }
    const shape = isObjectSchema(schema.node) ? shapeOf(specs, schema) : undefined;
    // azure-native takes `userAssignedIdentities` as a list of identity resource ids (its SDK types
    // it `pulumi.Input<string>[]`) and sends the map the spec describes (`additionalProperties`:
    // id → UserAssignedIdentity, `{}` in requests).
    if (
        member.wireName === "userAssignedIdentities" &&
        Array.isArray(value) &&
        shape &&
        typeof shape.additional === "object"
    ) {
        const map: Record<string, unknown> = {};
        (value as unknown[]).forEach((id, index) => {
            if (typeof id !== "string") {
                context.misplaced.push({
                    inputPath: [...inputPath, index],
                    kind: "type",
                    message: `expected an identity resource id (string), got ${typeOfValue(id)} ${describe(id)}`,
                });
                return;
            }
            map[id] = {};
            origins.set(keyOf([...wirePath, id]), [...inputPath, index]);
        });
        return map;
    }
    if (Array.isArray(value)) {
        const items = schema.node["items"];
        return (value as unknown[]).map((item, index) =>
            isNode(items)
                ? valueToWire(
                      context,
                      item,
                      { schema: { file: schema.file, node: items } },
                      [...inputPath, index],
                      [...wirePath, index],
                  )
                : item,
        );
    }
    if (!shape) {
        return value;
    }
    const object = value as Record<string, unknown>;
    if (shape.members.size === 0 && typeof shape.additional === "object") {
        const additional = shape.additional;
        origins.set(keyOf(wirePath), inputPath);
        return Object.fromEntries(
            Object.entries(object).map(([key, item]) => [
                key,
                valueToWire(context, item, { schema: additional }, [...inputPath, key], [...wirePath, key]),
            ]),
        );
    }
    return objectToWire(context, object, shape, inputPath, wirePath);
}

interface PathParameterCheck {
    readonly name: string;
    readonly value: unknown;
    readonly inputName: string;
    readonly schema: Located;
    /** Set when azure-native names the resource itself (no input): how the name was formed. */
    readonly autoNamed?: string;
}

/**
 * The name azure-native gives a resource whose name input is unset: the logical name and a random
 * suffix. The plan's mocks make the suffix deterministic (7 hex characters from the type and
 * logical name), so this is the very name the plan's ids carry.
 */
export function planAutoName(type: string, logicalName: string): string {
    return `${logicalName}-${digest(`${type}:${logicalName}`, 7)}`;
}

function buildRequest(
    specs: SpecSet,
    resource: PlanResourceEntry,
    operation: { template: string; parameters: Located[] },
): {
    request: ArmRequest;
    pathChecks: PathParameterCheck[];
    missing: string[];
    body: Located | undefined;
    misplaced: WireContext["misplaced"];
} {
    const inputs = { ...resource.inputs };
    const pathChecks: PathParameterCheck[] = [];
    const missing: string[] = [];
    const pathParameters: Record<string, string> = {};
    const variables = [...operation.template.matchAll(/\{([^}]+)\}/g)].map((match) => match[1] ?? "");
    const ownName = variables[variables.length - 1];
    let body: Located | undefined;
    for (const parameter of operation.parameters) {
        const { node } = parameter;
        if (node["in"] === "body" && isNode(node["schema"])) {
            body = { file: parameter.file, node: node["schema"] };
            continue;
        }
        const name = typeof node["name"] === "string" ? node["name"] : "";
        if (node["in"] !== "path" || PROVIDER_PARAMETERS.has(name)) {
            continue;
        }
        const clientName = typeof node["x-ms-client-name"] === "string" ? node["x-ms-client-name"] : undefined;
        const inputName = [name, sdkNameOf(name, clientName)].find((candidate) => candidate in inputs) ?? name;
        const value = inputs[inputName];
        delete inputs[inputName];
        if (value === undefined && name === ownName) {
            const autoName = planAutoName(resource.type, resource.name);
            pathParameters[name] = autoName;
            pathChecks.push({
                name,
                inputName,
                value: autoName,
                schema: parameter,
                autoNamed: `auto-named "${autoName}" from the logical name "${resource.name}"`,
            });
        } else if (value === undefined) {
            missing.push(name);
        } else {
            pathParameters[name] = typeof value === "string" ? value : JSON.stringify(value);
            if (!PLACEHOLDERS.has(value)) {
                pathChecks.push({ name, inputName, value, schema: parameter });
            }
        }
    }
    // For people (not encoded); a scope's leading "/" merges with the template's.
    const filled = operation.template
        .replace(/\{([^}]+)\}/g, (whole, name: string) => pathParameters[name] ?? whole)
        .replace(/^\/+/, "/");
    const context: WireContext = { specs, origins: new Map(), misplaced: [] };
    let wireBody: Record<string, unknown> = inputs;
    if (body) {
        const schema = deref(specs, body);
        if (!schema.unresolved && isObjectSchema(schema.node)) {
            wireBody = objectToWire(context, inputs, shapeOf(specs, schema), [], []);
        }
    }
    return {
        request: { method: "PUT", path: filled, pathParameters, body: wireBody, origins: context.origins },
        pathChecks,
        missing,
        body,
        misplaced: context.misplaced,
    };
}

// ---------------------------------------------------------------------------------------------
// Checking

const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;

function describe(value: unknown): string {
    const text = JSON.stringify(value);
    return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

function typeOfValue(value: unknown): string {
    if (Array.isArray(value)) {
        return "array";
    }
    if (typeof value === "number") {
        return Number.isInteger(value) ? "integer" : "number";
    }
    return typeof value;
}

function matchesType(expected: string, value: unknown): boolean {
    switch (expected) {
        case "string":
            return typeof value === "string";
        case "boolean":
            return typeof value === "boolean";
        case "integer":
            return typeof value === "number" && Number.isInteger(value);
        case "number":
            return typeof value === "number" && Number.isFinite(value);
        case "array":
            return Array.isArray(value);
        case "object":
            return isNode(value);
        default:
            return true;
    }
}

function compilePattern(pattern: string): RegExp | undefined {
    for (const flags of ["", "u"]) {
        try {
            return new RegExp(pattern, flags);
        } catch {
            // try the next flags
        }
    }
    return undefined;
}

interface CheckContext {
    readonly specs: SpecSet;
    readonly resource: PlanResourceEntry;
    readonly origins: ReadonlyMap<string, readonly Segment[]>;
    readonly problems: ArmProblem[];
    readonly unchecked: UncheckedValue[];
}

/** The input path of a wire path: recorded when the value came from an input, else derived. */
function inputPathOf(context: CheckContext, wirePath: readonly Segment[], sdkName?: string): string {
    const recorded = context.origins.get(keyOf(wirePath));
    if (recorded) {
        return formatPath(recorded);
    }
    const parent = context.origins.get(keyOf(wirePath.slice(0, -1)));
    const last = wirePath[wirePath.length - 1];
    if (parent && last !== undefined) {
        return formatPath([...parent, typeof last === "string" && sdkName ? sdkName : last]);
    }
    return formatPath(wirePath);
}

/** " (wire: properties.x)" when the wire path differs from the input path. */
function wireNote(inputPath: string, wirePath: readonly Segment[]): string {
    const wire = formatPath(wirePath);
    return wire !== inputPath && wire !== "" ? ` (wire: ${wire})` : "";
}

function report(
    context: CheckContext,
    kind: ProblemKind,
    wirePath: readonly Segment[],
    message: string,
    sdkName?: string,
): void {
    const where = inputPathOf(context, wirePath, sdkName);
    context.problems.push({
        urn: context.resource.urn,
        type: context.resource.type,
        path: where,
        kind,
        message: `${message}${wireNote(where, wirePath)}`,
    });
}

function checkScalar(
    report: (kind: ProblemKind, message: string) => void,
    node: Node,
    value: unknown,
    unchecked: (reason: string) => void,
): void {
    const values = Array.isArray(node["enum"]) ? (node["enum"] as unknown[]) : undefined;
    if (values && !values.includes(value)) {
        const xmsEnum = node["x-ms-enum"];
        const open = isNode(xmsEnum) && xmsEnum["modelAsString"] === true;
        const name = isNode(xmsEnum) && typeof xmsEnum["name"] === "string" ? `${xmsEnum["name"]} ` : "";
        const list = values.map((v) => JSON.stringify(v)).join(", ");
        report(
            open ? "not-a-documented-value" : "enum",
            open
                ? `${describe(value)} is not a documented ${name}value (${list}); the enum is open (modelAsString), so Azure may still accept it`
                : `${describe(value)} is not one of the ${name}values ${list}`,
        );
    }
    if (typeof value === "string") {
        const pattern = node["pattern"];
        if (typeof pattern === "string") {
            const regex = compilePattern(pattern);
            if (!regex) {
                unchecked(`pattern ${pattern} is not a JavaScript regular expression`);
            } else if (!regex.test(value)) {
                report("pattern", `${describe(value)} does not match the pattern ${pattern}`);
            }
        }
        const length = [...value].length;
        if (typeof node["minLength"] === "number" && length < node["minLength"]) {
            report("min-length", `${describe(value)} is ${length} characters, under the minimum ${node["minLength"]}`);
        }
        if (typeof node["maxLength"] === "number" && length > node["maxLength"]) {
            report("max-length", `${describe(value)} is ${length} characters, over the maximum ${node["maxLength"]}`);
        }
        if (node["format"] === "uuid" && !UUID.test(value)) {
            report("format", `${describe(value)} is not a UUID (format: uuid)`);
        }
        if (node["format"] === "date-time" && !DATE_TIME.test(value)) {
            report("format", `${describe(value)} is not an RFC 3339 date-time (format: date-time)`);
        }
    }
    if (typeof value === "number") {
        const { minimum, maximum } = node;
        const exclusiveMin = node["exclusiveMinimum"] === true;
        const exclusiveMax = node["exclusiveMaximum"] === true;
        if (typeof minimum === "number" && (exclusiveMin ? value <= minimum : value < minimum)) {
            report("minimum", `${value} is under the minimum ${exclusiveMin ? "(exclusive) " : ""}${minimum}`);
        }
        if (typeof maximum === "number" && (exclusiveMax ? value >= maximum : value > maximum)) {
            report("maximum", `${value} is over the maximum ${exclusiveMax ? "(exclusive) " : ""}${maximum}`);
        }
        if (node["format"] === "int32" && (value < -(2 ** 31) || value > 2 ** 31 - 1)) {
            report("format", `${value} does not fit a 32-bit integer (format: int32)`);
        }
    }
}

function checkValue(
    context: CheckContext,
    value: unknown,
    schema: Located,
    wirePath: readonly Segment[],
    sdkName?: string,
): void {
    if (value === undefined || value === null || PLACEHOLDERS.has(value)) {
        return;
    }
    const resolved = deref(context.specs, schema);
    const say = (kind: ProblemKind, message: string) => report(context, kind, wirePath, message, sdkName);
    if (resolved.readOnly && wirePath.length > 0) {
        const own = context.origins.get(keyOf(wirePath));
        const parent = context.origins.get(keyOf(wirePath.slice(0, -1)));
        if (isNode(value) && own && parent && keyOf(own) === keyOf(parent)) {
            // A read-only container azure-native flattens: its fields were inputs of the parent.
            for (const key of Object.keys(value)) {
                report(
                    context,
                    "read-only",
                    [...wirePath, key],
                    `${key} is read-only: Azure sets it, a request must not`,
                );
            }
            return;
        }
        say("read-only", `${formatPath(wirePath.slice(-1))} is read-only: Azure sets it, a request must not`);
        return;
    }
    if (resolved.unresolved) {
        context.unchecked.push({
            urn: context.resource.urn,
            type: context.resource.type,
            path: inputPathOf(context, wirePath, sdkName),
            reason: `its schema ${resolved.unresolved} is not in the vendored specs`,
        });
        return;
    }
    const { node } = resolved;
    const objectLike = isObjectSchema(node);
    const expected = typeof node["type"] === "string" ? node["type"] : objectLike ? "object" : undefined;
    if (expected && !matchesType(expected, value)) {
        say("type", `expected ${expected}, got ${typeOfValue(value)} ${describe(value)}`);
        return;
    }
    checkScalar(say, node, value, (reason) =>
        context.unchecked.push({
            urn: context.resource.urn,
            type: context.resource.type,
            path: inputPathOf(context, wirePath, sdkName),
            reason,
        }),
    );
    if (Array.isArray(value)) {
        if (typeof node["minItems"] === "number" && value.length < node["minItems"]) {
            say("min-items", `${value.length} items, under the minimum ${node["minItems"]}`);
        }
        if (typeof node["maxItems"] === "number" && value.length > node["maxItems"]) {
            say("max-items", `${value.length} items, over the maximum ${node["maxItems"]}`);
        }
        const items = node["items"];
        if (isNode(items)) {
            value.forEach((item, index) =>
                checkValue(context, item, { file: resolved.file, node: items }, [...wirePath, index]),
            );
        }
        return;
    }
    if (objectLike && isNode(value)) {
        checkObject(context, value, resolved, wirePath);
    }
}

function checkObject(context: CheckContext, value: Node, resolved: Resolved, wirePath: readonly Segment[]): void {
    const shape = shapeOf(context.specs, resolved);
    for (const reason of shape.unresolved) {
        context.unchecked.push({
            urn: context.resource.urn,
            type: context.resource.type,
            path: inputPathOf(context, wirePath),
            reason: `part of its schema (allOf ${reason}) is not in the vendored specs`,
        });
    }
    const where = resolved.definition ?? "the request body";
    for (const [key, item] of Object.entries(value)) {
        const member = shape.members.get(key);
        if (member) {
            checkValue(context, item, member.schema, [...wirePath, key], member.sdkName);
        } else if (typeof shape.additional === "object") {
            checkValue(context, item, shape.additional, [...wirePath, key]);
        } else if (shape.additional === false) {
            const names = [...shape.members.values()].map((m) => m.sdkName);
            const guess = suggest(key, [...names]);
            report(
                context,
                "unknown-property",
                [...wirePath, key],
                `${JSON.stringify(key)} is not a property of ${where}${guess ? `; did you mean ${JSON.stringify(guess)}?` : ""}`,
            );
        }
    }
    for (const name of shape.required) {
        if (value[name] === undefined) {
            const member = shape.members.get(name);
            const flattenNote = member?.flatten ? `; azure-native flattens it: set at least one of its fields` : "";
            report(
                context,
                "required",
                [...wirePath, name],
                `${where} requires ${JSON.stringify(member?.sdkName ?? name)}${flattenNote}`,
                member?.sdkName,
            );
        }
    }
}

function checkPathParameter(context: CheckContext, check: PathParameterCheck): void {
    const { node } = check.schema;
    const say = (kind: ProblemKind, message: string) =>
        context.problems.push({
            urn: context.resource.urn,
            type: context.resource.type,
            path: check.inputName,
            kind,
            message: `path parameter ${check.name}${check.autoNamed ? ` (${check.autoNamed})` : ""}: ${message}`,
        });
    if (node["type"] === "string" && typeof check.value !== "string") {
        say("type", `expected string, got ${typeOfValue(check.value)} ${describe(check.value)}`);
        return;
    }
    checkScalar(say, node, check.value, (reason) =>
        context.unchecked.push({
            urn: context.resource.urn,
            type: context.resource.type,
            path: check.inputName,
            reason,
        }),
    );
}

/** Rebuilds the request azure-native would send for `resource` (undefined: no mapped PUT). */
export function toArmRequest(resource: PlanResourceEntry, specs: SpecSet = new SpecSet()): ArmRequest | undefined {
    const mapped = OPERATIONS[resource.type];
    const operation = mapped ? specs.operation(mapped) : undefined;
    return operation ? buildRequest(specs, resource, operation).request : undefined;
}

/** Checks every resource of a plan document against the vendored ARM specs. */
export function validatePlan(
    document: Pick<PlanDocument, "resources">,
    specs: SpecSet = new SpecSet(),
): ArmConformanceReport {
    const problems: ArmProblem[] = [];
    const checked: CheckedResource[] = [];
    const skipped: SkippedResource[] = [];
    const unchecked: UncheckedValue[] = [];
    for (const resource of document.resources) {
        const mapped = OPERATIONS[resource.type];
        if (!mapped) {
            skipped.push({
                urn: resource.urn,
                type: resource.type,
                reason: resource.type.startsWith("azure-native:")
                    ? "no ARM operation mapped for this azure-native type (add it to OPERATIONS and vendor its spec)"
                    : "not an Azure resource: no ARM spec",
            });
            continue;
        }
        const operation = specs.operation(mapped);
        if (!operation) {
            skipped.push({
                urn: resource.urn,
                type: resource.type,
                reason: `the vendored ${mapped.spec} has no PUT operation ${mapped.operationId}`,
            });
            continue;
        }
        const { request, pathChecks, missing, body, misplaced } = buildRequest(specs, resource, operation);
        const context: CheckContext = { specs, resource, origins: request.origins, problems, unchecked };
        for (const name of missing) {
            problems.push({
                urn: resource.urn,
                type: resource.type,
                path: name,
                kind: "required",
                message: `path parameter ${name} of ${operation.template} is required`,
            });
        }
        for (const { inputPath, kind, message } of misplaced) {
            problems.push({ urn: resource.urn, type: resource.type, path: formatPath(inputPath), kind, message });
        }
        for (const check of pathChecks) {
            checkPathParameter(context, check);
        }
        if (body) {
            checkValue(context, request.body, body, []);
        } else if (Object.keys(request.body).length > 0) {
            for (const key of Object.keys(request.body)) {
                problems.push({
                    urn: resource.urn,
                    type: resource.type,
                    path: key,
                    kind: "unknown-property",
                    message: `${JSON.stringify(key)} is neither a path parameter nor a body property of ${mapped.operationId}`,
                });
            }
        }
        checked.push({
            urn: resource.urn,
            type: resource.type,
            operationId: mapped.operationId,
            spec: mapped.spec,
            apiVersion: operation.apiVersion,
        });
    }
    const waived: WaivedProblem[] = [];
    const inputsOf = new Map(document.resources.map((resource) => [resource.urn, resource.inputs]));
    const kept = problems.filter((problem) => {
        const defect = SPEC_DEFECTS.find(
            (d) =>
                d.type === problem.type &&
                d.kind === problem.kind &&
                d.paths.includes(problem.path) &&
                d.when(inputsOf.get(problem.urn) ?? {}),
        );
        if (defect) {
            waived.push({ ...problem, reason: defect.reason });
        }
        return !defect;
    });
    return { problems: kept, checked, skipped, unchecked, waived };
}

/** One line per problem, for people. */
export function formatProblems(problems: readonly ArmProblem[]): string {
    return problems.map((p) => `${p.urn} ${p.path}: [${p.kind}] ${p.message}`).join("\n");
}

/**
 * `node scripts/run-ts.js tools/armspec/validate.ts <plan.json>...` (`-` reads stdin): checks
 * documents written by `npm run plan -- --json`; exit 1 when any has a problem.
 */
export async function main(argv: readonly string[]): Promise<number> {
    if (argv.length === 0) {
        console.error("usage: node scripts/run-ts.js tools/armspec/validate.ts <plan.json|->...");
        return 64;
    }
    let failed = false;
    const specs = new SpecSet();
    for (const file of argv) {
        const text = file === "-" ? await readStdin() : fs.readFileSync(file, "utf8");
        const document = JSON.parse(text) as PlanDocument;
        const result = validatePlan(document, specs);
        console.log(
            `${document.stack ?? file}: ${result.checked.length} resources checked, ${result.skipped.length} skipped, ` +
                `${result.problems.length} problems, ${result.unchecked.length} values not checkable`,
        );
        for (const skip of result.skipped) {
            console.log(`  skipped ${skip.urn}: ${skip.reason}`);
        }
        for (const gap of result.unchecked) {
            console.log(`  not checked ${gap.urn} ${gap.path}: ${gap.reason}`);
        }
        for (const waived of result.waived ?? []) {
            console.log(`  waived ${waived.urn} ${waived.path}: ${waived.reason}`);
        }
        if (result.problems.length > 0) {
            console.log(formatProblems(result.problems).replace(/^/gm, "  "));
            failed = true;
        }
    }
    return failed ? 1 : 0;
}

async function readStdin(): Promise<string> {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) {
        chunks.push(chunk as Buffer);
    }
    return Buffer.concat(chunks).toString("utf8");
}

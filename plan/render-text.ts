/** The plan as a tree for people: component → children, with the inputs that matter. */
import { inputAt, type PlanDocument, type PlanPolicyReport, type PlanResourceEntry } from "./document";

/** Input paths worth showing per type; everything is in `--json`. */
const KEY_INPUTS: Readonly<Record<string, readonly string[]>> = {
    "azure-native:resources:ResourceGroup": ["location"],
    "azure-native:cognitiveservices:Account": [
        "accountName",
        "location",
        "kind",
        "properties.disableLocalAuth",
        "properties.publicNetworkAccess",
        "properties.restrictOutboundNetworkAccess",
        "properties.encryption.keySource",
    ],
    "azure-native:cognitiveservices:Deployment": [
        "deploymentName",
        "properties.model.name",
        "properties.model.version",
        "sku.name",
        "sku.capacity",
        "properties.versionUpgradeOption",
        "properties.raiPolicyName",
    ],
    "azure-native:keyvault:Vault": [
        "vaultName",
        "location",
        "properties.enableRbacAuthorization",
        "properties.enablePurgeProtection",
        "properties.softDeleteRetentionInDays",
        "properties.publicNetworkAccess",
    ],
    "azure-native:keyvault:Secret": ["secretName", "properties.contentType", "properties.value"],
    "azure-native:authorization:ManagementLockByScope": ["level"],
    "azure-native:authorization:RoleAssignment": ["roleDefinitionId", "principalType"],
    "azure-native:network:PrivateEndpoint": ["location"],
    "azure-native:privatedns:PrivateZone": ["privateZoneName"],
    "random:index/randomString:RandomString": ["length"],
};

function describe(resource: PlanResourceEntry, names: Map<string, string>): string {
    const details = (KEY_INPUTS[resource.type] ?? [])
        // Shown as their path without ARM's `properties.` (so `model.name` and `sku.name` stay apart).
        .map((key) => [key.replace(/^properties\./, ""), inputAt(resource.inputs, key)] as const)
        .filter(([, value]) => value !== undefined)
        .map(([key, value]) => `${key}=${typeof value === "string" ? value : JSON.stringify(value)}`);
    const flags = resource.protect ? ["protected"] : [];
    const after = resource.dependsOn
        .filter((urn) => urn !== resource.parent)
        .map((urn) => names.get(urn))
        .filter((name): name is string => name !== undefined);
    const extras = [...flags, ...(after.length > 0 ? [`after ${after.join(", ")}`] : [])];
    const suffix = [details.join(" "), extras.length > 0 ? `(${extras.join("; ")})` : ""].filter(Boolean).join(" ");
    return `${resource.type} ${resource.name}${suffix ? `  ${suffix}` : ""}`;
}

export function renderText(plan: PlanDocument): string {
    const children = new Map<string | null, PlanResourceEntry[]>();
    const urns = new Set(plan.resources.map((r) => r.urn));
    const names = new Map(plan.resources.map((r) => [r.urn, r.name]));
    for (const resource of plan.resources) {
        const parent = resource.parent && urns.has(resource.parent) ? resource.parent : null;
        const siblings = children.get(parent) ?? [];
        siblings.push(resource);
        children.set(parent, siblings);
    }
    const lines = [`Plan for ${plan.project}/${plan.stack}: ${plan.resources.length} resources`];
    const walk = (parent: string | null, indent: string): void => {
        const list = children.get(parent) ?? [];
        list.forEach((resource, index) => {
            const last = index === list.length - 1;
            lines.push(`${indent}${last ? "└─ " : "├─ "}${describe(resource, names)}`);
            walk(resource.urn, `${indent}${last ? "   " : "│  "}`);
        });
    };
    walk(null, "");
    lines.push("", "Outputs:", JSON.stringify(plan.outputs, null, 2));
    if (plan.warnings.length > 0) {
        lines.push("", `Warnings (${plan.warnings.length}):`, ...plan.warnings.map((w) => `  ! ${w}`));
    }
    if (plan.policy) {
        lines.push("", ...renderPolicy(plan.policy, names));
    }
    return lines.join("\n");
}

/** The policy pack's verdict: a summary line, then each violation with level, rule, resource and message. */
export function renderPolicy(report: PlanPolicyReport, names: ReadonlyMap<string, string> = new Map()): string[] {
    const mandatory = report.violations.filter((violation) => violation.level === "mandatory").length;
    const config = report.config ?? "no config file, rules at their defaults";
    const summary =
        report.violations.length === 0
            ? "no violations"
            : `${report.violations.length} violation${report.violations.length === 1 ? "" : "s"}, ${mandatory} mandatory`;
    const width = Math.max(0, ...report.violations.map((violation) => violation.level.length));
    return [
        `Policy ${report.pack} (${config}): ${report.evaluated} rules run, ${summary}`,
        ...report.violations.map((violation) => {
            const resource =
                names.get(violation.urn) ??
                (violation.urn.includes("::pulumi:pulumi:Stack::") ? "(stack)" : violation.urn.split("::").pop());
            return `  ${violation.level.padEnd(width)}  ${violation.policy}  ${resource ?? ""}: ${violation.message}`;
        }),
    ];
}

/**
 * Required tags on every tracked resource the stack creates (owner, cost centre, environment).
 *
 * Severity low. The product's own rule; Azure's built-in equivalent is "Require a tag on resources"
 * (871b6d14).
 */
import { resourcePolicy } from "../metadata";
import { configOf } from "../lib/policy";
import { isUnknown, read } from "../lib/values";

interface Config {
    readonly requiredTags: readonly string[];
}

const DEFAULTS: Config = { requiredTags: ["environment", "owner", "cost-center", "managed-by"] };

/**
 * Tracked ARM resources the platform creates: they carry tags in Azure and appear in cost reports.
 * Child resources (deployments, secrets, zone groups, role assignments) are not tracked resources.
 */
export const TAGGED_TYPES: readonly string[] = [
    "azure-native:resources:ResourceGroup",
    "azure-native:cognitiveservices:Account",
    "azure-native:keyvault:Vault",
    "azure-native:network:VirtualNetwork",
    "azure-native:network:PrivateEndpoint",
    "azure-native:privatedns:PrivateZone",
    "azure-native:operationalinsights:Workspace",
    "azure-native:managedidentity:UserAssignedIdentity",
    "azure-native:storage:StorageAccount",
    "azure-native:apimanagement:ApiManagementService",
    "azure-native:applicationinsights:Component",
];

export const anyResourceRequiredTags = resourcePolicy({
    name: "azure-any-resource-required-tags",
    description: `Tracked resources (${TAGGED_TYPES.map((type) => type.split(":").pop()).join(", ")}) carry every required tag with a non-empty value.`,
    enforcementLevel: "mandatory",
    severity: "low",
    origin: "product",
    publicIds: { azurePolicy: ["871b6d14"] },
    remediationSteps:
        "Set the missing tags (stack config `tags`: owner, costCenter, additional; the program adds environment " +
        "and managed-by) on every tracked resource, or change requiredTags in policies/config/<stack>.json.",
    configSchema: {
        properties: {
            requiredTags: {
                type: "array",
                items: { type: "string", minLength: 1 },
                uniqueItems: true,
                default: [...DEFAULTS.requiredTags],
                description: "Tag names every tracked resource must carry.",
            },
        },
    },
    validateResource: (args, reportViolation) => {
        if (!TAGGED_TYPES.includes(args.type)) {
            return args.notApplicable("Policy only applies to tracked resources that carry tags");
        }
        const tags = read(() => (args.props as { tags?: unknown }).tags);
        if (isUnknown(tags)) {
            return;
        }
        const record = typeof tags === "object" && tags !== null ? (tags as Record<string, unknown>) : {};
        const required = configOf(args, DEFAULTS).requiredTags;
        const missing = required.filter((tag) => {
            const value = read(() => record[tag]);
            // A tag whose value is not known yet is set.
            return !isUnknown(value) && !(typeof value === "string" && value.length > 0);
        });
        if (missing.length > 0) {
            reportViolation(`missing required tags: ${missing.join(", ")} (required: ${required.join(", ")}).`);
        }
    },
});

/**
 * Role assignments grant least privilege: never Owner, Contributor, User Access Administrator or
 * Role Based Access Control Administrator (data-plane roles such as Cognitive Services OpenAI User
 * or Key Vault Secrets User instead).
 *
 * Severity critical. The product's own rule (COMPLIANCE.md: "no Owner/Contributor for
 * consumers"); MCSB PA-7 (least privilege).
 */
import { resourcePolicy } from "../metadata";
import { configOf, validateType } from "../lib/policy";
import { PRIVILEGED_ROLES, roleGuid } from "../lib/roles";
import { type RoleAssignmentProps, TYPES } from "../lib/types";
import { isUnknown, read, shown } from "../lib/values";

interface Config {
    readonly forbiddenRoleDefinitionIds: readonly string[];
}

const DEFAULTS: Config = { forbiddenRoleDefinitionIds: Object.keys(PRIVILEGED_ROLES) };

export const roleAssignmentLeastPrivilege = resourcePolicy({
    name: "azure-authorization-roleassignment-least-privilege",
    description:
        "Role assignments do not grant a forbidden role (default: Owner, Contributor, User Access Administrator, " +
        "Role Based Access Control Administrator).",
    enforcementLevel: "mandatory",
    severity: "critical",
    origin: "product",
    publicIds: { mcsb: ["PA-7"] },
    remediationSteps:
        "Grant the narrowest data-plane role instead: Cognitive Services OpenAI User to call models, Key Vault " +
        "Secrets User to read secrets, Key Vault Crypto Service Encryption User for a customer-managed key.",
    configSchema: {
        properties: {
            forbiddenRoleDefinitionIds: {
                type: "array",
                items: { type: "string", pattern: "^[0-9a-fA-F-]{36}$" },
                uniqueItems: true,
                default: [...DEFAULTS.forbiddenRoleDefinitionIds],
                description: "Role definition GUIDs that must not be assigned.",
            },
        },
    },
    validateResource: validateType<RoleAssignmentProps>(TYPES.roleAssignment, (assignment, args, reportViolation) => {
        const roleDefinitionId = read(() => assignment.roleDefinitionId);
        if (isUnknown(roleDefinitionId)) {
            return;
        }
        if (typeof roleDefinitionId !== "string" || roleDefinitionId.length === 0) {
            reportViolation(`roleDefinitionId is ${shown(roleDefinitionId)}: name the role to grant.`);
            return;
        }
        const guid = roleGuid(roleDefinitionId);
        const forbidden = configOf(args, DEFAULTS).forbiddenRoleDefinitionIds.map((id) => id.toLowerCase());
        if (forbidden.includes(guid)) {
            const role = PRIVILEGED_ROLES[guid] ?? "a forbidden role";
            reportViolation(
                `roleDefinitionId grants ${role} (${guid}): it manages far more than an application needs; grant a ` +
                    "data-plane role such as Cognitive Services OpenAI User or Key Vault Secrets User.",
            );
        }
    }),
});

/**
 * Built-in Azure roles that must never be granted by this platform: they manage everything or hand
 * out access. Ids from Microsoft Learn, "Azure built-in roles" (azure/role-based-access-control/
 * built-in-roles/general and /privileged): the role definition's `name` GUID is the same in every
 * tenant and subscription.
 */
export const PRIVILEGED_ROLES: Readonly<Record<string, string>> = {
    "8e3af657-a8ff-443c-a75c-2fe8c4bcb635": "Owner",
    "b24988ac-6180-42a0-ab88-20f7382dd24c": "Contributor",
    "18d7d88d-d35e-4fb5-a5c3-7773c20a72d9": "User Access Administrator",
    "f58310d9-a9f6-439a-9e8d-f62e7b41a168": "Role Based Access Control Administrator",
};

/** The GUID at the end of a role definition id ("/subscriptions/<sub>/providers/…/roleDefinitions/<guid>"). */
export function roleGuid(roleDefinitionId: string): string {
    return (roleDefinitionId.replace(/\/+$/, "").split("/").pop() ?? "").toLowerCase();
}

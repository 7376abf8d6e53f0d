/** Microsoft Entra identities as the config names them: object ids and principal types (access and gateway). */
import { z } from "zod";
import type { Problem } from "./rules";

/** An Entra object id (a GUID). */
export const GUID_PATTERN = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

export const principalTypeSchema = z
    .enum(["User", "Group", "ServicePrincipal"])
    .meta({ description: "What the object is." });
export type PrincipalType = z.output<typeof principalTypeSchema>;

/** A problem for each principal listed again (object ids compare case-insensitively), at `keyOf(index)`. */
export function repeatedPrincipals(
    principals: readonly { readonly objectId: string }[],
    keyOf: (index: number) => string,
    allowed: string,
): Problem[] {
    const seen = new Set<string>();
    return principals.flatMap((principal, index) => {
        const id = principal.objectId.toLowerCase();
        const again = seen.has(id);
        seen.add(id);
        return again ? [{ key: keyOf(index), given: `${JSON.stringify(principal.objectId)} again`, allowed }] : [];
    });
}

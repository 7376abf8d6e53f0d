/** Microsoft Entra identities as the config names them: object ids and principal types (access and gateway). */
import { z } from "zod";

/** An Entra object id (a GUID). */
export const GUID_PATTERN = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

export const principalTypeSchema = z
    .enum(["User", "Group", "ServicePrincipal"])
    .meta({ description: "What the object is." });
export type PrincipalType = z.output<typeof principalTypeSchema>;

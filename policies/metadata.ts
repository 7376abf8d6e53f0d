/**
 * The metadata every rule of the pack carries beside Pulumi's own policy fields: severity,
 * remediation steps and the public rules it corresponds to. `policies/README.md`'s rule table is
 * generated from it (`policies/scripts/rules-table.ts`).
 */
import type {
    EnforcementLevel,
    PolicyConfigSchema,
    ResourceValidation,
    ResourceValidationPolicy,
    Severity,
    StackValidationPolicy,
} from "@pulumi/policy";

/** Public rules a policy corresponds to (see COMPLIANCE.md). */
export interface PublicIds {
    /** Azure Policy built-in definitions: the first 8 hex digits of the definition id. */
    readonly azurePolicy?: readonly string[];
    /** Checkov check ids, e.g. CKV_AZURE_236. */
    readonly checkov?: readonly string[];
    /** Trivy/defsec ids, e.g. AVD-AZU-0016. */
    readonly trivy?: readonly string[];
    /** Microsoft cloud security benchmark controls, e.g. IM-1. */
    readonly mcsb?: readonly string[];
    /** Anything else worth citing (a preview initiative, Microsoft guidance). */
    readonly other?: readonly string[];
}

export interface RuleMetadata {
    /** Where the rule comes from: a row of COMPLIANCE.md ("row 1") or "product". */
    readonly origin: string;
    readonly publicIds: PublicIds;
}

interface PackFields extends RuleMetadata {
    enforcementLevel: EnforcementLevel;
    severity: Severity;
    remediationSteps: string;
    tags: string[];
}

export type PackResourcePolicy = ResourceValidationPolicy & PackFields & { validateResource: ResourceValidation };

export type PackStackPolicy = StackValidationPolicy & PackFields;

export type PackPolicy = PackResourcePolicy | PackStackPolicy;

/** Public ids as display strings: "AP 71ef260a", "CKV_AZURE_236", "AVD-AZU-0016", "MCSB IM-1". */
export function publicIdList(ids: PublicIds): string[] {
    return [
        ...(ids.azurePolicy ?? []).map((id) => `AP ${id}`),
        ...(ids.checkov ?? []),
        ...(ids.trivy ?? []),
        ...(ids.mcsb ?? []).map((id) => `MCSB ${id}`),
        ...(ids.other ?? []),
    ];
}

type Definition<P> = Omit<P, "tags"> & { readonly configSchema?: PolicyConfigSchema };

/** A resource policy of the pack; its tags (shown by Pulumi Cloud) are its public ids. */
export function resourcePolicy(definition: Definition<PackResourcePolicy>): PackResourcePolicy {
    return { ...definition, tags: publicIdList(definition.publicIds) };
}

/** A stack policy of the pack; its tags (shown by Pulumi Cloud) are its public ids. */
export function stackPolicy(definition: Definition<PackStackPolicy>): PackStackPolicy {
    return { ...definition, tags: publicIdList(definition.publicIds) };
}

export function isStackPolicy(policy: PackPolicy): policy is PackStackPolicy {
    return "validateStack" in policy && typeof policy.validateStack === "function";
}

/** One stack policy per target type: every account (vault) has a private endpoint. */
import type { PolicyResource } from "@pulumi/policy";
import { type PackStackPolicy, type PublicIds, stackPolicy } from "../metadata";
import { endpointRelation } from "./links";
import { label, ofType, strongest } from "./relations";
import { TYPES } from "./types";

export interface PrivateEndpointRule {
    readonly name: string;
    readonly targetType: string;
    /** "account" or "vault": the word in messages and the private-link group id. */
    readonly groupId: string;
    readonly zones: string;
    readonly origin: string;
    readonly publicIds: PublicIds;
}

export function privateEndpointPolicy(rule: PrivateEndpointRule): PackStackPolicy {
    return stackPolicy({
        name: rule.name,
        description:
            `Every ${rule.groupId} has a private endpoint: a network.PrivateEndpoint whose ` +
            `privateLinkServiceConnections target it with group id "${rule.groupId}".`,
        enforcementLevel: "mandatory",
        severity: "high",
        origin: rule.origin,
        publicIds: rule.publicIds,
        remediationSteps:
            `Create a private endpoint in the platform's subnet for the ${rule.groupId} (group id "${rule.groupId}") ` +
            `with a private DNS zone group for ${rule.zones}; then disable public network access.`,
        validateStack: (args, reportViolation) => {
            const endpoints = ofType(args.resources, TYPES.privateEndpoint);
            for (const target of ofType(args.resources, rule.targetType)) {
                const relation = strongest(
                    endpoints.map((endpoint: PolicyResource) => endpointRelation(endpoint, target, rule.groupId)),
                );
                if (relation === "no") {
                    reportViolation(
                        `${rule.groupId} ${label(target)} has no private endpoint (no private endpoint of the ` +
                            `stack connects to it with group id "${rule.groupId}"): clients can reach it only over ` +
                            "its public endpoint.",
                        target.urn,
                    );
                }
            }
        },
    });
}

/**
 * Every member of a backend pool has a circuit breaker that trips on 429 and 5xx and honours
 * Retry-After.
 *
 * Severity medium. Microsoft Learn "Backends in API Management" (circuit breaker, acceptRetryAfter,
 * backend pools): with priority-based pools, traffic moves to the failover group only when every
 * member of the higher priority has tripped, so a member without a breaker never fails over.
 */
import type { PolicyResource } from "@pulumi/policy";
import { stackPolicy } from "../metadata";
import { APIM_TYPES, type BackendProps, type CircuitBreakerRule, stringInput } from "../lib/apim";
import { label, ofType } from "../lib/relations";
import { isUnknown, read, readList } from "../lib/values";

const covers = (rule: CircuitBreakerRule, min: number, max: number): boolean =>
    (rule.failureCondition?.statusCodeRanges ?? []).some(
        (range) =>
            typeof range.min === "number" && typeof range.max === "number" && range.min <= min && range.max >= max,
    );

/** What is missing from a member's breaker, or undefined when it qualifies. */
export function breakerGap(props: BackendProps): string | undefined {
    const rules = props.circuitBreaker?.rules ?? [];
    if (rules.length === 0) {
        return "no circuit breaker";
    }
    const good = rules.find(
        (rule) => covers(rule, 429, 429) && covers(rule, 500, 599) && rule.acceptRetryAfter === true,
    );
    return good
        ? undefined
        : "a circuit breaker without a rule that counts 429 and 500-599 with acceptRetryAfter: true";
}

function memberOf(id: string, backends: readonly PolicyResource[]): PolicyResource | undefined {
    const lowered = id.toLowerCase().replace(/\/+$/, "");
    return backends.find((backend) => {
        const backendId = stringInput(backend, "backendId");
        return typeof backendId === "string" && lowered.endsWith(`/backends/${backendId.toLowerCase()}`);
    });
}

export const backendCircuitBreaker = stackPolicy({
    name: "azure-apimanagement-backend-circuit-breaker",
    description:
        "Every API Management backend pool has members, and each member has a circuit breaker rule that trips on 429 " +
        "and 500-599 and honours Retry-After (acceptRetryAfter: true).",
    enforcementLevel: "mandatory",
    severity: "medium",
    origin: "product",
    publicIds: { other: ["Microsoft Learn: API Management backends, circuit breaker"] },
    remediationSteps:
        "Give each pool member circuitBreaker.rules[0] with failureCondition.statusCodeRanges [{min: 429, max: 429}, " +
        "{min: 500, max: 599}], a count or percentage, an interval, tripDuration and acceptRetryAfter: true.",
    validateStack: (args, reportViolation) => {
        const backends = ofType(args.resources, APIM_TYPES.backend);
        for (const pool of backends) {
            const type = read(() => (pool.props as BackendProps).type);
            if (isUnknown(type) || typeof type !== "string" || type.toLowerCase() !== "pool") {
                continue;
            }
            const services = readList(() => (pool.props as BackendProps).pool?.services);
            if (isUnknown(services)) {
                continue;
            }
            if (services.length === 0) {
                reportViolation(`backend pool ${label(pool)} has no members.`, pool.urn);
                continue;
            }
            for (const service of services) {
                const id = read(() => service.id);
                if (isUnknown(id) || typeof id !== "string") {
                    continue;
                }
                const member = memberOf(id, backends);
                if (!member) {
                    reportViolation(
                        `backend pool ${label(pool)} has member ${id}, which is not a backend of this stack, so its ` +
                            "circuit breaker cannot be checked; pool the stack's own backends.",
                        pool.urn,
                    );
                    continue;
                }
                const props = read(() => JSON.parse(JSON.stringify(member.props)) as BackendProps);
                if (isUnknown(props)) {
                    continue;
                }
                const gap = breakerGap(props);
                if (gap) {
                    reportViolation(
                        `backend ${label(member)} in pool ${label(pool)} has ${gap}: a throttled or failing account ` +
                            "keeps receiving traffic instead of failing over.",
                        member.urn,
                    );
                }
            }
        }
    },
});

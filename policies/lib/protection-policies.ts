/**
 * Guards against deleting the stateful resources applications depend on (accounts, the vault): a
 * CanNotDelete (or ReadOnly) management lock, and Pulumi's `protect`. One policy per target type.
 */
import { type PackResourcePolicy, type PackStackPolicy, resourcePolicy, stackPolicy } from "../metadata";
import { lockRelation } from "./links";
import { label, ofType } from "./relations";
import { type LockProps, TYPES } from "./types";
import { isUnknown, read } from "./values";

export interface ProtectionRule {
    readonly name: string;
    readonly targetType: string;
    /** "account" or "vault", for messages. */
    readonly noun: string;
    /** What is lost with it, for messages. */
    readonly loss: string;
}

const LOCK_LEVELS: readonly string[] = ["CanNotDelete", "ReadOnly"];

export function deleteLockPolicy(rule: ProtectionRule): PackStackPolicy {
    return stackPolicy({
        name: rule.name,
        description: `Every ${rule.noun} has a CanNotDelete (or ReadOnly) management lock scoped to it.`,
        enforcementLevel: "mandatory",
        severity: "medium",
        origin: "product",
        publicIds: { other: ["AVM lock.tf"] },
        remediationSteps:
            `Add an authorization.ManagementLockByScope with scope set to the ${rule.noun}'s id and level ` +
            '"CanNotDelete" (stack config protection.deleteLocks: true).',
        validateStack: (args, reportViolation) => {
            const locks = ofType(args.resources, TYPES.lock);
            for (const target of ofType(args.resources, rule.targetType)) {
                let maybe = false;
                let locked = false;
                for (const lock of locks) {
                    const relation = lockRelation(lock, target);
                    const level = read(() => (lock.props as LockProps).level);
                    if (
                        relation === "yes" &&
                        (isUnknown(level) || (typeof level === "string" && LOCK_LEVELS.includes(level)))
                    ) {
                        locked = true;
                    } else if (relation === "maybe") {
                        maybe = true;
                    }
                }
                if (!locked && !maybe) {
                    reportViolation(
                        `${rule.noun} ${label(target)} has no CanNotDelete management lock: deleting it (by hand or ` +
                            `by a mistaken update) loses ${rule.loss} at once.`,
                        target.urn,
                    );
                }
            }
        },
    });
}

export function protectedPolicy(rule: ProtectionRule): PackResourcePolicy {
    return resourcePolicy({
        name: rule.name,
        description: `Every ${rule.noun} is protected in Pulumi (resource option protect: true).`,
        enforcementLevel: "mandatory",
        severity: "medium",
        origin: "product",
        publicIds: {},
        remediationSteps:
            `Set the resource option protect: true on the ${rule.noun} (stack config protection.protect: true); ` +
            "`pulumi destroy` and replacements then stop until it is unprotected deliberately.",
        validateResource: (args, reportViolation) => {
            if (args.type !== rule.targetType) {
                return args.notApplicable(`Policy only applies to resources of type '${rule.targetType}'`);
            }
            if (args.opts.protect !== true) {
                reportViolation(
                    `the ${rule.noun} is not protected (protect is ${String(args.opts.protect)}): a destroy or a ` +
                        `replacement would delete it, and ${rule.loss} with it.`,
                );
            }
        },
    });
}

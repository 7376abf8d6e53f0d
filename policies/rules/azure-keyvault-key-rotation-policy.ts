/**
 * Key Vault keys rotate automatically, soon enough.
 *
 * Severity medium. Mirrors Azure Policy d8cf8476 "Keys should have a rotation policy ensuring that
 * their rotation is scheduled within the specified number of days after creation"; COMPLIANCE.md
 * row 18.
 */
import { resourcePolicy } from "../metadata";
import { durationDays } from "../lib/durations";
import { configOf, validateType } from "../lib/policy";
import { type KeyProps, type LifetimeAction, TYPES } from "../lib/types";
import { isUnknown, read, readList } from "../lib/values";

interface Config {
    readonly maximumDaysToRotate: number;
}

const DEFAULTS: Config = { maximumDaysToRotate: 365 };

/** Days after creation at which an action fires, or undefined when it cannot be told. */
function rotationDays(action: LifetimeAction, expiryTime: unknown): number | undefined {
    const afterCreate = action.trigger?.timeAfterCreate;
    if (typeof afterCreate === "string") {
        return durationDays(afterCreate);
    }
    const beforeExpiry = action.trigger?.timeBeforeExpiry;
    const lifetime = typeof expiryTime === "string" ? durationDays(expiryTime) : undefined;
    const before = typeof beforeExpiry === "string" ? durationDays(beforeExpiry) : undefined;
    return lifetime !== undefined && before !== undefined ? lifetime - before : undefined;
}

export const keyRotationPolicy = resourcePolicy({
    name: "azure-keyvault-key-rotation-policy",
    description:
        'Key Vault keys have a rotation policy with a "rotate" action that fires within maximumDaysToRotate days ' +
        "of creation.",
    enforcementLevel: "mandatory",
    severity: "medium",
    origin: "row 18",
    publicIds: { azurePolicy: ["d8cf8476"] },
    remediationSteps:
        'Add properties.rotationPolicy.lifetimeActions with { action: { type: "rotate" }, trigger: { timeAfterCreate: ' +
        '"P365D" } } (or timeBeforeExpiry with an expiryTime); accounts using the key without a version follow it.',
    configSchema: {
        properties: {
            maximumDaysToRotate: {
                type: "integer",
                minimum: 1,
                default: DEFAULTS.maximumDaysToRotate,
                description: "Most days after creation before a key must be rotated.",
            },
        },
    },
    validateResource: validateType<KeyProps>(TYPES.key, (key, args, reportViolation) => {
        const actions = readList(() => key.properties?.rotationPolicy?.lifetimeActions);
        const expiryTime = read(() => key.properties?.rotationPolicy?.attributes?.expiryTime);
        if (isUnknown(actions) || isUnknown(expiryTime)) {
            return;
        }
        const rotations = read(() =>
            actions
                .filter(
                    (action) =>
                        typeof action.action?.type === "string" && action.action.type.toLowerCase() === "rotate",
                )
                .map((action) => rotationDays(action, expiryTime)),
        );
        if (isUnknown(rotations)) {
            return;
        }
        if (rotations.length === 0) {
            reportViolation(
                'properties.rotationPolicy has no lifetime action of type "rotate": the key is never rotated ' +
                    "automatically.",
            );
            return;
        }
        const maximum = configOf(args, DEFAULTS).maximumDaysToRotate;
        const days = rotations.filter((value): value is number => value !== undefined);
        if (days.length === 0) {
            reportViolation(
                "properties.rotationPolicy's rotate action has no trigger Key Vault can schedule (timeAfterCreate, " +
                    "or timeBeforeExpiry with attributes.expiryTime, as ISO 8601 durations such as P90D).",
            );
        } else if (Math.min(...days) > maximum) {
            reportViolation(
                `properties.rotationPolicy rotates the key ${Math.min(...days)} days after creation, later than the ` +
                    `${maximum} days allowed.`,
            );
        }
    }),
});

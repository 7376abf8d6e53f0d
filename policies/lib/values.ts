/**
 * Reading resource properties the way a preview allows. During `pulumi preview` the engine wraps
 * every resource's properties in an unknown-checking proxy: reading a value that is not known yet
 * (an output of a resource not created yet) throws `UnknownValueError`, and the policy is reported
 * as "can't run during preview". Rules read through `read()` instead, so that an unknown value is a
 * value like any other — and a rule that meets one skips the check rather than failing or reporting
 * a violation it cannot prove.
 */
import * as policySdk from "@pulumi/policy";

/**
 * @pulumi/policy 1.21 ships `proxy.d.ts` as `export {}`, so its two proxy exports have no types:
 * they are typed here once.
 */
const proxy = policySdk as unknown as {
    readonly UnknownValueError: abstract new (...args: never[]) => Error;
    readonly unknownCheckingProxy: <T extends object>(value: T) => T;
};

/** `unknownCheckingProxy` from @pulumi/policy, typed. */
export const unknownCheckingProxy = proxy.unknownCheckingProxy;

/** True for the error the unknown-checking proxy throws. */
export function isUnknownValueError(error: unknown): boolean {
    return error instanceof proxy.UnknownValueError;
}

/** Marks a value that is not known yet (only during a preview). */
export const UNKNOWN: unique symbol = Symbol("unknown");
export type Unknown = typeof UNKNOWN;

/** Runs `get`; returns `UNKNOWN` when it touches a value that is not known yet. */
export function read<T>(get: () => T): T | Unknown {
    try {
        return get();
    } catch (error) {
        if (isUnknownValueError(error)) {
            return UNKNOWN;
        }
        throw error;
    }
}

export function isUnknown(value: unknown): value is Unknown {
    return value === UNKNOWN;
}

/** A value for a message: JSON for what is set, "not set" for undefined. */
export function shown(value: unknown): string {
    return value === undefined ? "not set" : JSON.stringify(value);
}

/** The string when `value` is a non-empty string, otherwise undefined. */
export function nonEmptyString(value: unknown): string | undefined {
    return typeof value === "string" && value.length > 0 ? value : undefined;
}

/**
 * Reads a list without touching unknown elements' insides: returns UNKNOWN when the list itself is
 * not known, otherwise its elements (each of which may still hold unknown values).
 */
export function readList<T>(get: () => readonly T[] | undefined): readonly T[] | Unknown {
    const list = read(get);
    if (isUnknown(list)) {
        return UNKNOWN;
    }
    return Array.isArray(list) ? read(() => [...(list as readonly T[])]) : [];
}

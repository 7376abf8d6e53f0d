/**
 * What went wrong with one smoke request, and what to do about it. `classify` reads what the
 * official client threw (status, Azure's error body, headers); `advise` turns that into one line a
 * platform engineer can act on, using what the stack declares (names, capacity, content filter).
 */
import { STATUS_CODES } from "node:http";
import { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from "openai";
import type { SmokeDeployment, SmokeRegion } from "./outputs";

/** The built-in role that lets a principal call deployments (data actions only). */
export const OPENAI_USER_ROLE = "Cognitive Services OpenAI User";

/** The token provider failed (no credential found, sign-in expired): raised around it by run.ts. */
export class TokenUnavailableError extends Error {}

export type Failure =
    | { readonly kind: "no-token"; readonly message: string }
    | { readonly kind: "auth"; readonly status: number; readonly code: string; readonly message: string }
    | { readonly kind: "network-denied"; readonly status: number; readonly message: string }
    | { readonly kind: "not-found"; readonly code: string; readonly message: string }
    | { readonly kind: "throttled"; readonly retryAfterMs?: number; readonly message: string }
    | { readonly kind: "content-filter"; readonly where: "prompt" | "completion"; readonly categories: string[] }
    | { readonly kind: "timeout" }
    | { readonly kind: "connection"; readonly message: string }
    | { readonly kind: "refused"; readonly status: number; readonly code: string; readonly message: string }
    | { readonly kind: "service"; readonly status: number; readonly code: string; readonly message: string };

export interface Classified {
    readonly failure: Failure;
    readonly requestId?: string;
}

type Raw = Record<string, unknown>;

function asObject(value: unknown): Raw | undefined {
    return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Raw) : undefined;
}

/** The Azure request id of a response: `apim-request-id` (the inference spec's header), else x-request-id. */
export function requestIdOf(headers: Headers | undefined): string | undefined {
    return headers?.get("apim-request-id") ?? headers?.get("x-request-id") ?? undefined;
}

/** Milliseconds the service asks to wait: `retry-after-ms`, else `retry-after` (seconds or a date). */
export function retryAfterMs(headers: Headers | undefined, now: number = Date.now()): number | undefined {
    const ms = Number(headers?.get("retry-after-ms") ?? Number.NaN);
    if (Number.isFinite(ms) && ms >= 0) {
        return ms;
    }
    const value = headers?.get("retry-after");
    if (!value) {
        return undefined;
    }
    const seconds = Number(value);
    if (Number.isFinite(seconds) && seconds >= 0) {
        return seconds * 1000;
    }
    const date = Date.parse(value);
    return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** Categories a content filter result marks `filtered: true`, e.g. ["violence (medium)"]. */
export function filteredCategories(results: unknown): string[] {
    const categories: string[] = [];
    for (const [category, result] of Object.entries(asObject(results) ?? {})) {
        const entry = asObject(result);
        if (entry?.["filtered"] === true) {
            const severity = typeof entry["severity"] === "string" ? ` (${entry["severity"]})` : "";
            categories.push(`${category}${severity}`);
        }
    }
    return categories;
}

const NETWORK_DENIAL = /virtual network|firewall|private endpoint|public access is disabled|not from an approved/i;

export function classify(error: unknown): Classified {
    // The client wraps what the token provider threw in an OpenAIError whose cause it is.
    const tokenError = [error, (error as { cause?: unknown } | undefined)?.cause].find(
        (e) => e instanceof TokenUnavailableError,
    );
    if (tokenError) {
        return { failure: { kind: "no-token", message: tokenError.message.split("\n")[0] ?? "" } };
    }
    // The only abort is the smoke test's own per-request deadline.
    if (error instanceof APIConnectionTimeoutError || error instanceof APIUserAbortError) {
        return { failure: { kind: "timeout" } };
    }
    if (error instanceof APIConnectionError) {
        const cause = (error as { cause?: { cause?: { code?: string }; code?: string; message?: string } }).cause;
        const code = cause?.cause?.code ?? cause?.code;
        return { failure: { kind: "connection", message: code ?? cause?.message ?? error.message } };
    }
    if (!(error instanceof APIError) || error.status === undefined) {
        return { failure: { kind: "connection", message: error instanceof Error ? error.message : String(error) } };
    }
    const status = Number(error.status);
    const headers = error.headers instanceof Headers ? error.headers : undefined;
    const requestId = requestIdOf(headers);
    const body = asObject(asObject(error.error)?.["error"]) ?? asObject(error.error) ?? {};
    // Azure's code, or the status's name when the code only repeats the number ("401").
    const code =
        typeof body["code"] === "string" && body["code"] !== String(status)
            ? body["code"]
            : (STATUS_CODES[status] ?? String(status)).replace(/ /g, "");
    const message = typeof body["message"] === "string" ? body["message"] : error.message;
    const withId = (failure: Failure): Classified => (requestId ? { failure, requestId } : { failure });
    const inner = asObject(body["inner_error"]);
    if (status === 400 && (code === "content_filter" || inner?.["code"] === "ResponsibleAIPolicyViolation")) {
        return withId({
            kind: "content-filter",
            where: "prompt",
            categories: filteredCategories(inner?.["content_filter_results"]),
        });
    }
    if (status === 403 && NETWORK_DENIAL.test(message)) {
        return withId({ kind: "network-denied", status: 403, message });
    }
    if (status === 401 || status === 403) {
        return withId({ kind: "auth", status: status, code, message });
    }
    if (status === 404) {
        return withId({ kind: "not-found", code, message });
    }
    if (status === 429) {
        const wait = retryAfterMs(headers);
        return withId({ kind: "throttled", ...(wait === undefined ? {} : { retryAfterMs: wait }), message });
    }
    if (status >= 500) {
        return withId({ kind: "service", status: status, code, message });
    }
    return withId({ kind: "refused", status: status, code, message });
}

/** How the endpoint's host name resolved, for timeouts and connection failures. */
export interface Resolution {
    readonly addresses: readonly string[];
    readonly error?: string;
}

/** RFC 1918, shared, link-local and unique-local ranges: where a private endpoint's address lives. */
export function isPrivateAddress(address: string): boolean {
    if (/^(10\.|192\.168\.|127\.|169\.254\.)/.test(address)) {
        return true;
    }
    const match = /^172\.(\d+)\./.exec(address);
    if (match && Number(match[1]) >= 16 && Number(match[1]) <= 31) {
        return true;
    }
    return /^(f[cd][0-9a-f]{2}:|fe80:|::1$)/i.test(address);
}

export interface AdviceContext {
    readonly region: SmokeRegion;
    readonly deployment: SmokeDeployment;
    /** Total time spent waiting before the last attempt (back-off, Retry-After). */
    readonly waitedMs: number;
    readonly attempts: number;
    readonly timeoutMs: number;
    /** The total wait allowed on 429s for one deployment. */
    readonly throttleWaitMs: number;
    readonly apiVersion: string;
    readonly resolution?: Resolution;
}

function seconds(ms: number): string {
    return ms >= 10_000 ? `${Math.round(ms / 1000)} s` : `${(ms / 1000).toFixed(1).replace(/\.0$/, "")} s`;
}

function hostOf(endpoint: string): string {
    return new URL(endpoint).hostname;
}

function dnsAdvice(context: AdviceContext): string {
    const host = hostOf(context.region.endpoint);
    const resolution = context.resolution;
    if (!resolution || resolution.error) {
        return `${host} does not resolve (${resolution?.error ?? "not checked"}): check the runner's DNS.`;
    }
    const shown = resolution.addresses.join(", ");
    const allPrivate = resolution.addresses.every(isPrivateAddress);
    if (context.region.privateEndpoint && !allPrivate) {
        return (
            `${host} resolves to ${shown}, a public address, but the stack is private: the runner must use the ` +
            `private DNS zone linked to the stack's network (privatelink.openai.azure.com), i.e. sit in that ` +
            `network or one peered with it and resolve through it.`
        );
    }
    if (context.region.privateEndpoint) {
        return `${host} resolves to ${shown} (private, as the stack is): check routing and NSGs from the runner to the private endpoint.`;
    }
    return `${host} resolves to ${shown} (${allPrivate ? "private" : "public"}): check the account's IP rules allow the runner's egress address.`;
}

/** One line: what the failure means for this deployment and what to do. */
export function advise(failure: Failure, context: AdviceContext): string {
    const { region, deployment } = context;
    const tries = `${context.attempts} ${context.attempts === 1 ? "try" : "tries"}`;
    switch (failure.kind) {
        case "no-token":
            return (
                `No Entra ID token (${failure.message}): sign in where DefaultAzureCredential looks (az login, ` +
                `workload identity, managed identity), or set AZURE_OPENAI_AD_TOKEN.`
            );
        case "auth":
            return (
                `${failure.status} ${failure.code} after ${tries} over ${seconds(context.waitedMs)}: grant the identity ` +
                `running the smoke test the "${OPENAI_USER_ROLE}" role on the account of ${region.endpoint} ` +
                `(scope: that account, or its resource group) — add it under access.principals of the stack. ` +
                `A new role assignment can take several minutes to propagate; run again after that.`
            );
        case "network-denied":
            return (
                `403 from the account's network rules (${failure.message}): ` +
                (region.privateEndpoint
                    ? "the stack is private, so the runner must sit in (or be peered with) the stack's network."
                    : "add the runner's egress address to network.ipRules, or run from an allowed network.")
            );
        case "not-found": {
            if (failure.code !== "DeploymentNotFound") {
                // Azure answers a path or api-version it does not serve with a bare 404 "Resource not found".
                return (
                    `404 ${failure.code}: ${failure.message} — ${region.endpoint} does not serve this operation at ` +
                    `api-version ${context.apiVersion}; pass one it serves with --api-version (docs/smoke-test.md, API versions).`
                );
            }
            const declared = region.deployments.map((d) => d.name).join(", ");
            return (
                `${failure.code}: no deployment "${deployment.name}" answers at ${region.endpoint}. The stack declares ` +
                `${declared} in ${region.region}; a deployment created moments ago can take a few minutes to be ` +
                `served — otherwise check that applications and the stack use the same names.`
            );
        }
        case "throttled": {
            const capacity =
                deployment.capacity === undefined
                    ? "its capacity (not in these outputs)"
                    : `capacity ${deployment.capacity}${deployment.deploymentType ? ` (${deployment.deploymentType})` : ""}`;
            const left = Math.max(0, context.throttleWaitMs - context.waitedMs);
            const why =
                failure.retryAfterMs !== undefined && failure.retryAfterMs > left
                    ? `429 asking to retry after ${seconds(failure.retryAfterMs)}, beyond the ${seconds(left)} left to wait (waited ${seconds(context.waitedMs)})`
                    : `429 still after waiting ${seconds(context.waitedMs)}`;
            return (
                `${why}: "${deployment.name}" runs at ${capacity}. ` +
                `Raise regions.${region.region}.deployments.${deployment.name}.capacity within the quota, or ` +
                `find what else uses it (one smoke request should never hit the limit).`
            );
        }
        case "content-filter": {
            const filter = deployment.contentFilter ?? "the deployment's content filter";
            const categories = failure.categories.length > 0 ? failure.categories.join(", ") : "no category named";
            return (
                `The ${failure.where} of a harmless request was blocked by content filter "${filter}" ` +
                `(${categories}): review its thresholds and blocklists (contentFilters.${filter}).`
            );
        }
        case "timeout":
            return `No answer from ${region.endpoint} within ${seconds(context.timeoutMs)}. ${dnsAdvice(context)}`;
        case "connection":
            return `Could not connect to ${region.endpoint} (${failure.message}). ${dnsAdvice(context)}`;
        case "refused":
            return (
                `${failure.status} ${failure.code}: ${failure.message} — if it names a parameter or the API version, ` +
                `the model may need a newer api-version than ${context.apiVersion} (--api-version).`
            );
        case "service":
            return (
                `${failure.status} ${failure.code} from Azure: ${failure.message} — run again; if it persists, ` +
                `open a support request quoting the request id.`
            );
    }
}

/** The short result column: "401 Unauthorized", "timeout", "content filter"... */
export function resultLabel(failure: Failure): string {
    switch (failure.kind) {
        case "no-token":
            return "no token";
        case "auth":
            return `${failure.status} ${failure.code}`;
        case "network-denied":
            return "403 network rules";
        case "not-found":
            return `404 ${failure.code}`;
        case "throttled":
            return "429 throttled";
        case "content-filter":
            return "content filter";
        case "timeout":
            return "timeout";
        case "connection":
            return "no connection";
        case "refused":
        case "service":
            return `${failure.status} ${failure.code}`;
    }
}

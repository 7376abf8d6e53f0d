/**
 * Calls every deployment of every region once (regions in parallel, a region's deployments one
 * after another so that the smoke test never competes with itself for capacity), with bounded
 * retries: 401/403 back off exponentially within a wait budget shared by the region's deployments
 * (a role assignment propagates per account, so waiting once covers them all); 429 waits what
 * Retry-After asks as long as the deployment's budget allows. The client's own retries are off
 * (maxRetries: 0): it would retry 429 and 5xx on its own schedule, hiding the throttling from the
 * report, and never 401/403, which is what propagation needs.
 */
import { lookup } from "node:dns/promises";
import { AzureOpenAI } from "openai";
import {
    type Failure,
    advise,
    classify,
    filteredCategories,
    type Resolution,
    requestIdOf,
    resultLabel,
    TokenUnavailableError,
} from "./advice";
import { apiVersionFor } from "./api-versions";
import type { SmokeDeployment, SmokeRegion } from "./outputs";
import { FAMILY_REQUESTS } from "./requests";

export interface SmokeLimits {
    /** Per request, before it counts as a timeout. */
    readonly timeoutMs: number;
    /** Total wait for a role assignment to propagate (401/403), per region. */
    readonly authWaitMs: number;
    /** First back-off step after a 401/403; doubles each time. */
    readonly authFirstDelayMs: number;
    /** Total wait on 429s per deployment; a Retry-After beyond what is left fails at once. */
    readonly throttleWaitMs: number;
    /** Wait on a 429 without Retry-After. */
    readonly throttleDefaultDelayMs: number;
}

export const DEFAULT_LIMITS: SmokeLimits = {
    timeoutMs: 30_000,
    authWaitMs: 300_000,
    authFirstDelayMs: 10_000,
    throttleWaitMs: 60_000,
    throttleDefaultDelayMs: 10_000,
};

export interface SmokeOptions {
    readonly regions: readonly SmokeRegion[];
    readonly tokenProvider: () => Promise<string>;
    /** `--api-version`: one version for every family; otherwise each family's (api-versions.ts). */
    readonly apiVersion?: string;
    /** Image generation costs money: called only when asked. */
    readonly images: boolean;
    readonly limits: SmokeLimits;
}

export interface DeploymentResult {
    readonly deployment: SmokeDeployment;
    readonly status: "ok" | "failed" | "skipped";
    readonly result: string;
    readonly latencyMs?: number;
    readonly requestId?: string;
    readonly advice?: string;
}

export interface RegionResult {
    readonly region: SmokeRegion;
    readonly results: readonly DeploymentResult[];
}

function sleep(ms: number): Promise<void> {
    return new Promise((resolve) => setTimeout(resolve, ms));
}

async function resolveHost(endpoint: string): Promise<Resolution> {
    try {
        const found = await lookup(new URL(endpoint).hostname, { all: true });
        return { addresses: found.map((entry) => entry.address) };
    } catch (error) {
        return { addresses: [], error: (error as NodeJS.ErrnoException).code ?? "lookup failed" };
    }
}

/** What is left of a wait budget; shared by the deployments of one region for 401/403. */
class Budget {
    constructor(private remainingMs: number) {}
    get left(): number {
        return this.remainingMs;
    }
    spend(ms: number): void {
        this.remainingMs = Math.max(0, this.remainingMs - ms);
    }
}

async function callDeployment(
    clientFor: (apiVersion: string) => AzureOpenAI,
    region: SmokeRegion,
    deployment: SmokeDeployment,
    options: SmokeOptions,
    authBudget: Budget,
): Promise<DeploymentResult> {
    const { limits } = options;
    const apiVersion = apiVersionFor(deployment.family, options.apiVersion);
    const client = clientFor(apiVersion);
    const throttleBudget = new Budget(limits.throttleWaitMs);
    let authDelay = limits.authFirstDelayMs;
    let waitedMs = 0;
    let attempts = 0;
    const failed = (
        failure: Failure,
        measured: { latencyMs: number; requestId?: string | undefined; resolution?: Resolution | undefined },
    ): DeploymentResult => ({
        deployment,
        status: "failed",
        result: resultLabel(failure),
        latencyMs: measured.latencyMs,
        ...(measured.requestId ? { requestId: measured.requestId } : {}),
        advice: advise(failure, {
            region,
            deployment,
            waitedMs,
            attempts,
            timeoutMs: limits.timeoutMs,
            throttleWaitMs: limits.throttleWaitMs,
            apiVersion,
            ...(measured.resolution ? { resolution: measured.resolution } : {}),
        }),
    });
    for (;;) {
        attempts++;
        const started = performance.now();
        try {
            // Our own deadline per request: an abort the client reports as such in any realm (its
            // timeout error is told apart by the error's name, which Jest's sandbox loses).
            const signal = AbortSignal.timeout(limits.timeoutMs);
            const answer = await FAMILY_REQUESTS[deployment.family](client, deployment, signal);
            const latencyMs = Math.round(performance.now() - started);
            const requestId = requestIdOf(answer.headers);
            if (answer.finishReason === "content_filter") {
                const categories = filteredCategories(answer.contentFilterResults);
                return failed({ kind: "content-filter", where: "completion", categories }, { latencyMs, requestId });
            }
            const result = attempts === 1 ? "ok" : `ok after ${attempts} tries`;
            return { deployment, status: "ok", result, latencyMs, ...(requestId ? { requestId } : {}) };
        } catch (error) {
            const latencyMs = Math.round(performance.now() - started);
            const { failure, requestId } = classify(error);
            let delay: number | undefined;
            if (failure.kind === "auth" && authBudget.left > 0) {
                delay = Math.min(authDelay, authBudget.left);
                authBudget.spend(delay);
                authDelay *= 2;
            } else if (failure.kind === "throttled") {
                const asked = failure.retryAfterMs ?? limits.throttleDefaultDelayMs;
                if (asked <= throttleBudget.left) {
                    delay = asked;
                    throttleBudget.spend(asked);
                }
            }
            if (delay !== undefined) {
                waitedMs += delay;
                await sleep(delay);
                continue;
            }
            const unreachable = failure.kind === "timeout" || failure.kind === "connection";
            const resolution = unreachable ? await resolveHost(region.endpoint) : undefined;
            return failed(failure, { latencyMs, requestId, resolution });
        }
    }
}

function clientOf(region: SmokeRegion, options: SmokeOptions, apiVersion: string): AzureOpenAI {
    return new AzureOpenAI({
        // The stack's endpoint and an Entra token, exactly: an explicit baseURL and an empty apiKey
        // keep OPENAI_BASE_URL and AZURE_OPENAI_API_KEY of the caller's environment out of it.
        baseURL: `${region.endpoint.replace(/\/+$/, "")}/openai`,
        apiKey: "",
        apiVersion,
        azureADTokenProvider: () =>
            options.tokenProvider().catch((error: unknown) => {
                throw new TokenUnavailableError(error instanceof Error ? error.message : String(error));
            }),
        // A backstop only: each request carries an AbortSignal with the real deadline.
        timeout: options.limits.timeoutMs + 5_000,
        maxRetries: 0,
    });
}

async function smokeRegion(region: SmokeRegion, options: SmokeOptions): Promise<RegionResult> {
    // One client per api-version the region's families need (the client sends one version).
    const clients = new Map<string, AzureOpenAI>();
    const clientFor = (apiVersion: string): AzureOpenAI => {
        const client = clients.get(apiVersion) ?? clientOf(region, options, apiVersion);
        clients.set(apiVersion, client);
        return client;
    };
    const authBudget = new Budget(options.limits.authWaitMs);
    const results: DeploymentResult[] = [];
    for (const deployment of region.deployments) {
        if (deployment.family === "image-generation" && !options.images) {
            results.push({ deployment, status: "skipped", result: "skipped (--images)" });
            continue;
        }
        results.push(await callDeployment(clientFor, region, deployment, options, authBudget));
    }
    return { region, results };
}

/** Calls every deployment; never throws for a data-plane failure (each becomes a failed row). */
export async function runSmoke(options: SmokeOptions): Promise<RegionResult[]> {
    // Sign in once up front (the provider caches the token): neither a latency nor a request's
    // deadline should include `az` starting. A failure here shows again, per deployment, below.
    await options.tokenProvider().catch(() => undefined);
    return Promise.all(options.regions.map((region) => smokeRegion(region, options)));
}

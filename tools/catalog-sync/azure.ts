/**
 * The live side of `catalog:sync`: Microsoft's Models API (`Models_List`) and Usages API (`Usages_List`) per region,
 * through the kept client @azure/arm-cognitiveservices (paging over `nextLink`, retries on 429 with `Retry-After`)
 * with the api-version pinned to the one the tests speak. Read-only: Reader on the subscription is enough.
 */
import { CognitiveServicesManagementClient } from "@azure/arm-cognitiveservices";
import { MODELS_API_VERSION, type RegionObservation } from "./drift";

type Credential = ConstructorParameters<typeof CognitiveServicesManagementClient>[0];
/** Where the client sends requests unless told otherwise (Azure public cloud). */
const DEFAULT_ENDPOINT = "https://management.azure.com";

type ClientOptions = NonNullable<ConstructorParameters<typeof CognitiveServicesManagementClient>[2]>;

export interface LiveOptions {
    readonly subscriptionId: string;
    readonly regions: readonly string[];
    readonly credential: Credential;
    /** Pipeline options: the tests point `endpoint` at a local fake and trust its certificate through `tlsOptions`. */
    readonly clientOptions?: ClientOptions;
}

/** A refusal the user can act on (exit 2), as opposed to a bug. */
export class SyncInputError extends Error {
    constructor(message: string) {
        super(message);
        this.name = "SyncInputError";
    }
}

function statusOf(error: unknown): number | undefined {
    // RestError (@azure/core-rest-pipeline) carries the HTTP status.
    const status = (error as { statusCode?: unknown } | undefined)?.statusCode;
    return typeof status === "number" ? status : undefined;
}

/** @azure/identity's names for "no credential could sign in" (compared by name: identity loads only for a live run). */
const NO_CREDENTIAL = new Set([
    "AggregateAuthenticationError",
    "CredentialUnavailableError",
    "AuthenticationRequiredError",
]);
/** Node's codes for a request that never reached the server or never got an answer. */
const NETWORK_CODES = new Set([
    "ENOTFOUND",
    "EAI_AGAIN",
    "ECONNREFUSED",
    "ECONNRESET",
    "ETIMEDOUT",
    "EHOSTUNREACH",
    "ENETUNREACH",
]);

/** The first line of an error's message: identity's aggregate messages run to a paragraph per credential. */
const firstLine = (error: unknown): string =>
    String((error as Error | undefined)?.message ?? error).split("\n")[0] ?? "";

/**
 * An ordinary failure of a live run (no sign-in, no network) as a one-line refusal; undefined for anything else,
 * which stays a bug with its stack trace.
 */
export function explainLiveError(error: unknown, endpoint: string): SyncInputError | undefined {
    const name = (error as Error | undefined)?.name ?? "";
    const code = (error as { code?: unknown } | undefined)?.code;
    if (NO_CREDENTIAL.has(name)) {
        return new SyncInputError(
            "No Azure credential could sign in (DefaultAzureCredential). Sign in with `az login` (and `az account set " +
                "--subscription <id>`), or set AZURE_TENANT_ID and AZURE_CLIENT_ID with AZURE_CLIENT_SECRET, or with " +
                `AZURE_FEDERATED_TOKEN_FILE for OIDC (GitHub Actions: azure/login). (${name}: ${firstLine(error)})`,
        );
    }
    const host = new URL(endpoint).host;
    if (typeof code === "string" && NETWORK_CODES.has(code)) {
        return new SyncInputError(
            `Cannot reach ${host} (${code}): check the network, proxy or DNS. (${firstLine(error)})`,
        );
    }
    if (name === "AbortError" || name === "TimeoutError" || /timed? ?out/i.test(firstLine(error))) {
        return new SyncInputError(`${host} did not answer in time: check the network or proxy. (${firstLine(error)})`);
    }
    return undefined;
}

async function collect<T>(pages: AsyncIterable<T>): Promise<T[]> {
    const items: T[] = [];
    for await (const item of pages) {
        items.push(item);
    }
    return items;
}

export async function fetchRegions(options: LiveOptions): Promise<RegionObservation[]> {
    const client = new CognitiveServicesManagementClient(options.credential, options.subscriptionId, {
        ...options.clientOptions,
        apiVersion: MODELS_API_VERSION,
    });
    const observations: RegionObservation[] = [];
    for (const region of options.regions) {
        try {
            const models = await collect(client.models.list(region));
            const usages = await collect(client.usages.list(region));
            observations.push({ region, models, usages });
        } catch (error) {
            const status = statusOf(error);
            const scope = `/subscriptions/${options.subscriptionId}`;
            if (status === 401 || status === 403) {
                throw new SyncInputError(
                    `The Models API refused the request for ${region} (HTTP ${status}): the identity needs read access. ` +
                        `Reader on the subscription is enough: az role assignment create --role Reader --scope ${scope} ` +
                        `--assignee <identity>. (${(error as Error).message})`,
                );
            }
            if (status === 404 || status === 400) {
                throw new SyncInputError(
                    `The Models API does not answer for region ${JSON.stringify(region)} in ${scope} (HTTP ${status}): ` +
                        `check the region name and subscription id. (${(error as Error).message})`,
                );
            }
            throw explainLiveError(error, options.clientOptions?.endpoint ?? DEFAULT_ENDPOINT) ?? error;
        }
    }
    return observations;
}

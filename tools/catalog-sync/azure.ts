/**
 * The live side of `catalog:sync`: Microsoft's Models API (`Models_List`) and Usages API (`Usages_List`) per region,
 * through the kept client @azure/arm-cognitiveservices (paging over `nextLink`, retries on 429 with `Retry-After`)
 * with the api-version pinned to the one the tests speak. Read-only: Reader on the subscription is enough.
 */
import { CognitiveServicesManagementClient } from "@azure/arm-cognitiveservices";
import { MODELS_API_VERSION, type RegionObservation } from "./drift";

type Credential = ConstructorParameters<typeof CognitiveServicesManagementClient>[0];
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
            throw error;
        }
    }
    return observations;
}

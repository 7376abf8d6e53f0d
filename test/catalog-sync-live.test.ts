/**
 * `catalog:sync --subscription` against a fake Azure Resource Manager on 127.0.0.1, spoken to by the real
 * @azure/arm-cognitiveservices client. The Azure SDK's bearer-token policy refuses plain http, so the fake speaks TLS
 * with a certificate made for this run (selfsigned) that the client trusts through the pipeline's `tlsOptions`.
 */
import type { ServerResponse } from "node:http";
import { createServer, type Server } from "node:https";
import type { AddressInfo } from "node:net";
import { DefaultAzureCredential } from "@azure/identity";
import { generate } from "selfsigned";
import { main } from "../tools/catalog-sync/cli";
import { fetchRegions } from "../tools/catalog-sync/azure";
import type { ApiModel, RegionObservation } from "../tools/catalog-sync/drift";
import { catalogAsModelsApi } from "./models-api-helpers";

const SUBSCRIPTION = "00000000-1111-2222-3333-444444444444";
const TOKEN = "test-token-not-a-secret";
const TODAY = "2026-12-06";
const credential = {
    getToken: () => Promise.resolve({ token: TOKEN, expiresOnTimestamp: Date.now() + 3_600_000 }),
};

interface Seen {
    readonly path: string;
    readonly apiVersion: string | null;
    readonly authorization: string | undefined;
}

let server: Server;
let endpoint: string;
let ca: string;
const seen: Seen[] = [];
let throttled = 0;

/** swedencentral's models, split over two pages to exercise nextLink. */
function pages(): ApiModel[][] {
    const all = catalogAsModelsApi("swedencentral", TODAY).value;
    const half = Math.ceil(all.length / 2);
    return [all.slice(0, half), all.slice(half)];
}

function send(response: ServerResponse, status: number, body: unknown, headers = {}): void {
    response.writeHead(status, { "content-type": "application/json", ...headers });
    response.end(JSON.stringify(body));
}

beforeAll(async () => {
    const pems = await generate([{ name: "commonName", value: "127.0.0.1" }], {
        keyType: "ec",
        algorithm: "sha256",
        notAfterDate: new Date(Date.now() + 86_400_000),
        extensions: [{ name: "subjectAltName", altNames: [{ type: 7, ip: "127.0.0.1" }] }],
    });
    ca = pems.cert;
    server = createServer({ key: pems.private, cert: pems.cert }, (request, response) => {
        const url = new URL(request.url ?? "/", "https://127.0.0.1");
        seen.push({
            path: url.pathname,
            apiVersion: url.searchParams.get("api-version"),
            authorization: request.headers.authorization,
        });
        const match =
            /^\/subscriptions\/([^/]+)\/providers\/Microsoft\.CognitiveServices\/locations\/([^/]+)\/(models|usages)$/.exec(
                url.pathname,
            );
        if (!match || url.searchParams.get("api-version") !== "2025-06-01") {
            send(response, 400, { error: { code: "InvalidApiVersionParameter", message: "unexpected request" } });
            return;
        }
        if (request.headers.authorization !== `Bearer ${TOKEN}`) {
            send(response, 401, { error: { code: "InvalidAuthenticationToken", message: "no token" } });
            return;
        }
        const [, , region, operation] = match;
        if (region === "forbiddenregion") {
            send(response, 403, {
                error: {
                    code: "AuthorizationFailed",
                    message: `The client does not have authorization to perform action 'Microsoft.CognitiveServices/locations/models/read'.`,
                },
            });
            return;
        }
        if (operation === "usages") {
            // The first usages request is throttled once: the client must wait Retry-After and ask again.
            if (throttled === 0) {
                throttled++;
                send(
                    response,
                    429,
                    { error: { code: "TooManyRequests", message: "slow down" } },
                    { "retry-after": "0" },
                );
                return;
            }
            send(response, 200, {
                value: [
                    {
                        name: { value: "OpenAI.DataZoneStandard.gpt-5.4-mini" },
                        currentValue: 5,
                        limit: 10,
                        unit: "Count",
                    },
                ],
            });
            return;
        }
        if (region === "emptyregion") {
            send(response, 200, { value: [] });
            return;
        }
        const [first, second] = pages();
        if (url.searchParams.get("page") === "2") {
            send(response, 200, { value: second });
        } else {
            const next = new URL(url.toString().replace("https://127.0.0.1", endpoint));
            next.searchParams.set("page", "2");
            send(response, 200, { value: first, nextLink: next.toString() });
        }
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    endpoint = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
    // The client keeps connections alive; close them so the server (and Jest's worker) can stop.
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
});

beforeEach(() => {
    seen.length = 0;
    throttled = 0;
});

const live = (regions: readonly string[]) =>
    fetchRegions({
        subscriptionId: SUBSCRIPTION,
        regions,
        credential,
        clientOptions: { endpoint, tlsOptions: { ca }, retryOptions: { retryDelayInMs: 1, maxRetryDelayInMs: 10 } },
    });

describe("catalog:sync against the Models API, through the real client", () => {
    it("follows nextLink, waits out a 429 and pins api-version 2025-06-01", async () => {
        const [observation] = await live(["swedencentral"]);
        const expected = catalogAsModelsApi("swedencentral", TODAY).value;
        expect(observation?.models.map((m) => `${m.model?.name} ${m.model?.version}`)).toEqual(
            expected.map((m) => `${m.model?.name} ${m.model?.version}`),
        );
        expect(observation?.usages).toEqual([
            { name: { value: "OpenAI.DataZoneStandard.gpt-5.4-mini" }, currentValue: 5, limit: 10, unit: "Count" },
        ]);
        const models = `/subscriptions/${SUBSCRIPTION}/providers/Microsoft.CognitiveServices/locations/swedencentral/models`;
        const usages = models.replace(/models$/, "usages");
        expect(seen.map((s) => s.path)).toEqual([models, models, usages, usages]);
        expect(new Set(seen.map((s) => s.apiVersion))).toEqual(new Set(["2025-06-01"]));
        expect(new Set(seen.map((s) => s.authorization))).toEqual(new Set([`Bearer ${TOKEN}`]));
        expect(throttled).toBe(1);
    });

    it("runs the CLI live: the catalog matches swedencentral, and a region without OpenAI models is a note", async () => {
        let out = "";
        let err = "";
        const code = await main(
            ["--subscription", SUBSCRIPTION, "--regions", "swedencentral,emptyregion", "--date", TODAY],
            {
                fetch: (options): Promise<RegionObservation[]> =>
                    fetchRegions({ ...options, credential, clientOptions: { endpoint, tlsOptions: { ca } } }),
                out: (text) => (out += text),
                err: (text) => (err += text),
            },
        );
        expect(err).toBe("");
        expect(out).toContain("The catalog matches the Models API in these regions.");
        expect(out).toContain("regions checked: swedencentral; not checked: emptyregion");
        expect(out).toContain("emptyregion: the Models API lists no OpenAI models in this region; it was not compared");
        expect(code).toBe(0);
    });

    it("names the role needed when ARM refuses (403), with exit 2 and no stack trace", async () => {
        let err = "";
        const code = await main(["--subscription", SUBSCRIPTION, "--regions", "forbiddenregion", "--date", TODAY], {
            fetch: (options) =>
                fetchRegions({ ...options, credential, clientOptions: { endpoint, tlsOptions: { ca } } }),
            out: () => undefined,
            err: (text) => (err += text),
        });
        expect(code).toBe(2);
        expect(err).toContain("(HTTP 403): the identity needs read access. Reader on the subscription is enough");
        expect(err).toContain(`az role assignment create --role Reader --scope /subscriptions/${SUBSCRIPTION}`);
        expect(err).not.toMatch(/\n\s+at .+:\d+:\d+/);
        expect(err).not.toContain(TOKEN);
    });

    it("names the role on 401 too (a token ARM does not accept)", async () => {
        const wrong = {
            getToken: () => Promise.resolve({ token: "wrong", expiresOnTimestamp: Date.now() + 3_600_000 }),
        };
        await expect(
            fetchRegions({
                subscriptionId: SUBSCRIPTION,
                regions: ["swedencentral"],
                credential: wrong,
                clientOptions: { endpoint, tlsOptions: { ca } },
            }),
        ).rejects.toThrow(/HTTP 401\): the identity needs read access\. Reader on the subscription is enough/);
    });

    it("refuses to talk to a server whose certificate it was not told to trust", async () => {
        await expect(
            fetchRegions({
                subscriptionId: SUBSCRIPTION,
                regions: ["swedencentral"],
                credential,
                clientOptions: { endpoint, retryOptions: { maxRetries: 0 } },
            }),
        ).rejects.toThrow(/self-signed certificate|unable to verify/);
    });

    it("says how to sign in when DefaultAzureCredential finds no credential (exit 2, one line, no trace)", async () => {
        // No AZURE_* variables, no managed identity endpoint, no signed-in CLI: what a fresh clone sees. Only the
        // developer credentials are tried (AZURE_TOKEN_CREDENTIALS=dev), so the test does not wait on IMDS.
        const saved = { ...process.env };
        for (const name of Object.keys(process.env).filter(
            (key) => key.startsWith("AZURE_") || key.startsWith("IDENTITY_"),
        )) {
            delete process.env[name];
        }
        process.env["AZURE_TOKEN_CREDENTIALS"] = "dev";
        let err = "";
        let code: number;
        try {
            code = await main(["--subscription", SUBSCRIPTION, "--regions", "swedencentral", "--date", TODAY], {
                fetch: (options) =>
                    fetchRegions({
                        ...options,
                        credential: new DefaultAzureCredential(),
                        clientOptions: { endpoint, tlsOptions: { ca }, retryOptions: { maxRetries: 0 } },
                    }),
                out: () => undefined,
                err: (text) => (err += text),
            });
        } finally {
            process.env = saved;
        }
        expect(code).toBe(2);
        expect(err).toMatch(/^No Azure credential could sign in \(DefaultAzureCredential\)\. Sign in with `az login`/);
        expect(err).toContain("AZURE_FEDERATED_TOKEN_FILE for OIDC");
        expect(err).toMatch(/\((AggregateAuthenticationError|CredentialUnavailableError): /);
        expect(err.trimEnd().split("\n")).toHaveLength(1);
        expect(err).not.toMatch(/\n\s+at .+:\d+:\d+/);
        expect(seen).toEqual([]);
    });

    it("names the host it cannot reach (exit 2, no trace)", async () => {
        // A port that was just free: nothing listens there.
        const closed = createServer();
        await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
        const port = (closed.address() as AddressInfo).port;
        await new Promise((resolve) => closed.close(resolve));
        let err = "";
        const code = await main(["--subscription", SUBSCRIPTION, "--regions", "swedencentral", "--date", TODAY], {
            fetch: (options) =>
                fetchRegions({
                    ...options,
                    credential,
                    clientOptions: { endpoint: `https://127.0.0.1:${port}`, retryOptions: { maxRetries: 0 } },
                }),
            out: () => undefined,
            err: (text) => (err += text),
        });
        expect(code).toBe(2);
        expect(err).toMatch(new RegExp(`^Cannot reach 127\\.0\\.0\\.1:${port} \\(ECONNREFUSED\\)`));
        expect(err).not.toMatch(/\n\s+at .+:\d+:\d+/);
    });
});

/**
 * A fake Azure OpenAI data plane on 127.0.0.1, shaped by the stored inference spec
 * (test/fixtures/azure-openai-inference, AzureOpenAI/inference/stable/2024-10-21): it serves the
 * spec's paths under `/openai`, serves its GA api-version and the preview the smoke test uses for
 * speech-to-text and images (SCHEMAS_OF), requires a bearer token, checks request bodies against
 * the operation's schema at the version asked for (required properties, types, enum values;
 * multipart for audio)
 * and answers with the spec's response shapes and an `apim-request-id` header. Each deployment is
 * given a script of answers (the last one repeats): success, 401, 403, 404, 429 with Retry-After,
 * 500, a content-filter refusal, or a hang.
 */
import { randomUUID } from "node:crypto";
import * as fs from "node:fs";
import * as http from "node:http";
import type { AddressInfo } from "node:net";
import * as path from "node:path";
import type { ModelFamily } from "../policies/catalog/types";

const SPEC_FILE = path.join(__dirname, "fixtures", "azure-openai-inference", "stable", "2024-10-21", "inference.json");

type Schema = Record<string, unknown>;

interface Spec {
    readonly info: { readonly version: string };
    readonly servers: readonly { readonly url: string }[];
    readonly security: readonly Record<string, unknown>[];
    readonly paths: Record<string, { post: Operation }>;
    readonly components: { readonly schemas: Record<string, Schema> };
}

interface Operation {
    readonly operationId: string;
    readonly parameters: readonly { readonly in: string; readonly name: string; readonly required?: boolean }[];
    readonly requestBody: { readonly content: Record<string, { readonly schema: Schema }> };
}

export const SPEC = JSON.parse(fs.readFileSync(SPEC_FILE, "utf8")) as Spec;
/** The GA api-version the stored spec describes. */
export const SPEC_API_VERSION = SPEC.info.version;
/** The preview version the smoke test calls speech-to-text and image generation with. */
export const MEDIA_PREVIEW_API_VERSION = "2025-04-01-preview";

/**
 * The api-versions the fake serves, each as the schemas it validates request bodies with. The GA
 * version is the stored spec exactly, its enums closed: a value outside one is refused (Azure
 * refuses gpt-image's quality "low" at 2024-10-21, whose imageQuality is standard, hd). The preview
 * is the GA spec with what that version's reference changes for the operations the smoke test
 * calls with it (https://learn.microsoft.com/azure/ai-foundry/openai/reference-preview: image
 * quality low, medium, high and auto beside DALL-E's; the gpt-image sizes); no preview spec is stored.
 */
const SCHEMAS_OF: Readonly<Record<string, Record<string, Schema>>> = {
    [SPEC_API_VERSION]: SPEC.components.schemas,
    [MEDIA_PREVIEW_API_VERSION]: {
        ...SPEC.components.schemas,
        imageQuality: { type: "string", enum: ["standard", "hd", "low", "medium", "high", "auto"] },
        imageSize: { type: "string", enum: ["1792x1024", "1024x1792", "1024x1024", "1536x1024", "1024x1536", "auto"] },
    },
};
export const SERVED_API_VERSIONS = Object.keys(SCHEMAS_OF);

/** Which operation (spec path suffix) each family may call. */
const OPERATION_OF: Readonly<Record<ModelFamily, string>> = {
    chat: "chat/completions",
    reasoning: "chat/completions",
    embeddings: "embeddings",
    "speech-to-text": "audio/transcriptions",
    "image-generation": "images/generations",
};

export type Answer =
    | "ok"
    | "401"
    | "403"
    | "403-network"
    | "404"
    | "500"
    | "hang"
    | "content-filter"
    | "completion-filtered"
    | { readonly status: 429; readonly retryAfterSeconds?: number; readonly retryAfterMs?: number };

export interface FakeDeployment {
    readonly family: ModelFamily;
    /** Answers in order; the last repeats. Default ["ok"]. */
    readonly answers?: readonly Answer[];
}

export interface RecordedRequest {
    readonly method: string;
    readonly path: string;
    readonly deployment?: string;
    readonly operation?: string;
    readonly apiVersion: string | null;
    /** Whether the bearer token matched; the token itself is never recorded. */
    readonly bearerValid: boolean;
    readonly apiKeyHeader: boolean;
    readonly status: number;
    readonly body?: unknown;
}

export interface FakeDataPlane {
    readonly endpoint: string;
    readonly requests: RecordedRequest[];
    close(): Promise<void>;
}

type Schemas = Readonly<Record<string, Schema>>;

function resolve(schemas: Schemas, schema: Schema | undefined): Schema {
    let current = schema ?? {};
    while (typeof current["$ref"] === "string") {
        const name = current["$ref"].replace("#/components/schemas/", "");
        current = schemas[name] ?? {};
    }
    return current;
}

/** Properties and required names of a schema, with allOf merged (as the spec composes requests). */
function flatten(schemas: Schemas, schema: Schema): { properties: Record<string, Schema>; required: string[] } {
    const resolved = resolve(schemas, schema);
    const properties: Record<string, Schema> = { ...((resolved["properties"] as Record<string, Schema>) ?? {}) };
    const required = [...((resolved["required"] as string[]) ?? [])];
    for (const part of (resolved["allOf"] as Schema[] | undefined) ?? []) {
        const inner = flatten(schemas, part);
        Object.assign(properties, inner.properties);
        required.push(...inner.required);
    }
    return { properties, required };
}

function typeMatches(schemas: Schemas, schema: Schema, value: unknown): boolean {
    const resolved = resolve(schemas, schema);
    const options = (resolved["oneOf"] ?? resolved["anyOf"]) as Schema[] | undefined;
    if (options) {
        return options.some((option) => typeMatches(schemas, option, value));
    }
    if (value === null) {
        return resolved["nullable"] === true;
    }
    // Closed, even where x-ms-enum says modelAsString: that marks the enum as open to values later
    // versions add, not values this version accepts.
    const enumValues = resolved["enum"] as unknown[] | undefined;
    if (enumValues && !enumValues.includes(value)) {
        return false;
    }
    switch (resolved["type"]) {
        case "string":
            return typeof value === "string";
        case "integer":
            return Number.isInteger(value);
        case "number":
            return typeof value === "number";
        case "boolean":
            return typeof value === "boolean";
        case "array":
            return Array.isArray(value);
        case "object":
            return typeof value === "object" && !Array.isArray(value);
        default:
            return true;
    }
}

/**
 * Problems of a JSON body against the operation's request schema at `apiVersion` (required names,
 * declared types, enum values).
 */
export function requestProblems(operation: Operation, body: Record<string, unknown>, apiVersion: string): string[] {
    const schemas = SCHEMAS_OF[apiVersion];
    if (!schemas) {
        return [`api-version ${apiVersion} is not one the fake serves (${SERVED_API_VERSIONS.join(", ")})`];
    }
    const { properties, required } = flatten(schemas, operation.requestBody.content["application/json"]?.schema ?? {});
    const problems = required.filter((name) => !(name in body)).map((name) => `'${name}' is a required property`);
    for (const [name, value] of Object.entries(body)) {
        const schema = properties[name];
        if (schema && !typeMatches(schemas, schema, value)) {
            const allowed = resolve(schemas, schema)["enum"] as unknown[] | undefined;
            problems.push(
                `'${name}': ${JSON.stringify(value)} is not valid at api-version ${apiVersion}` +
                    (allowed ? ` (allowed: ${allowed.join(", ")})` : ""),
            );
        }
    }
    return problems;
}

function errorBody(code: string, message: string, extra: Record<string, unknown> = {}): unknown {
    return { error: { code, message, ...extra } };
}

function successBody(family: ModelFamily, deployment: string, body: Record<string, unknown>): unknown {
    const created = Math.floor(Date.now() / 1000);
    switch (family) {
        case "chat":
        case "reasoning":
            return {
                id: `chatcmpl-${randomUUID()}`,
                object: "chat.completion",
                created,
                model: deployment,
                prompt_filter_results: [{ prompt_index: 0, content_filter_results: {} }],
                choices: [
                    {
                        index: 0,
                        finish_reason: "stop",
                        message: { role: "assistant", content: "OK", refusal: null },
                        logprobs: null,
                        content_filter_results: {},
                    },
                ],
                usage: { prompt_tokens: 11, completion_tokens: 2, total_tokens: 13 },
            };
        case "embeddings":
            return {
                object: "list",
                model: deployment,
                data: [{ index: 0, object: "embedding", embedding: [0.0023, -0.0091, 0.0154] }],
                usage: { prompt_tokens: 1, total_tokens: 1 },
            };
        case "speech-to-text":
            return { text: "" };
        case "image-generation":
            return {
                created,
                data: [
                    {
                        b64_json: Buffer.from("not really a png").toString("base64"),
                        revised_prompt: typeof body["prompt"] === "string" ? body["prompt"] : "",
                    },
                ],
            };
    }
}

async function readBody(request: http.IncomingMessage): Promise<Buffer> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) {
        chunks.push(chunk as Buffer);
    }
    return Buffer.concat(chunks);
}

/** Parses multipart/form-data as the platform does (the Fetch API's FormData). */
async function formOf(request: http.IncomingMessage, raw: Buffer): Promise<FormData> {
    return new Request("http://fake/", {
        method: "POST",
        headers: { "content-type": request.headers["content-type"] ?? "" },
        body: raw,
    }).formData();
}

/** Starts the fake on 127.0.0.1 (an ephemeral port); the endpoint is plain http, allowed for loopback. */
export async function startFakeDataPlane(
    deployments: Readonly<Record<string, FakeDeployment>>,
    token: string,
): Promise<FakeDataPlane> {
    const prefix = new URL(SPEC.servers[0]?.url.replace("{endpoint}", "fake") ?? "https://fake/openai").pathname;
    const routes = Object.entries(SPEC.paths).map(([template, item]) => ({
        operation: template.replace("/deployments/{deployment-id}/", ""),
        spec: item.post,
        pattern: new RegExp(`^${prefix}${template.replace("{deployment-id}", "([^/]+)")}$`),
    }));
    const served = new Map<string, number>();
    const requests: RecordedRequest[] = [];

    const server = http.createServer((request, response) => {
        void (async () => {
            const url = new URL(request.url ?? "/", "http://127.0.0.1");
            const raw = await readBody(request);
            const apiVersion = url.searchParams.get("api-version");
            const authorization = request.headers["authorization"] ?? "";
            const bearerValid = authorization === `Bearer ${token}`;
            const route = routes.find((r) => r.pattern.test(url.pathname));
            const deploymentName = route ? decodeURIComponent(route.pattern.exec(url.pathname)?.[1] ?? "") : undefined;
            const record: Omit<RecordedRequest, "status"> = {
                method: request.method ?? "",
                path: url.pathname,
                ...(deploymentName !== undefined ? { deployment: deploymentName } : {}),
                ...(route ? { operation: route.operation } : {}),
                apiVersion,
                bearerValid,
                apiKeyHeader: request.headers["api-key"] !== undefined,
            };
            const send = (
                status: number,
                body: unknown,
                headers: Record<string, string> = {},
                parsed?: unknown,
            ): void => {
                requests.push({ ...record, status, ...(parsed !== undefined ? { body: parsed } : {}) });
                response.writeHead(status, {
                    "content-type": "application/json",
                    "apim-request-id": randomUUID(),
                    ...headers,
                });
                response.end(JSON.stringify(body));
            };
            // The spec's query parameter; Azure answers an unknown version with 404 Resource not found.
            if (!route || request.method !== "POST" || apiVersion === null || !(apiVersion in SCHEMAS_OF)) {
                send(404, errorBody("404", "Resource not found"));
                return;
            }
            // The spec's security: a bearer token (Entra ID); the accounts have local (key) auth off.
            if (!bearerValid) {
                send(
                    401,
                    errorBody(
                        "401",
                        "Unauthorized. Access token is missing, invalid, audience is incorrect (https://cognitiveservices.azure.com), or have expired.",
                    ),
                );
                return;
            }
            const deployment = deploymentName !== undefined ? deployments[deploymentName] : undefined;
            if (!deployment || deploymentName === undefined) {
                send(
                    404,
                    errorBody(
                        "DeploymentNotFound",
                        "The API deployment for this resource does not exist. If you created the deployment within the last 5 minutes, please wait a moment and try again.",
                    ),
                );
                return;
            }
            const count = served.get(deploymentName) ?? 0;
            served.set(deploymentName, count + 1);
            const answers = deployment.answers ?? ["ok"];
            const answer = answers[Math.min(count, answers.length - 1)] ?? "ok";
            let parsed: Record<string, unknown> = {};
            const contentType = request.headers["content-type"] ?? "";
            if (route.operation.startsWith("audio/")) {
                if (!contentType.startsWith("multipart/form-data")) {
                    send(400, errorBody("invalid_request", `expected multipart/form-data, got ${contentType}`));
                    return;
                }
                const form = await formOf(request, raw);
                const file = form.get("file");
                const bytes = file instanceof Blob ? Buffer.from(await file.arrayBuffer()) : Buffer.alloc(0);
                if (
                    bytes.subarray(0, 4).toString("ascii") !== "RIFF" ||
                    bytes.subarray(8, 12).toString("ascii") !== "WAVE"
                ) {
                    send(400, errorBody("invalid_request", "'file' is a required property (a WAV file)"));
                    return;
                }
                parsed = { file: { type: file instanceof Blob ? file.type : "", bytes: bytes.length } };
                for (const [key, value] of form.entries()) {
                    if (key !== "file") {
                        parsed[key] = value;
                    }
                }
            } else {
                parsed = JSON.parse(raw.toString("utf8") || "{}") as Record<string, unknown>;
                const problems = requestProblems(route.spec, parsed, apiVersion);
                if (problems.length > 0) {
                    send(400, errorBody("invalid_request", problems.join("; ")), {}, parsed);
                    return;
                }
            }
            if (route.operation !== OPERATION_OF[deployment.family]) {
                send(
                    400,
                    errorBody(
                        "OperationNotSupported",
                        `The ${route.operation} operation does not work with the specified model.`,
                    ),
                    {},
                    parsed,
                );
                return;
            }
            if (answer === "hang") {
                requests.push({ ...record, status: 0, body: parsed });
                return; // never answers; close() drops the connection
            }
            if (answer === "401") {
                send(
                    401,
                    errorBody("PermissionDenied", "Principal does not have access to API/Operation."),
                    {},
                    parsed,
                );
            } else if (answer === "403") {
                send(
                    403,
                    errorBody(
                        "PermissionDenied",
                        "The principal lacks the required data action Microsoft.CognitiveServices/accounts/OpenAI/deployments/chat/completions/action.",
                    ),
                    {},
                    parsed,
                );
            } else if (answer === "403-network") {
                send(403, errorBody("403", "Access denied due to Virtual Network/Firewall rules."), {}, parsed);
            } else if (answer === "404") {
                send(
                    404,
                    errorBody(
                        "DeploymentNotFound",
                        "The API deployment for this resource does not exist. If you created the deployment within the last 5 minutes, please wait a moment and try again.",
                    ),
                    {},
                    parsed,
                );
            } else if (answer === "500") {
                send(
                    500,
                    errorBody("InternalServerError", "The server had an error while processing your request."),
                    {},
                    parsed,
                );
            } else if (answer === "content-filter") {
                send(
                    400,
                    errorBody(
                        "content_filter",
                        "The response was filtered due to the prompt triggering Azure OpenAI's content management policy.",
                        {
                            param: "prompt",
                            status: 400,
                            inner_error: {
                                code: "ResponsibleAIPolicyViolation",
                                content_filter_results: {
                                    hate: { filtered: false, severity: "safe" },
                                    violence: { filtered: true, severity: "medium" },
                                },
                            },
                        },
                    ),
                    {},
                    parsed,
                );
            } else if (answer === "completion-filtered") {
                // HTTP 200, the completion withheld: finish_reason content_filter (createChatCompletionResponse).
                const body = successBody(deployment.family, deploymentName, parsed) as {
                    choices: {
                        finish_reason: string;
                        message: { content: string | null };
                        content_filter_results: unknown;
                    }[];
                };
                for (const choice of body.choices) {
                    choice.finish_reason = "content_filter";
                    choice.message.content = null;
                    choice.content_filter_results = {
                        sexual: { filtered: true, severity: "medium" },
                        hate: { filtered: false, severity: "safe" },
                    };
                }
                send(200, body, {}, parsed);
            } else if (answer === "ok") {
                send(200, successBody(deployment.family, deploymentName, parsed), {}, parsed);
            } else {
                const headers: Record<string, string> = {};
                if (answer.retryAfterSeconds !== undefined) {
                    headers["retry-after"] = String(answer.retryAfterSeconds);
                }
                if (answer.retryAfterMs !== undefined) {
                    headers["retry-after-ms"] = String(answer.retryAfterMs);
                }
                send(
                    429,
                    errorBody(
                        "429",
                        "Requests to the ChatCompletions_Create Operation have exceeded the token rate limit of your current AIServices S0 pricing tier. Please retry after 1 second.",
                    ),
                    headers,
                    parsed,
                );
            }
        })().catch((error: unknown) => {
            response.writeHead(599);
            response.end(String(error));
        });
    });
    await new Promise<void>((ready) => server.listen(0, "127.0.0.1", ready));
    const { port } = server.address() as AddressInfo;
    return {
        endpoint: `http://127.0.0.1:${port}/`,
        requests,
        close: () =>
            new Promise<void>((done) => {
                server.closeAllConnections();
                server.close(() => done());
            }),
    };
}

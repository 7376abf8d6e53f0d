/**
 * The cheapest request each family allows, through the official client. Each returns the response
 * headers (for the Azure request id) and, for chat, the finish reason (a content filter can cut a
 * completion with HTTP 200).
 */
import { type AzureOpenAI, toFile } from "openai";
import type { ModelFamily } from "../policies/catalog/types";
import type { SmokeDeployment } from "./outputs";
import { oneSecondWav } from "./wav";

export interface FamilyAnswer {
    readonly headers: Headers;
    /** `content_filter` when the completion was filtered although the call succeeded. */
    readonly finishReason?: string;
    /** Azure's per-choice `content_filter_results` (an Azure extension the client does not type). */
    readonly contentFilterResults?: unknown;
}

/** Small enough to cost next to nothing, large enough for a reasoning model to answer at all. */
export const COMPLETION_TOKEN_LIMIT = 16;

async function chat(client: AzureOpenAI, deployment: SmokeDeployment, signal: AbortSignal): Promise<FamilyAnswer> {
    const { data, response } = await client.chat.completions
        .create(
            {
                model: deployment.name,
                messages: [{ role: "user", content: "Reply with OK." }],
                // max_completion_tokens, not max_tokens: reasoning and gpt-5 models refuse max_tokens
                // (the GA 2024-10-21 spec, which chat and reasoning are called with, marks max_tokens
                // deprecated in its favour).
                max_completion_tokens: COMPLETION_TOKEN_LIMIT,
            },
            { signal },
        )
        .withResponse();
    const choice: { finish_reason?: string; content_filter_results?: unknown } | undefined = data.choices[0];
    return {
        headers: response.headers,
        ...(choice?.finish_reason ? { finishReason: choice.finish_reason } : {}),
        ...(choice?.content_filter_results ? { contentFilterResults: choice.content_filter_results } : {}),
    };
}

async function embeddings(
    client: AzureOpenAI,
    deployment: SmokeDeployment,
    signal: AbortSignal,
): Promise<FamilyAnswer> {
    const { response } = await client.embeddings
        .create({ model: deployment.name, input: "ping", encoding_format: "float" }, { signal })
        .withResponse();
    return { headers: response.headers };
}

async function speechToText(
    client: AzureOpenAI,
    deployment: SmokeDeployment,
    signal: AbortSignal,
): Promise<FamilyAnswer> {
    const file = await toFile(oneSecondWav(), "smoke.wav", { type: "audio/wav" });
    const { response } = await client.audio.transcriptions
        .create({ model: deployment.name, file, response_format: "json" }, { signal })
        .withResponse();
    return { headers: response.headers };
}

async function imageGeneration(
    client: AzureOpenAI,
    deployment: SmokeDeployment,
    signal: AbortSignal,
): Promise<FamilyAnswer> {
    // gpt-image models price by quality ("low" is cheapest, sent with the preview api-version that
    // knows it: api-versions.ts); DALL-E's cheapest is "standard".
    const quality = deployment.model?.startsWith("dall-e") ? "standard" : "low";
    const { response } = await client.images
        .generate(
            { model: deployment.name, prompt: "A small blue square.", n: 1, size: "1024x1024", quality },
            { signal },
        )
        .withResponse();
    return { headers: response.headers };
}

export const FAMILY_REQUESTS: Readonly<
    Record<
        ModelFamily,
        (client: AzureOpenAI, deployment: SmokeDeployment, signal: AbortSignal) => Promise<FamilyAnswer>
    >
> = {
    chat,
    reasoning: chat,
    embeddings,
    "speech-to-text": speechToText,
    "image-generation": imageGeneration,
};

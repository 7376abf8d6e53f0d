/**
 * The data-plane api-version each family is called with. Azure OpenAI's dated inference versions
 * differ in which operations and parameter values they accept, and the newest GA version
 * (2024-10-21) predates the shipped speech-to-text and image models: its image `quality` enum is
 * DALL-E's (standard, hd), without gpt-image's low/medium/high. So each family gets the oldest
 * version its shipped models are documented with; `--api-version` overrides all of them.
 */
import type { ModelFamily } from "../policies/catalog/types";

/**
 * The latest GA inference version (https://learn.microsoft.com/azure/ai-foundry/openai/api-version-lifecycle;
 * spec: AzureOpenAI/inference/stable/2024-10-21/inference.json). Its chat request has
 * `max_completion_tokens`, the only completion limit reasoning and gpt-5 models accept
 * (https://learn.microsoft.com/azure/ai-foundry/openai/how-to/reasoning), and its embeddings
 * request is all the smoke test sends.
 */
export const GA_API_VERSION = "2024-10-21";

/**
 * The preview version whose reference documents the image-generation (gpt-image-1 series: quality
 * low, medium, high) and audio operations the newer models use
 * (https://learn.microsoft.com/azure/ai-foundry/openai/reference-preview, "the image generation and
 * audio (speech) data plane inference REST API operations ... in the 2025-04-01-preview release";
 * https://learn.microsoft.com/azure/ai-foundry/openai/how-to/dall-e for gpt-image's qualities). No
 * GA dated version covers these models, so only these two families use a preview.
 */
export const MEDIA_PREVIEW_API_VERSION = "2025-04-01-preview";

export const API_VERSION_OF: Readonly<Record<ModelFamily, string>> = {
    chat: GA_API_VERSION,
    reasoning: GA_API_VERSION,
    embeddings: GA_API_VERSION,
    // gpt-4o-transcribe / gpt-4o-mini-transcribe: not in the GA spec's audio operation (whisper's).
    "speech-to-text": MEDIA_PREVIEW_API_VERSION,
    // gpt-image-1/1.5/2: quality "low" is outside the GA spec's imageQuality enum (standard, hd).
    "image-generation": MEDIA_PREVIEW_API_VERSION,
};

/** The version a deployment of `family` is called with: the override when given, else the family's. */
export function apiVersionFor(family: ModelFamily, override?: string): string {
    return override ?? API_VERSION_OF[family];
}

/** One line for `--help` and the docs: which family uses which version by default. */
export function describeApiVersions(): string {
    const byVersion = new Map<string, ModelFamily[]>();
    for (const [family, version] of Object.entries(API_VERSION_OF) as [ModelFamily, string][]) {
        byVersion.set(version, [...(byVersion.get(version) ?? []), family]);
    }
    return [...byVersion].map(([version, families]) => `${version} for ${families.join(", ")}`).join("; ");
}

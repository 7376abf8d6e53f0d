/**
 * The Entra ID token the smoke requests carry: `AZURE_OPENAI_AD_TOKEN` when set (a CI runner that
 * already holds one; tests), otherwise DefaultAzureCredential (az login, workload identity, managed
 * identity...). No API key is ever used: the accounts run with local auth off.
 */
import type { TokenCredential } from "@azure/identity";

/** The audience Azure OpenAI's data plane accepts. */
export const COGNITIVE_SERVICES_SCOPE = "https://cognitiveservices.azure.com/.default";

export function tokenProviderFrom(env: NodeJS.ProcessEnv): () => Promise<string> {
    const fixed = env["AZURE_OPENAI_AD_TOKEN"];
    if (fixed !== undefined && fixed !== "") {
        return () => Promise.resolve(fixed);
    }
    // @azure/identity (with MSAL) is loaded only when it is used: a quarter second saved per run
    // that already holds a token.
    let provider: Promise<() => Promise<string>> | undefined;
    return async () => {
        provider ??= import("@azure/identity").then(({ DefaultAzureCredential, getBearerTokenProvider }) => {
            const credential: TokenCredential = new DefaultAzureCredential();
            return getBearerTokenProvider(credential, COGNITIVE_SERVICES_SCOPE);
        });
        return (await provider)();
    };
}

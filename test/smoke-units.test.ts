/**
 * The smoke test's small parts: the WAV it sends, the endpoint rule, Retry-After, private addresses,
 * the outputs reader, the api-version per family and the fake's validation per version.
 */
import { isPrivateAddress, retryAfterMs } from "../smoke/advice";
import {
    API_VERSION_OF,
    apiVersionFor,
    describeApiVersions,
    GA_API_VERSION,
    MEDIA_PREVIEW_API_VERSION,
} from "../smoke/api-versions";
import { DEFAULT_LIMITS, runSmoke } from "../smoke/run";
import { isLoopbackHost, parseStackOutputs } from "../smoke/outputs";
import { oneSecondWav } from "../smoke/wav";
import { documentOf, planStack, SHIPPED_STACKS } from "./helpers";
import { MEDIA_PREVIEW_API_VERSION as FAKE_PREVIEW, requestProblems, SPEC, SPEC_API_VERSION } from "./smoke-fake";

describe("oneSecondWav", () => {
    it("is one second of 16 kHz 16-bit mono PCM with a well-formed RIFF header", () => {
        const wav = oneSecondWav();
        expect(wav.subarray(0, 4).toString("ascii")).toBe("RIFF");
        expect(wav.readUInt32LE(4)).toBe(wav.length - 8);
        expect(wav.subarray(8, 16).toString("ascii")).toBe("WAVEfmt ");
        expect([wav.readUInt16LE(20), wav.readUInt16LE(22), wav.readUInt32LE(24), wav.readUInt16LE(34)]).toEqual([
            1, 1, 16_000, 16,
        ]);
        const dataBytes = wav.readUInt32LE(40);
        expect(dataBytes / wav.readUInt32LE(28)).toBe(1);
        expect(
            Math.max(...Array.from({ length: 200 }, (_, i) => Math.abs(wav.readInt16LE(44 + i * 2)))),
        ).toBeGreaterThan(0);
    });
});

describe("endpoints", () => {
    it.each([
        ["127.0.0.1", true],
        ["127.5.0.1", true],
        ["localhost", true],
        ["[::1]", true],
        ["10.0.0.1", false],
        ["aoai.openai.azure.com", false],
    ])("%s is loopback: %s", (host, loopback) => {
        expect(isLoopbackHost(host)).toBe(loopback);
    });

    it.each(["10.62.0.4", "172.16.0.1", "172.31.255.1", "192.168.1.1", "fd00::1"])("%s is private", (address) => {
        expect(isPrivateAddress(address)).toBe(true);
    });

    it.each(["20.62.0.4", "172.32.0.1", "8.8.8.8", "2603:1030::1"])("%s is public", (address) => {
        expect(isPrivateAddress(address)).toBe(false);
    });
});

describe("retryAfterMs", () => {
    const headers = (entries: Record<string, string>) => new Headers(entries);
    it("prefers retry-after-ms, then retry-after in seconds or as a date", () => {
        expect(retryAfterMs(headers({ "retry-after-ms": "250", "retry-after": "1" }))).toBe(250);
        expect(retryAfterMs(headers({ "retry-after": "6" }))).toBe(6000);
        const now = Date.parse("2026-12-06T06:00:00Z");
        expect(retryAfterMs(headers({ "retry-after": "Sun, 06 Dec 2026 06:00:04 GMT" }), now)).toBe(4000);
        expect(retryAfterMs(headers({}))).toBeUndefined();
    });
});

describe("parseStackOutputs", () => {
    it.each(SHIPPED_STACKS)(
        "reads the outputs the %s plan gives, every deployment with model and version",
        async (stack) => {
            const document = documentOf(await planStack(stack));
            const regions = parseStackOutputs(document.outputs, stack);
            const declared = document.resources.filter((r) => r.type === "azure-native:cognitiveservices:Deployment");
            expect(regions.flatMap((r) => r.deployments)).toHaveLength(declared.length);
            for (const deployment of regions.flatMap((r) => r.deployments)) {
                expect([deployment.name, typeof deployment.model, typeof deployment.version]).toEqual([
                    deployment.name,
                    "string",
                    "string",
                ]);
            }
            expect(regions.every((r) => r.endpoint.startsWith("https://"))).toBe(true);
            expect(regions.every((r) => r.privateEndpoint === (stack !== "dev"))).toBe(true);
        },
    );

    it("still reads outputs of a stack deployed before the per-deployment output (names by family only)", () => {
        const regions = parseStackOutputs(
            {
                regions: {
                    eastus2: { endpoint: "https://a.openai.azure.com/", deploymentsByFamily: { chat: ["chat"] } },
                },
            },
            "old.json",
        );
        expect(regions).toEqual([
            {
                region: "eastus2",
                endpoint: "https://a.openai.azure.com/",
                privateEndpoint: false,
                deployments: [{ name: "chat", family: "chat" }],
            },
        ]);
    });
});

describe("runSmoke without a token", () => {
    it("says to sign in, once per deployment, without calling anything", async () => {
        const [region] = await runSmoke({
            regions: [
                {
                    region: "eastus2",
                    endpoint: "http://127.0.0.1:9/",
                    privateEndpoint: false,
                    deployments: [{ name: "chat", family: "chat" }],
                },
            ],
            tokenProvider: () =>
                Promise.reject(
                    new Error("DefaultAzureCredential failed to retrieve a token from the included credentials.\nmore"),
                ),
            apiVersion: "2024-10-21",
            images: false,
            limits: DEFAULT_LIMITS,
        });
        expect(region?.results.map((r) => [r.status, r.result, r.advice])).toEqual([
            [
                "failed",
                "no token",
                "No Entra ID token (DefaultAzureCredential failed to retrieve a token from the included credentials.): sign in where DefaultAzureCredential looks (az login, workload identity, managed identity), or set AZURE_OPENAI_AD_TOKEN.",
            ],
        ]);
    });
});

describe("api-versions per family", () => {
    it("chat, reasoning and embeddings at GA; speech-to-text and image generation at the one preview; --api-version overrides", () => {
        expect(API_VERSION_OF).toEqual({
            chat: GA_API_VERSION,
            reasoning: GA_API_VERSION,
            embeddings: GA_API_VERSION,
            "speech-to-text": MEDIA_PREVIEW_API_VERSION,
            "image-generation": MEDIA_PREVIEW_API_VERSION,
        });
        // The GA version is the stored spec's; the fake serves the same preview the smoke test uses.
        expect([GA_API_VERSION, MEDIA_PREVIEW_API_VERSION]).toEqual([SPEC_API_VERSION, FAKE_PREVIEW]);
        expect(apiVersionFor("image-generation", "2024-10-21")).toBe("2024-10-21");
        expect(describeApiVersions()).toBe(
            "2024-10-21 for chat, reasoning, embeddings; 2025-04-01-preview for speech-to-text, image-generation",
        );
    });
});

describe("the fake data plane validates a body against the version asked for", () => {
    const images = SPEC.paths["/deployments/{deployment-id}/images/generations"]?.post;
    const body = { prompt: "A small blue square.", n: 1, size: "1024x1024", quality: "low" };

    it("refuses gpt-image's quality low at GA (the stored spec's imageQuality: standard, hd), though x-ms-enum is modelAsString", () => {
        expect(images).toBeDefined();
        expect(requestProblems(images!, body, SPEC_API_VERSION)).toEqual([
            `'quality': "low" is not valid at api-version ${SPEC_API_VERSION} (allowed: standard, hd)`,
        ]);
        expect(requestProblems(images!, { ...body, quality: "standard" }, SPEC_API_VERSION)).toEqual([]);
    });

    it("accepts it at the preview, and still refuses a value no version has", () => {
        expect(requestProblems(images!, body, FAKE_PREVIEW)).toEqual([]);
        expect(requestProblems(images!, { ...body, quality: "ultra" }, FAKE_PREVIEW)).toEqual([
            `'quality': "ultra" is not valid at api-version ${FAKE_PREVIEW} (allowed: standard, hd, low, medium, high, auto)`,
        ]);
        expect(requestProblems(images!, body, "2023-01-01")[0]).toContain("is not one the fake serves");
    });
});

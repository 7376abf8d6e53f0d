import {
    byName,
    documentOf,
    input,
    ofType,
    planConfig,
    planOnce,
    planStack,
    SHIPPED_STACKS,
    stackConfig,
    variant,
} from "./helpers";

const ACCOUNT = "azure-native:cognitiveservices:Account";
const DEPLOYMENT = "azure-native:cognitiveservices:Deployment";
const VAULT = "azure-native:keyvault:Vault";
const SECRET = "azure-native:keyvault:Secret";
const LOCK = "azure-native:authorization:ManagementLockByScope";

/**
 * dev with the account settings of two tests, planned once: independent, as kind and restore are
 * inputs of the account alone and local auth with stored keys adds only the key secret (each test
 * reads only those).
 */
const devWithAccountSettingsAndKeys = planOnce("dev", () =>
    variant(stackConfig("dev"), (c) => {
        c["accounts"] = { kind: "AIServices", restore: true, disableLocalAuth: false };
        c["keyVault"] = { storeAccountKeys: true };
    }),
);

describe.each(SHIPPED_STACKS)("shipped stack %s", (stack) => {
    it("validates and registers a resource group, an account per region, its deployments and the vault", async () => {
        const plan = documentOf(await planStack(stack));
        const regions = Object.keys(stackConfig(stack)["regions"] as object);
        expect(ofType(plan, "azure-native:resources:ResourceGroup")).toHaveLength(1);
        expect(
            ofType(plan, ACCOUNT)
                .map((a) => input(a, "location"))
                .sort(),
        ).toEqual([...regions].sort());
        expect(ofType(plan, DEPLOYMENT)).toHaveLength(regions.length * 4);
        expect(ofType(plan, VAULT)).toHaveLength(1);
        // Besides the gateway's per-team subscription keys (test/gateway.test.ts).
        expect(ofType(plan, SECRET).filter((s) => !s.urn.includes("aoai:platform:Gateway"))).toHaveLength(
            regions.length * 2,
        );
    });

    it("deploys one model per family that can be deployed today", async () => {
        const plan = documentOf(await planStack(stack));
        const models = ofType(plan, DEPLOYMENT).map((d) => `${String(input(d, "properties.model.name"))}`);
        expect(new Set(models)).toEqual(
            new Set(["gpt-5.4-mini", "gpt-5.4-nano", "gpt-4o-mini-transcribe", "gpt-image-2"]),
        );
    });
});

describe("account", () => {
    it("is an S0 OpenAI account with local auth off, a system identity, a unique subdomain and the standard tags", async () => {
        const plan = documentOf(await planStack("prod"));
        const account = byName(plan, "aoai-swedencentral");
        expect(account.type).toBe(ACCOUNT);
        expect(input(account, "kind")).toBe("OpenAI");
        expect(input(account, "sku")).toEqual({ name: "S0" });
        // System identity for the account itself; the user-assigned one unwraps the customer-managed key.
        expect(input(account, "identity.type")).toBe("SystemAssigned, UserAssigned");
        expect(input(account, "properties.disableLocalAuth")).toBe(true);
        expect(input(account, "properties.restore")).toBe(false);
        const subdomain = input(account, "properties.customSubDomainName");
        expect(subdomain).toMatch(/^aoai-prd-swedencentral-[a-z0-9]{6}$/);
        expect(input(account, "accountName")).toBe(subdomain);
        expect(input(account, "tags")).toEqual({
            environment: "prod",
            owner: "platform-team",
            "cost-center": "cc-1000",
            "managed-by": "pulumi",
            "data-classification": "confidential",
        });
    });

    it("takes kind AIServices and the restore flag from config", async () => {
        const account = ofType(documentOf(await devWithAccountSettingsAndKeys()), ACCOUNT)[0];
        expect(account && input(account, "kind")).toBe("AIServices");
        expect(account && input(account, "properties.restore")).toBe(true);
    });
});

describe("deployments", () => {
    it("set model, version, type, capacity, upgrade option and content filter explicitly", async () => {
        const plan = documentOf(await planStack("prod"));
        const reasoning = byName(plan, "aoai-swedencentral-reasoning");
        expect(reasoning.inputs).toMatchObject({
            deploymentName: "reasoning",
            sku: { name: "DataZoneStandard", capacity: 100 },
            properties: {
                model: { format: "OpenAI", name: "gpt-5.4-mini", version: "2026-03-17" },
                versionUpgradeOption: "NoAutoUpgrade",
                raiPolicyName: "strict",
            },
        });
    });

    it("of one account form a chain: each depends on the one before, the first on none", async () => {
        const plan = documentOf(await planStack("prod"));
        for (const region of ["swedencentral", "eastus2"]) {
            const chain = ["chat", "image", "reasoning", "transcribe"].map((name) =>
                byName(plan, `aoai-${region}-${name}`),
            );
            const deploymentUrns = new Set(ofType(plan, DEPLOYMENT).map((d) => d.urn));
            chain.forEach((deployment, index) => {
                const previous = chain[index - 1];
                const deploymentDeps = deployment.dependsOn.filter((urn) => deploymentUrns.has(urn));
                expect(deploymentDeps).toEqual(previous ? [previous.urn] : []);
                expect(deployment.dependsOn).toContain(byName(plan, `aoai-${region}`).urn);
            });
        }
    });

    it("of different regions never wait for each other's account", async () => {
        const plan = documentOf(await planStack("prod"));
        const eastAccount = byName(plan, "aoai-eastus2").urn;
        for (const deployment of ofType(plan, DEPLOYMENT).filter((d) => d.name.startsWith("aoai-swedencentral-"))) {
            expect(deployment.dependsOn).not.toContain(eastAccount);
            expect(deployment.dependsOn.some((urn) => urn.includes("aoai-eastus2-"))).toBe(false);
        }
    });

    it("keep their URNs when regions or deployments are reordered in config", async () => {
        const config = stackConfig("prod");
        const reordered = variant(config, (c) => {
            const regions = c["regions"] as Record<string, { deployments: Record<string, unknown> }>;
            const reversed = Object.fromEntries(
                Object.entries(regions)
                    .reverse()
                    .map(([region, account]) => [
                        region,
                        { deployments: Object.fromEntries(Object.entries(account.deployments).reverse()) },
                    ]),
            );
            c["regions"] = reversed;
        });
        // prod as shipped (the run's shared plan) against prod with its regions and deployments reversed.
        const first = documentOf(await planStack("prod"));
        const second = documentOf(await planConfig("prod", reordered));
        expect(second.resources).toEqual(first.resources);
    });
});

describe("key vault", () => {
    it("uses RBAC, soft delete for 90 days, purge protection and the tenant from getClientConfig", async () => {
        const vault = ofType(documentOf(await planStack("prod")), VAULT)[0];
        expect(vault?.inputs).toMatchObject({
            vaultName: expect.stringMatching(/^aoai-prd-kv-[a-z0-9]{6}$/) as unknown,
            properties: {
                tenantId: "11111111-1111-1111-1111-111111111111",
                sku: { family: "A", name: "standard" },
                enableRbacAuthorization: true,
                enableSoftDelete: true,
                softDeleteRetentionInDays: 90,
                enablePurgeProtection: true,
            },
        });
        expect(String(input(vault!, "vaultName")).length).toBeLessThanOrEqual(24);
    });

    it("holds each account's endpoint and deployment names, each with a content type and an expiry", async () => {
        const plan = documentOf(await planStack("dev"));
        const endpoint = byName(plan, "aoai-secrets-openai-eastus2-endpoint");
        expect(input(endpoint, "properties.value")).toMatch(
            /^https:\/\/aoai-dev-eastus2-[a-z0-9]{6}\.openai\.azure\.com\/$/,
        );
        expect(input(endpoint, "properties.contentType")).toBe("text/plain; charset=utf-8");
        const deployments = byName(plan, "aoai-secrets-openai-eastus2-deployments");
        expect(JSON.parse(String(input(deployments, "properties.value")))).toEqual({
            chat: ["chat"],
            reasoning: ["reasoning"],
            "speech-to-text": ["transcribe"],
            "image-generation": ["image"],
        });
        // Expiry: 2026-11-28 plus 365 days is 2027-11-28, rounded down to its month: 2027-11-01.
        const expected = Date.UTC(2027, 10, 1) / 1000;
        for (const secret of ofType(plan, "azure-native:keyvault:Secret")) {
            expect(input(secret, "properties.attributes.expires")).toBe(expected);
        }
    });

    it("stores the account key only when local auth is on, and only as a secret", async () => {
        const plan = documentOf(await devWithAccountSettingsAndKeys());
        const key = byName(plan, "aoai-secrets-openai-eastus2-key");
        expect(input(key, "properties.value")).toBe("[secret]");
        expect(JSON.stringify(plan)).not.toMatch(/mockkey1/);
    });

    it("never lists keys when local auth is off", async () => {
        const plan = documentOf(await planStack("prod"));
        expect(plan.resources.some((r) => r.name.endsWith("-key"))).toBe(false);
    });
});

describe("protection", () => {
    it("protects and locks accounts and the vault in prod", async () => {
        const plan = documentOf(await planStack("prod"));
        for (const resource of [...ofType(plan, ACCOUNT), ...ofType(plan, VAULT)]) {
            expect(resource.protect).toBe(true);
            const lock = plan.resources.find((r) => r.type === LOCK && r.dependsOn.includes(resource.urn));
            expect(lock?.inputs).toMatchObject({ level: "CanNotDelete" });
        }
    });

    it("leaves dev unprotected and unlocked", async () => {
        const plan = documentOf(await planStack("dev"));
        expect(plan.resources.filter((r) => r.protect)).toEqual([]);
        expect(ofType(plan, LOCK)).toEqual([]);
    });
});

describe("outputs", () => {
    it("give per region the endpoint, the deployment names by family and each deployment's model, the vault URI and secret names", async () => {
        const plan = documentOf(await planStack("dev"));
        expect(plan.outputs).toEqual({
            resourceGroupName: expect.stringMatching(/^aoai-/) as unknown,
            regions: {
                eastus2: {
                    endpoint: expect.stringMatching(/^https:\/\/aoai-dev-eastus2-/) as unknown,
                    deploymentsByFamily: {
                        chat: ["chat"],
                        "image-generation": ["image"],
                        reasoning: ["reasoning"],
                        "speech-to-text": ["transcribe"],
                    },
                    deployments: [
                        ["reasoning", "reasoning", "gpt-5.4-mini", "2026-03-17", 10],
                        ["chat", "chat", "gpt-5.4-nano", "2026-03-17", 10],
                        ["transcribe", "speech-to-text", "gpt-4o-mini-transcribe", "2025-12-15", 1],
                        ["image", "image-generation", "gpt-image-2", "2026-04-21", 1],
                    ].map(([name, family, model, version, capacity]) => ({
                        name,
                        family,
                        model,
                        version,
                        deploymentType: "GlobalStandard",
                        capacity,
                        contentFilter: "Microsoft.DefaultV2",
                    })),
                    privateEndpoint: false,
                    // Public, but the firewall denies all but 203.0.113.0/24.
                    networkRestricted: true,
                },
            },
            vaultUri: expect.stringMatching(/^https:\/\/aoai-dev-kv-[a-z0-9]{6}\.vault\.azure\.net\/$/) as unknown,
            secretNames: ["openai-eastus2-endpoint", "openai-eastus2-deployments"],
            applicationIdentityClientId: expect.stringMatching(/^[0-9a-f-]{36}$/) as unknown,
        });
    });
});

/**
 * The pack as the Pulumi CLI runs it, packed as `pulumi policy publish` uploads it: `npm pack` of
 * policies/, unpacked into an empty folder that holds nothing but the pack's declared dependencies
 * (linked from this repository's node_modules: no network in tests), then started with
 * @pulumi/pulumi's run-policy-pack, as `pulumi preview --policy-pack` does: it loads the pack with
 * its TypeScript runner (ts-node, the pack's tsconfig.json) and serves the analyzer over gRPC; the
 * engine then asks for the pack's info, configures it from --policy-pack-config and sends resources.
 * This test plays the engine. A rule importing ../../infra would fail here with "Cannot find module".
 * One runner serves every test here (each start loads the SDK and compiles the pack).
 */
import * as grpc from "@grpc/grpc-js";
import * as analyzerGrpc from "@pulumi/pulumi/proto/analyzer_grpc_pb";
import * as analyzerPb from "@pulumi/pulumi/proto/analyzer_pb";
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { Empty } from "google-protobuf/google/protobuf/empty_pb";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import { effectiveLevel, policySettings, readPackConfig, UNKNOWN_VALUE } from "../../plan/policy";
import { jsonSchemaIsCurrent } from "../../tools/catalog-sync/json-schema";
import { PACK_NAME, policies } from "../pack";

const POLICIES_DIR = path.resolve(__dirname, "..");
const ROOT = path.resolve(POLICIES_DIR, "..");
const LEVELS: Record<string, analyzerPb.EnforcementLevel> = {
    advisory: analyzerPb.EnforcementLevel.ADVISORY,
    mandatory: analyzerPb.EnforcementLevel.MANDATORY,
    disabled: analyzerPb.EnforcementLevel.DISABLED,
    remediate: analyzerPb.EnforcementLevel.REMEDIATE,
};

let workDir: string;
let packDir: string;
let packedFiles: string[];
let server: ChildProcess | undefined;
let client: analyzerGrpc.AnalyzerClient;

/** One unary gRPC call as a promise. */
function unary<Response>(
    invoke: (callback: (error: grpc.ServiceError | null, response: Response) => void) => unknown,
): Promise<Response> {
    return new Promise((resolve, reject) => {
        invoke((error, response) => (error ? reject(error) : resolve(response)));
    });
}

type StructValue = Parameters<typeof Struct.fromJavaScript>[0];
const struct = (value: unknown): Struct => Struct.fromJavaScript(value as StructValue);

function listFiles(dir: string, prefix = ""): string[] {
    return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
        entry.isDirectory()
            ? entry.name === "node_modules"
                ? []
                : listFiles(path.join(dir, entry.name), `${prefix}${entry.name}/`)
            : [`${prefix}${entry.name}`],
    );
}

beforeAll(async () => {
    workDir = mkdtempSync(path.join(tmpdir(), "policy-pack-"));
    const out = execFileSync("npm", ["pack", "--json", "--pack-destination", workDir], {
        cwd: POLICIES_DIR,
        encoding: "utf8",
        stdio: ["ignore", "pipe", "pipe"],
    });
    const [packed] = JSON.parse(out) as { filename: string }[];
    execFileSync("tar", ["-xzf", path.join(workDir, packed?.filename ?? "(npm pack wrote nothing)"), "-C", workDir]);
    packDir = path.join(workDir, "package");
    packedFiles = listFiles(packDir);
    // Only what the pack declares, as `npm install` of the uploaded pack would provide it.
    const manifest = JSON.parse(readFileSync(path.join(packDir, "package.json"), "utf8")) as {
        dependencies?: Record<string, string>;
        devDependencies?: Record<string, string>;
    };
    // devDependencies too: `npm install` in the unpacked pack installs them (TypeScript and Node's types for ts-node).
    for (const name of Object.keys({ ...manifest.dependencies, ...manifest.devDependencies })) {
        const target = path.join(packDir, "node_modules", name);
        mkdirSync(path.dirname(target), { recursive: true });
        symlinkSync(realpathSync(path.join(ROOT, "node_modules", name)), target, "dir");
    }

    // The pack's own copy of the runner, from the dependencies it declares.
    const runner = path.join(packDir, "node_modules", "@pulumi", "pulumi", "cmd", "run-policy-pack");
    server = spawn(process.execPath, [runner, "127.0.0.1:0", "."], {
        cwd: packDir,
        stdio: ["ignore", "pipe", "pipe"],
    });
    let stderr = "";
    server.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    // The analyzer prints the port it listens on, and nothing else, once the pack has loaded.
    const port = await new Promise<string>((resolve, reject) => {
        server?.stdout?.once("data", (chunk: Buffer) => resolve(chunk.toString().trim()));
        server?.once("exit", (code) => reject(new Error(`run-policy-pack exited ${String(code)}:\n${stderr}`)));
    });
    client = new analyzerGrpc.AnalyzerClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
}, 60_000);

afterAll(() => {
    client?.close();
    server?.kill();
    rmSync(workDir, { recursive: true, force: true });
});

describe("the published policy pack", () => {
    it("carries the catalog and imports nothing outside itself", () => {
        expect(packedFiles).toEqual(
            expect.arrayContaining(["index.ts", "PulumiPolicy.yaml", "catalog/catalog.json", "catalog/models.ts"]),
        );
        expect(packedFiles.filter((file) => file.startsWith("test/") || file.startsWith("scripts/"))).toEqual([]);
        const outside = packedFiles
            .filter((file) => file.endsWith(".ts"))
            .filter((file) => {
                const source = readFileSync(path.join(packDir, file), "utf8");
                return [...source.matchAll(/from "(\.[^"]+)"/g)].some(
                    ([, specifier]) =>
                        !path.resolve(path.dirname(path.join(packDir, file)), specifier!).startsWith(packDir),
                );
            });
        expect(outside).toEqual([]);
    });

    it("carries a catalog.schema.json rendered from the zod schema it validates with", () => {
        expect(jsonSchemaIsCurrent()).toBe(true);
    });
});

const ACCOUNT = "azure-native:cognitiveservices:Account";
const DEPLOYMENT = "azure-native:cognitiveservices:Deployment";
const urn = (type: string, name: string): string => `urn:pulumi:prod::aoai-platform::${type}::${name}`;

function diagnostics(response: analyzerPb.AnalyzeResponse): string[] {
    return response
        .getDiagnosticsList()
        .map((diagnostic) => `${diagnostic.getPolicyname()}: ${diagnostic.getMessage().split("\n").pop() ?? ""}`);
}

const account = (properties: Record<string, unknown>): Record<string, unknown> => ({
    kind: "OpenAI",
    location: "swedencentral",
    identity: { type: "SystemAssigned" },
    tags: {
        environment: "prod",
        owner: "platform-team",
        "cost-center": "cc-1000",
        "managed-by": "pulumi",
        "data-classification": "confidential",
    },
    properties: {
        disableLocalAuth: true,
        publicNetworkAccess: "Disabled",
        restrictOutboundNetworkAccess: true,
        allowedFqdnList: ["kv.vault.azure.net"],
        encryption: {
            keySource: "Microsoft.KeyVault",
            keyVaultProperties: { keyName: "k", keyVaultUri: UNKNOWN_VALUE },
        },
        ...properties,
    },
});

async function analyzeAccount(properties: Record<string, unknown>): Promise<string[]> {
    const request = new analyzerPb.AnalyzeRequest();
    request.setType(ACCOUNT);
    request.setUrn(urn(ACCOUNT, "acct"));
    request.setName("acct");
    request.setProperties(struct(account(properties)));
    const options = new analyzerPb.AnalyzerResourceOptions();
    options.setProtect(true);
    request.setOptions(options);
    return diagnostics(await unary((callback) => client.analyze(request, callback)));
}

describe("the pack under the Pulumi CLI's policy pack runner", () => {
    // Configure as the CLI does with --policy-pack-config policies/config/prod.json.
    beforeAll(async () => {
        const prod = readPackConfig(path.join(POLICIES_DIR, "config", "prod.json"));
        const request = new analyzerPb.ConfigureAnalyzerRequest();
        for (const policy of policies) {
            const config = new analyzerPb.PolicyConfig();
            config.setEnforcementlevel(LEVELS[effectiveLevel(policy, prod)] ?? analyzerPb.EnforcementLevel.ADVISORY);
            config.setProperties(struct(policySettings(policy, prod)));
            request.getPolicyconfigMap().set(policy.name, config);
        }
        await unary((callback) => client.configure(request, callback));
    });

    it("loads standalone with the CLI's TypeScript runner and describes every rule", async () => {
        const info = await unary<analyzerPb.AnalyzerInfo>((callback) => client.getAnalyzerInfo(new Empty(), callback));
        expect(info.getName()).toBe(PACK_NAME);
        expect(
            info
                .getPoliciesList()
                .map((policy) => policy.getName())
                .sort(),
        ).toEqual(policies.map((policy) => policy.name).sort());
        expect(info.getPoliciesList().map((policy) => policy.getName())).toContain(
            "azure-cognitiveservices-deployment-model-lifecycle",
        );
        const withSchema = info.getPoliciesList().filter((policy) => policy.getConfigschema() !== undefined);
        expect(withSchema).toHaveLength(policies.filter((policy) => policy.configSchema).length);
    });

    it("reports a resource violation, and nothing for a value a preview does not know yet", async () => {
        expect(await analyzeAccount({})).toEqual([]);
        expect(await analyzeAccount({ disableLocalAuth: false })).toEqual([
            "azure-cognitiveservices-account-local-auth-disabled: properties.disableLocalAuth is false: anyone " +
                "holding an account key can call the models; set it to true so that callers must authenticate with " +
                "Entra ID.",
        ]);
        expect(await analyzeAccount({ disableLocalAuth: UNKNOWN_VALUE })).toEqual([]);
    });

    it("runs stack rules over resources related by dependencies", async () => {
        const resource = (type: string, name: string, props: Record<string, unknown>, dependencies: string[]) => {
            const entry = new analyzerPb.AnalyzerResource();
            entry.setType(type);
            entry.setUrn(urn(type, name));
            entry.setName(name);
            entry.setProperties(struct(props));
            entry.setDependenciesList(dependencies);
            entry.setOptions(new analyzerPb.AnalyzerResourceOptions());
            return entry;
        };
        const deployment = { accountName: UNKNOWN_VALUE, properties: { raiPolicyName: "Microsoft.DefaultV2" } };
        const request = new analyzerPb.AnalyzeStackRequest();
        request.setResourcesList([
            resource(ACCOUNT, "acct", { accountName: UNKNOWN_VALUE, kind: "OpenAI", location: "swedencentral" }, []),
            resource(DEPLOYMENT, "chat", deployment, [urn(ACCOUNT, "acct")]),
            resource(DEPLOYMENT, "image", deployment, [urn(ACCOUNT, "acct")]),
        ]);
        const response = await unary<analyzerPb.AnalyzeResponse>((callback) => client.analyzeStack(request, callback));
        const policiesReported = diagnostics(response).map((line) => line.split(":")[0]);
        expect(policiesReported).toEqual([
            "azure-cognitiveservices-account-delete-lock",
            "azure-cognitiveservices-account-diagnostic-settings",
            "azure-cognitiveservices-account-private-endpoint",
            "azure-cognitiveservices-deployment-serialized",
        ]);
    });
});

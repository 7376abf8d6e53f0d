/**
 * The pack as the Pulumi CLI runs it: `pulumi preview --policy-pack policies` starts
 * @pulumi/pulumi's run-policy-pack, which loads policies/ with its TypeScript runner (ts-node,
 * policies/tsconfig.json) and serves the analyzer over gRPC; the engine then asks for the pack's
 * info, configures it from --policy-pack-config and sends resources. This test plays the engine.
 */
import * as grpc from "@grpc/grpc-js";
import * as analyzerGrpc from "@pulumi/pulumi/proto/analyzer_grpc_pb";
import * as analyzerPb from "@pulumi/pulumi/proto/analyzer_pb";
import { type ChildProcess, spawn } from "node:child_process";
import * as path from "node:path";
import { Empty } from "google-protobuf/google/protobuf/empty_pb";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import { effectiveLevel, policySettings, readPackConfig, UNKNOWN_VALUE } from "../../plan/policy";
import { PACK_NAME, policies } from "../pack";

const POLICIES_DIR = path.resolve(__dirname, "..");
const LEVELS: Record<string, analyzerPb.EnforcementLevel> = {
    advisory: analyzerPb.EnforcementLevel.ADVISORY,
    mandatory: analyzerPb.EnforcementLevel.MANDATORY,
    disabled: analyzerPb.EnforcementLevel.DISABLED,
    remediate: analyzerPb.EnforcementLevel.REMEDIATE,
};

let server: ChildProcess;
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

beforeAll(async () => {
    server = spawn(process.execPath, [require.resolve("@pulumi/pulumi/cmd/run-policy-pack"), "127.0.0.1:0", "."], {
        cwd: POLICIES_DIR,
        stdio: ["ignore", "pipe", "pipe"],
    });
    let stderr = "";
    server.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    // The analyzer prints the port it listens on, and nothing else, once the pack has loaded.
    const port = await new Promise<string>((resolve, reject) => {
        server.stdout?.once("data", (chunk: Buffer) => resolve(chunk.toString().trim()));
        server.once("exit", (code) => reject(new Error(`run-policy-pack exited ${String(code)}:\n${stderr}`)));
    });
    client = new analyzerGrpc.AnalyzerClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());

    // Configure as the CLI does with --policy-pack-config policies/config/prod.json.
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

afterAll(() => {
    client?.close();
    server?.kill();
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
    it("loads with the CLI's TypeScript runner and describes every rule", async () => {
        const info = await unary<analyzerPb.AnalyzerInfo>((callback) => client.getAnalyzerInfo(new Empty(), callback));
        expect(info.getName()).toBe(PACK_NAME);
        expect(
            info
                .getPoliciesList()
                .map((policy) => policy.getName())
                .sort(),
        ).toEqual(policies.map((policy) => policy.name).sort());
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

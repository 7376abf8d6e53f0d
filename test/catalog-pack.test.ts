/**
 * The policy pack as `pulumi policy publish` uploads it: `npm pack` of policies/, unpacked into an empty folder
 * that holds nothing but the pack's declared dependencies (linked from this repository's node_modules: no network
 * in tests), then loaded by @pulumi/pulumi's policy pack runner, which serves the analyzer the CLI asks for the
 * pack's name and rules. A rule importing ../../infra would fail here with "Cannot find module".
 */
import * as grpc from "@grpc/grpc-js";
import * as analyzerGrpc from "@pulumi/pulumi/proto/analyzer_grpc_pb";
import type * as analyzerPb from "@pulumi/pulumi/proto/analyzer_pb";
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { Empty } from "google-protobuf/google/protobuf/empty_pb";
import { PACK_NAME, policies } from "../policies/pack";
import { jsonSchemaIsCurrent } from "../tools/catalog-sync/json-schema";

const ROOT = path.resolve(__dirname, "..");
let workDir: string;
let packDir: string;
let packedFiles: string[];
let server: ChildProcess | undefined;
let client: analyzerGrpc.AnalyzerClient | undefined;

function listFiles(dir: string, prefix = ""): string[] {
    return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
        entry.isDirectory()
            ? entry.name === "node_modules"
                ? []
                : listFiles(path.join(dir, entry.name), `${prefix}${entry.name}/`)
            : [`${prefix}${entry.name}`],
    );
}

beforeAll(() => {
    workDir = mkdtempSync(path.join(tmpdir(), "policy-pack-"));
    const out = execFileSync("npm", ["pack", "--json", "--pack-destination", workDir], {
        cwd: path.join(ROOT, "policies"),
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
});

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

    it("loads standalone under the policy pack runner and registers every rule", async () => {
        const runner = path.join(packDir, "node_modules", "@pulumi", "pulumi", "cmd", "run-policy-pack");
        server = spawn(process.execPath, [runner, "127.0.0.1:0", "."], {
            cwd: packDir,
            stdio: ["ignore", "pipe", "pipe"],
        });
        let stderr = "";
        server.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
        const port = await new Promise<string>((resolve, reject) => {
            server?.stdout?.once("data", (chunk: Buffer) => resolve(chunk.toString().trim()));
            server?.once("exit", (code) => reject(new Error(`run-policy-pack exited ${String(code)}:\n${stderr}`)));
        });
        client = new analyzerGrpc.AnalyzerClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
        const info = await new Promise<analyzerPb.AnalyzerInfo>((resolve, reject) =>
            client!.getAnalyzerInfo(new Empty(), (error, response) => (error ? reject(error) : resolve(response))),
        );
        expect(info.getName()).toBe(PACK_NAME);
        const names = info
            .getPoliciesList()
            .map((policy) => policy.getName())
            .sort();
        expect(names).toEqual(policies.map((policy) => policy.name).sort());
        expect(names).toContain("azure-cognitiveservices-deployment-model-lifecycle");
    }, 60_000);
});

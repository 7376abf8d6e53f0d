/**
 * The stack outputs `npm run smoke` works from: `pulumi stack output --json --show-secrets=false`
 * (run without a shell) or a file holding that JSON. Only the `regions` output is read; every value
 * used is checked, and a bad one is refused naming its key, the value and what is allowed.
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import { isIP } from "node:net";
import type { ModelFamily } from "../policies/catalog/types";

/** Thrown for unreadable or malformed outputs and bad arguments: exit 2, no stack trace. */
export class SmokeInputError extends Error {}

/** Every family the program can list, in the order messages name them. */
export const FAMILIES: readonly ModelFamily[] = [
    "chat",
    "reasoning",
    "embeddings",
    "speech-to-text",
    "image-generation",
];

export interface SmokeDeployment {
    readonly name: string;
    readonly family: ModelFamily;
    /** Absent when the outputs predate the per-deployment output (then only names by family are known). */
    readonly model?: string;
    readonly version?: string;
    readonly deploymentType?: string;
    readonly capacity?: number;
    readonly contentFilter?: string;
}

export interface SmokeRegion {
    readonly region: string;
    /** The account endpoint, e.g. https://aoai-dev-eastus2-abc123.openai.azure.com/ */
    readonly endpoint: string;
    /** The stack puts the account behind a private endpoint: its host name must resolve privately. */
    readonly privateEndpoint: boolean;
    readonly deployments: readonly SmokeDeployment[];
}

type Raw = Record<string, unknown>;

function isObject(value: unknown): value is Raw {
    return typeof value === "object" && value !== null && !Array.isArray(value);
}

function refuse(source: string, key: string, given: unknown, allowed: string): never {
    throw new SmokeInputError(`${source}: ${key}: got ${JSON.stringify(given)}; allowed: ${allowed}`);
}

/** True for 127.0.0.0/8, ::1 and localhost: the only hosts reached over plain http (tests, fakes). */
export function isLoopbackHost(hostname: string): boolean {
    const host = hostname.replace(/^\[|\]$/g, "");
    if (host === "localhost") {
        return true;
    }
    if (isIP(host) === 4) {
        return host.startsWith("127.");
    }
    return host === "::1";
}

function checkEndpoint(source: string, key: string, value: unknown): string {
    const allowed = "an https:// URL (http:// only for a loopback address such as 127.0.0.1)";
    if (typeof value !== "string" || value === "") {
        return refuse(source, key, value, allowed);
    }
    let url: URL;
    try {
        url = new URL(value);
    } catch {
        return refuse(source, key, value, allowed);
    }
    const secure = url.protocol === "https:";
    const loopback = url.protocol === "http:" && isLoopbackHost(url.hostname);
    if (!(secure || loopback) || url.username !== "" || url.password !== "") {
        return refuse(source, key, value, allowed);
    }
    return value;
}

function isFamily(value: unknown): value is ModelFamily {
    return typeof value === "string" && (FAMILIES as readonly string[]).includes(value);
}

function optionalString(source: string, key: string, value: unknown): string | undefined {
    if (value === undefined || value === null) {
        return undefined;
    }
    return typeof value === "string" && value !== "" ? value : refuse(source, key, value, "a non-empty string");
}

function readDeployments(source: string, region: string, raw: Raw): SmokeDeployment[] {
    const key = `regions.${region}`;
    if (raw["deployments"] !== undefined) {
        if (!Array.isArray(raw["deployments"])) {
            return refuse(source, `${key}.deployments`, raw["deployments"], "a list of deployments");
        }
        return raw["deployments"].map((entry: unknown, index): SmokeDeployment => {
            const at = `${key}.deployments[${index}]`;
            if (!isObject(entry)) {
                return refuse(source, at, entry, "an object with name, family, model and version");
            }
            const name = optionalString(source, `${at}.name`, entry["name"]);
            if (name === undefined) {
                return refuse(source, `${at}.name`, entry["name"], "the deployment's name");
            }
            if (!isFamily(entry["family"])) {
                return refuse(source, `${at}.family`, entry["family"], FAMILIES.join(", "));
            }
            const capacity = entry["capacity"];
            if (capacity !== undefined && (typeof capacity !== "number" || !(capacity > 0))) {
                return refuse(source, `${at}.capacity`, capacity, "a positive number");
            }
            const optional = {
                model: optionalString(source, `${at}.model`, entry["model"]),
                version: optionalString(source, `${at}.version`, entry["version"]),
                deploymentType: optionalString(source, `${at}.deploymentType`, entry["deploymentType"]),
                contentFilter: optionalString(source, `${at}.contentFilter`, entry["contentFilter"]),
                capacity,
            };
            return {
                name,
                family: entry["family"],
                ...Object.fromEntries(Object.entries(optional).filter(([, v]) => v !== undefined)),
            };
        });
    }
    // Outputs of a stack deployed before the per-deployment output existed: names by family only.
    const byFamily = raw["deploymentsByFamily"];
    if (!isObject(byFamily)) {
        return refuse(source, `${key}.deploymentsByFamily`, byFamily, "deployment names by family");
    }
    return Object.entries(byFamily).flatMap(([family, names]) => {
        if (!isFamily(family)) {
            return refuse(source, `${key}.deploymentsByFamily`, family, FAMILIES.join(", "));
        }
        if (!Array.isArray(names) || !names.every((n) => typeof n === "string" && n !== "")) {
            return refuse(source, `${key}.deploymentsByFamily.${family}`, names, "a list of deployment names");
        }
        return (names as string[]).map((name) => ({ name, family }));
    });
}

/** Checks the `regions` output of `pulumi stack output --json` and returns what to call. */
export function parseStackOutputs(document: unknown, source: string): SmokeRegion[] {
    if (!isObject(document)) {
        return refuse(source, "(document)", typeof document, "the JSON object `pulumi stack output --json` prints");
    }
    const regions = document["regions"];
    if (!isObject(regions) || Object.keys(regions).length === 0) {
        return refuse(source, "regions", regions, "per region an object with endpoint and deployments");
    }
    return Object.entries(regions)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([region, raw]) => {
            if (!isObject(raw)) {
                return refuse(source, `regions.${region}`, raw, "an object with endpoint and deployments");
            }
            const privateEndpoint = raw["privateEndpoint"] ?? false;
            if (typeof privateEndpoint !== "boolean") {
                return refuse(source, `regions.${region}.privateEndpoint`, privateEndpoint, "true or false");
            }
            return {
                region,
                endpoint: checkEndpoint(source, `regions.${region}.endpoint`, raw["endpoint"]),
                privateEndpoint,
                deployments: readDeployments(source, region, raw),
            };
        });
}

function parseJson(text: string, source: string): unknown {
    try {
        return JSON.parse(text) as unknown;
    } catch (error) {
        throw new SmokeInputError(`${source}: not JSON (${(error as Error).message})`);
    }
}

/** Reads a file holding the JSON `pulumi stack output --json --show-secrets=false` prints. */
export function readOutputsFile(file: string): SmokeRegion[] {
    let text: string;
    try {
        text = fs.readFileSync(file, "utf8");
    } catch (error) {
        throw new SmokeInputError(
            `--outputs ${file}: cannot read it (${(error as NodeJS.ErrnoException).code ?? "error"})`,
        );
    }
    return parseStackOutputs(parseJson(text, file), file);
}

/** Asks the Pulumi CLI for the stack's outputs, secrets masked, without a shell. */
export function readStackOutputs(stack: string, env: NodeJS.ProcessEnv = process.env): SmokeRegion[] {
    const args = ["stack", "output", "--json", "--show-secrets=false", "--stack", stack];
    const source = `pulumi ${args.join(" ")}`;
    let text: string;
    try {
        text = execFileSync("pulumi", args, {
            encoding: "utf8",
            env,
            stdio: ["ignore", "pipe", "pipe"],
            maxBuffer: 16 * 1024 * 1024,
        });
    } catch (error) {
        const failure = error as NodeJS.ErrnoException & { stderr?: string; status?: number };
        if (failure.code === "ENOENT") {
            throw new SmokeInputError(
                `${source}: the Pulumi CLI is not on PATH; install it, or pass --outputs FILE with that command's output`,
            );
        }
        const stderr = (failure.stderr ?? "").trim().split("\n").slice(-3).join("\n");
        throw new SmokeInputError(`${source} failed (exit ${failure.status ?? "?"}): ${stderr}`);
    }
    return parseStackOutputs(parseJson(text, source), source);
}

/**
 * Measures child processes: wall time (process.hrtime around the child), CPU time and peak memory.
 * Peak memory and CPU come from GNU time (`/usr/bin/time -f`, Debian package `time`) when it is
 * installed; otherwise every Node process of the child's tree reports its own
 * `process.resourceUsage()` at exit through a preloaded module (`report-usage.js`), which misses
 * non-Node processes (the native TypeScript 7 compiler).
 */
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";

export const GNU_TIME = "/usr/bin/time";
const REPORTER = path.join(__dirname, "report-usage.js");

export type UsageSource = "gnu-time" | "node-report";

export interface Sample {
    readonly wallMs: number;
    /** User + system CPU of the whole process tree. */
    readonly cpuMs: number | null;
    /** Peak resident set of the largest process in the tree, in MB. */
    readonly peakRssMb: number | null;
    readonly exitCode: number;
    readonly stdout: string;
    readonly stderr: string;
}

export interface Command {
    /** Shell command, run with `sh -c` from the project directory (as npm runs scripts). */
    readonly shell: string;
    /** Extra environment. */
    readonly env?: Readonly<Record<string, string>>;
}

let sequence = 0;

export function usageSource(): UsageSource {
    return fs.existsSync(GNU_TIME) ? "gnu-time" : "node-report";
}

function parseGnuTime(text: string): { cpuMs: number; peakRssMb: number } | null {
    // `-f "%U %S %M"`: user seconds, system seconds, max RSS in KB; GNU time may put a status line first.
    const line = text.trim().split("\n").pop() ?? "";
    const [user, system, rss] = line.trim().split(/\s+/).map(Number);
    if (user === undefined || system === undefined || rss === undefined || [user, system, rss].some(Number.isNaN)) {
        return null;
    }
    return { cpuMs: (user + system) * 1000, peakRssMb: rss / 1024 };
}

function parseReports(text: string): { cpuMs: number; peakRssMb: number } | null {
    const reports = text
        .split("\n")
        .filter((line) => line.trim() !== "")
        .map((line) => JSON.parse(line) as { maxRssKb: number; cpuMs: number });
    if (reports.length === 0) {
        return null;
    }
    return {
        cpuMs: reports.reduce((sum, report) => sum + report.cpuMs, 0),
        peakRssMb: Math.max(...reports.map((report) => report.maxRssKb)) / 1024,
    };
}

/** Runs `command` once in `cwd`, with its output captured (the caller decides what to keep). */
export function runOnce(command: Command, cwd: string, scratchDir: string): Promise<Sample> {
    fs.mkdirSync(scratchDir, { recursive: true });
    const usageFile = path.join(scratchDir, `usage-${process.pid}-${++sequence}.txt`);
    const source = usageSource();
    const env: NodeJS.ProcessEnv = {
        ...process.env,
        ...command.env,
        PATH: `${path.join(cwd, "node_modules", ".bin")}${path.delimiter}${command.env?.["PATH"] ?? process.env["PATH"] ?? ""}`,
    };
    let file: string;
    let args: string[];
    if (source === "gnu-time") {
        file = GNU_TIME;
        args = ["-f", "%U %S %M", "-o", usageFile, "sh", "-c", command.shell];
    } else {
        file = "sh";
        args = ["-c", command.shell];
        env["BENCH_USAGE_FILE"] = usageFile;
        env["NODE_OPTIONS"] = `${env["NODE_OPTIONS"] ?? ""} --require ${REPORTER}`.trim();
    }
    return new Promise((resolve, reject) => {
        const started = process.hrtime.bigint();
        const child = spawn(file, args, { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
        const stdout: Buffer[] = [];
        const stderr: Buffer[] = [];
        child.stdout.on("data", (chunk: Buffer) => stdout.push(chunk));
        child.stderr.on("data", (chunk: Buffer) => stderr.push(chunk));
        child.on("error", reject);
        child.on("close", (code, signal) => {
            const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
            const text = fs.existsSync(usageFile) ? fs.readFileSync(usageFile, "utf8") : "";
            fs.rmSync(usageFile, { force: true });
            const usage = source === "gnu-time" ? parseGnuTime(text) : parseReports(text);
            resolve({
                wallMs,
                cpuMs: usage?.cpuMs ?? null,
                peakRssMb: usage?.peakRssMb ?? null,
                exitCode: code ?? (signal ? 128 : 1),
                stdout: Buffer.concat(stdout).toString("utf8"),
                stderr: Buffer.concat(stderr).toString("utf8"),
            });
        });
    });
}

export interface Summary {
    readonly runs: number;
    readonly medianMs: number;
    readonly minMs: number;
    readonly maxMs: number;
    /** (max − min) / median. */
    readonly spread: number;
    readonly cpuMedianMs: number | null;
    readonly peakRssMedianMb: number | null;
    readonly peakRssMaxMb: number | null;
}

export function median(values: readonly number[]): number {
    const sorted = [...values].sort((a, b) => a - b);
    const middle = Math.floor(sorted.length / 2);
    return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

export function summarize(samples: readonly Sample[]): Summary {
    const walls = samples.map((sample) => sample.wallMs);
    const cpus = samples.map((sample) => sample.cpuMs).filter((value): value is number => value !== null);
    const rss = samples.map((sample) => sample.peakRssMb).filter((value): value is number => value !== null);
    const medianMs = median(walls);
    return {
        runs: samples.length,
        medianMs,
        minMs: Math.min(...walls),
        maxMs: Math.max(...walls),
        spread: (Math.max(...walls) - Math.min(...walls)) / medianMs,
        cpuMedianMs: cpus.length > 0 ? median(cpus) : null,
        peakRssMedianMb: rss.length > 0 ? median(rss) : null,
        peakRssMaxMb: rss.length > 0 ? Math.max(...rss) : null,
    };
}

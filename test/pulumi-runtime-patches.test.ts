/**
 * The plan and the tests load two files of @pulumi/pulumi's runtime rewritten
 * (scripts/pulumi-runtime-patches.js). These tests fail when an SDK upgrade changes the code a
 * patch expects, and show that the patches change neither what is registered nor what the skipped
 * work would have produced when something asks for it.
 */
import * as pulumi from "@pulumi/pulumi";
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import { promisify } from "node:util";
import { PROJECT_DIR } from "../plan/plan";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const patches = require("../scripts/pulumi-runtime-patches") as {
    PATCHED_FILES: readonly string[];
    patchSource(file: string, source: string): string | null;
};

const run = promisify(execFile);

/** The marker each patched module exports, by the file's path under @pulumi/pulumi. */
const MARKERS = {
    resource: "__lazyCollapsedAliases",
    "runtime/debuggable": "__stackTracesForLeakDebuggingOnly",
} as const;

/** Pulumi's mock runtime for project "project", stack "stack": any invoke fails. */
function useStrictMocks(): Promise<void> {
    return pulumi.runtime.setMocks(
        {
            newResource: (args) => ({ id: `${args.name}-id`, state: {} }),
            call: (args) => {
                throw new Error(`unexpected invoke ${args.token}`);
            },
        },
        "project",
        "stack",
        false,
    );
}

/** What an Output resolves to (Output's own `promise()` is internal to the SDK). */
function valueOf<T>(output: pulumi.Output<T>): Promise<T> {
    return new Promise((resolve) => output.apply(resolve));
}

interface AliasSpecLike {
    getType(): string;
    getName(): string;
}
interface AliasLike {
    getSpec(): AliasSpecLike | undefined;
}
interface RegisterRequestLike {
    getName(): string;
    getAliasesList(): AliasLike[];
}
interface MonitorLike {
    registerResource(request: RegisterRequestLike, callback: unknown): unknown;
}

const ALIAS_TYPES = ["test:index/v20240101:Widget", "test:index/v20250101:Widget"];

class Widget extends pulumi.CustomResource {
    constructor(name: string, opts?: pulumi.CustomResourceOptions) {
        super("test:index:Widget", name, {}, { ...opts, aliases: ALIAS_TYPES.map((type) => ({ type })) });
    }
}

describe("runtime patches", () => {
    it.each(patches.PATCHED_FILES)("apply to the installed %s", (file) => {
        const source = fs.readFileSync(file, "utf8");
        const patched = patches.patchSource(file, source);
        expect(patched).not.toBeNull();
        expect(patched).not.toEqual(source);
    });

    it.each(patches.PATCHED_FILES)("keep every line of %s where it was (stack traces, source maps)", (file) => {
        const source = fs.readFileSync(file, "utf8");
        const sourceMapLine = (text: string): number =>
            text.split("\n").findIndex((line) => line.startsWith("//# sourceMappingURL="));
        expect(sourceMapLine(source)).toBeGreaterThan(0);
        expect(sourceMapLine(patches.patchSource(file, source)!)).toBe(sourceMapLine(source));
    });

    it("leave code of another shape alone", () => {
        expect(patches.patchSource(patches.PATCHED_FILES[0]!, "this.__aliases = [];")).toBeNull();
        expect(patches.patchSource("/elsewhere/resource.js", "anything")).toBeNull();
    });

    it.each(Object.entries(MARKERS))("are what Jest loads: %s", (module, marker) => {
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        expect((require(`@pulumi/pulumi/${module}`) as Record<string, unknown>)[marker]).toBe(true);
    });

    it("are what the command-line tools load", async () => {
        const probe =
            'require("./scripts/register");' +
            `const markers = Object.entries(${JSON.stringify(MARKERS)});` +
            "const loaded = markers.map(([module, marker]) => require(`@pulumi/pulumi/${module}`)[marker]);" +
            "process.stdout.write(JSON.stringify(loaded));";
        const { stdout } = await run(process.execPath, ["-e", probe], { cwd: PROJECT_DIR });
        expect(JSON.parse(stdout)).toEqual(Object.values(MARKERS).map(() => true));
    });
});

describe("lazily collapsed aliases", () => {
    it("registers the aliases as given and collapses them to the same URNs when read", async () => {
        const registered = new Map<string, string[]>();
        await useStrictMocks();
        const monitor = pulumi.runtime.getMonitor() as unknown as MonitorLike;
        const registerResource = monitor.registerResource.bind(monitor);
        monitor.registerResource = (request, callback) => {
            registered.set(
                request.getName(),
                request.getAliasesList().map((alias) => alias.getSpec()?.getType() ?? ""),
            );
            return registerResource(request, callback);
        };

        const widget = new Widget("widget");
        expect(Object.getOwnPropertyDescriptor(widget, "__aliases")).toHaveProperty("get");
        await valueOf(widget.urn);

        expect(registered.get("widget")).toEqual(ALIAS_TYPES);
        const aliases = (widget as unknown as { __aliases: pulumi.Output<string>[] }).__aliases;
        const urns = await Promise.all(aliases.map(valueOf));
        expect(urns).toEqual(ALIAS_TYPES.map((type) => `urn:pulumi:stack::project::${type}::widget`));
    });
});

class Gadget extends pulumi.CustomResource {
    constructor(name: string, opts?: pulumi.CustomResourceOptions) {
        super("test:index:Gadget", name, {}, opts);
    }
}

describe("aliases whose collapse could fail", () => {
    it("are collapsed at once, as the SDK does", async () => {
        await useStrictMocks();
        const renamed = new Gadget("gadget", { aliases: [{ name: pulumi.output("old-gadget") }] });
        const descriptor = Object.getOwnPropertyDescriptor(renamed, "__aliases");
        expect(descriptor).toHaveProperty("value");
        const [alias] = descriptor?.value as pulumi.Output<string>[];
        expect(await valueOf(alias!)).toBe("urn:pulumi:stack::project::test:index:Gadget::old-gadget");
        await valueOf(renamed.urn);
    });
});

describe("promise stack traces only for leak debugging", () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const debuggable = require("@pulumi/pulumi/runtime/debuggable") as {
        debugPromiseLeaks: boolean;
        debuggablePromise<T>(promise: Promise<T>, context: string): Promise<T>;
    };
    const traceOf = async (): Promise<unknown> => {
        const promise = Promise.resolve(42);
        expect(await debuggable.debuggablePromise(promise, "test")).toBe(42);
        return (promise as unknown as { _debugStackTrace?: unknown })._debugStackTrace;
    };
    const setting = debuggable.debugPromiseLeaks;
    afterEach(() => {
        debuggable.debugPromiseLeaks = setting;
    });

    it("records none when leak debugging is off", async () => {
        debuggable.debugPromiseLeaks = false;
        expect(await traceOf()).toBe("");
    });

    it("records the trace when PULUMI_DEBUG_PROMISE_LEAKS turned leak debugging on", async () => {
        debuggable.debugPromiseLeaks = true;
        // Through the SDK's source map (debuggable.ts) when Jest has just transformed the file.
        expect(await traceOf()).toMatch(/\bat .*debuggable\.[jt]s:\d+/);
    });
});

/**
 * The plan and the tests load @pulumi/pulumi's resource.js with alias URNs computed when read
 * (scripts/pulumi-lazy-aliases.js). These tests fail when an SDK upgrade changes the code the patch
 * expects, and show that the patch changes neither what is registered nor the URNs it defers.
 */
import * as pulumi from "@pulumi/pulumi";
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import { promisify } from "node:util";
import { PROJECT_DIR } from "../plan/plan";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const lazyAliases = require("../scripts/pulumi-lazy-aliases") as {
    RESOURCE_FILE: string;
    patchResourceSource(source: string): string | null;
};

const run = promisify(execFile);

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

describe("lazily collapsed aliases", () => {
    it("applies to the installed @pulumi/pulumi", () => {
        const patched = lazyAliases.patchResourceSource(fs.readFileSync(lazyAliases.RESOURCE_FILE, "utf8"));
        expect(patched).toContain("lazyCollapsedAliases(this,");
        expect(patched).not.toContain("this.__aliases.push(collapseAliasToUrn(");
    });

    it("leaves code of another shape alone", () => {
        expect(lazyAliases.patchResourceSource("this.__aliases = [];")).toBeNull();
    });

    it("is what Jest loads", () => {
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const resourceModule = require("@pulumi/pulumi/resource") as { __lazyCollapsedAliases?: unknown };
        expect(resourceModule.__lazyCollapsedAliases).toBe(true);
    });

    it("is what the command-line tools load", async () => {
        const { stdout } = await run(
            process.execPath,
            [
                "-e",
                'require("./scripts/register"); process.stdout.write(String(require("@pulumi/pulumi/resource").__lazyCollapsedAliases))',
            ],
            { cwd: PROJECT_DIR },
        );
        expect(stdout).toBe("true");
    });

    it("registers the aliases as given and collapses them to the same URNs when read", async () => {
        const registered = new Map<string, string[]>();
        await pulumi.runtime.setMocks(
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

/**
 * The stack's configuration from its three sources, with the Pulumi CLI's precedence (stack file >
 * ESC environments > Pulumi.yaml): unit tests of the merge, and whole plans of a copy of the project.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import {
    ConfigSourceError,
    type EscValues,
    mergePatch,
    readProjectFile,
    readStackFile,
    resolveStackConfig,
} from "../plan/config-sources";
import { buildPlan, PROJECT_DIR } from "../plan/plan";
import { documentOf, TEST_DATE } from "./helpers";

const MAIN = path.join(PROJECT_DIR, "infra", "index.ts");
const DEV_STACK = fs.readFileSync(path.join(PROJECT_DIR, "Pulumi.dev.yaml"), "utf8");

const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

/** A project directory with this Pulumi.yaml `config:` block and these stack files. */
function project(projectConfig: string, stacks: Record<string, string>, files: Record<string, string> = {}): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "aoai-sources-"));
    dirs.push(dir);
    fs.writeFileSync(
        path.join(dir, "Pulumi.yaml"),
        `name: aoai-platform\nruntime: nodejs\nmain: ${MAIN}\n${projectConfig ? `config:\n${projectConfig}` : ""}`,
    );
    for (const [stack, text] of Object.entries(stacks)) {
        fs.writeFileSync(path.join(dir, `Pulumi.${stack}.yaml`), text);
    }
    for (const [name, text] of Object.entries(files)) {
        fs.writeFileSync(path.join(dir, name), text);
    }
    return dir;
}

function resolve(dir: string, stack = "dev", esc: readonly EscValues[] = []) {
    return resolveStackConfig(readProjectFile(dir), stack, readStackFile(dir, stack), esc);
}

function refusal(run: () => unknown): string {
    try {
        run();
    } catch (error) {
        expect(error).toBeInstanceOf(ConfigSourceError);
        return (error as Error).message;
    }
    throw new Error("expected a ConfigSourceError");
}

const esc = (pulumiConfig: Record<string, unknown>, file = "esc.json"): EscValues => ({ file, pulumiConfig });

describe("Pulumi.yaml config", () => {
    const stack = "config:\n  aoai-platform:namePrefix: from-stack\n";

    it("a plain value of a project key is its default; of another namespace's key, its value", () => {
        const dir = project(
            "  namePrefix: from-project\n  location: eastus2\n  pulumi:tags:\n    value:\n      team: a\n",
            {
                dev: stack,
            },
        );
        const { config, sources } = resolve(dir);
        expect(config["aoai-platform:namePrefix"]).toBe("from-stack");
        expect(sources["aoai-platform:namePrefix"]).toBe("stack");
        expect(config["aoai-platform:location"]).toBe("eastus2");
        expect(sources["aoai-platform:location"]).toBe("project");
        expect(config["pulumi:tags"]).toEqual({ team: "a" });
    });

    it("value: and default: both apply only when the stack does not set the key, namespaced or not", () => {
        const dir = project(
            "  aoai-platform:lifecycle:\n    value:\n      catalogMaxAgeDays: 365\n  tags:\n    default:\n      owner: x\n      costCenter: y\n",
            { dev: "config:\n  aoai-platform:tags:\n    owner: stack-owner\n    costCenter: cc\n" },
        );
        const { config, sources } = resolve(dir);
        expect(config["aoai-platform:lifecycle"]).toEqual({ catalogMaxAgeDays: 365 });
        expect(sources["aoai-platform:lifecycle"]).toBe("project");
        // The stack's value replaces the project's whole: no merge between the two.
        expect(config["aoai-platform:tags"]).toEqual({ owner: "stack-owner", costCenter: "cc" });
    });

    it("refuses what the CLI refuses: both value and default, a type or default on another namespace, a mapping without value:", () => {
        expect(
            refusal(() => resolve(project("  namePrefix:\n    value: a\n    default: b\n", { dev: stack }))),
        ).toContain("has both default: and value:");
        expect(
            refusal(() =>
                resolve(project("  azure-native:location:\n    type: string\n    value: x\n", { dev: stack })),
            ),
        ).toContain("is not namespaced by the project (aoai-platform) and should not define a type");
        expect(refusal(() => resolve(project("  azure-native:location:\n    default: x\n", { dev: stack })))).toContain(
            "should not define a default; use value: instead",
        );
        const objectShorthand = refusal(() =>
            resolve(project("  aoai-platform:lifecycle:\n    catalogMaxAgeDays: 365\n", { dev: stack })),
        );
        expect(objectShorthand).toContain('config.aoai-platform:lifecycle: unknown attribute "catalogMaxAgeDays"');
        expect(objectShorthand).toContain("An object value goes under value: or default:");
    });

    it("typed declarations: a missing required key, a value of the wrong type and a secret in plain text are refused", () => {
        const required = project("  environment:\n    type: string\n", {
            dev: "config:\n  aoai-platform:location: x\n",
        });
        expect(refusal(() => resolve(required))).toContain("Stack 'dev' is missing configuration value 'environment'");
        const typed = project("  secretExpiryDays:\n    type: integer\n", {
            dev: "config:\n  aoai-platform:secretExpiryDays: soon\n",
        });
        expect(refusal(() => resolve(typed))).toContain(
            "Stack 'dev' with configuration key 'secretExpiryDays' must be of type 'integer'",
        );
        const ok = project(
            "  secretExpiryDays:\n    type: integer\n  ranges:\n    type: array\n    items:\n      type: string\n",
            {
                dev: 'config:\n  aoai-platform:secretExpiryDays: "30"\n  aoai-platform:ranges: [a, b]\n',
            },
        );
        expect(resolve(ok).config["aoai-platform:secretExpiryDays"]).toBe("30");
        const arrayWithoutItems = project("  ranges:\n    type: array\n    default: []\n", { dev: stack });
        expect(refusal(() => resolve(arrayWithoutItems))).toContain(
            "declares an array but does not give the item type",
        );
        const secret = project("  apiKey:\n    secret: true\n", { dev: "config:\n  aoai-platform:apiKey: plain\n" });
        expect(refusal(() => resolve(secret))).toContain("must be encrypted as it's secret");
        const wrongDefault = project("  days:\n    type: integer\n    default: many\n", { dev: stack });
        expect(refusal(() => resolve(wrongDefault))).toContain("default: is not of the declared type integer");
    });
});

describe("ESC environments (environment: in the stack file)", () => {
    const importing =
        "environment:\n  - aoai/dev\nconfig:\n  aoai-platform:namePrefix: from-stack\n  aoai-platform:tags:\n    owner: stack-owner\n";

    it("without --esc-values: refused with how to supply the values", () => {
        const message = refusal(() => resolve(project("", { dev: importing })));
        expect(message).toContain("Pulumi.dev.yaml imports ESC environment aoai/dev (environment:)");
        expect(message).toContain("esc env open <org>/aoai/dev --format json > esc-dev.json");
        expect(message).toContain("npm run plan -- --stack dev --esc-values esc-dev.json");
    });

    it("with --esc-values: environment under the stack file (merge patch), over Pulumi.yaml; other namespaces kept secret", () => {
        const dir = project("  location: from-project\n  environment: from-project\n", { dev: importing });
        const { config, sources, secretKeys } = resolve(dir, "dev", [
            esc({
                location: "from-esc",
                "aoai-platform:namePrefix": "from-esc",
                "aoai-platform:tags": { owner: "esc-owner", costCenter: "cc-esc" },
                "azure-native:clientId": "00000000-0000-0000-0000-000000000001",
            }),
        ]);
        expect(config["aoai-platform:location"]).toBe("from-esc");
        expect(sources["aoai-platform:location"]).toBe("environment");
        expect(config["aoai-platform:namePrefix"]).toBe("from-stack");
        expect(config["aoai-platform:tags"]).toEqual({ owner: "stack-owner", costCenter: "cc-esc" });
        expect(sources["aoai-platform:tags"]).toBe("stack+environment");
        expect(config["aoai-platform:environment"]).toBe("from-project");
        expect(secretKeys).toContain("azure-native:clientId");
        expect(secretKeys).not.toContain("aoai-platform:location");
    });

    it("several environments merge in order, the later over the earlier", () => {
        const dir = project("", { dev: "environment: [aoai/common, aoai/dev]\n" });
        const { config } = resolve(dir, "dev", [
            esc({ tags: { owner: "a", costCenter: "c1" }, location: "x" }, "common.json"),
            esc({ tags: { costCenter: "c2" } }, "dev.json"),
        ]);
        expect(config["aoai-platform:tags"]).toEqual({ owner: "a", costCenter: "c2" });
        expect(config["aoai-platform:location"]).toBe("x");
    });

    it("--esc-values for a stack that imports nothing is refused", () => {
        expect(refusal(() => resolve(project("", { dev: "config: {}\n" }), "dev", [esc({})]))).toContain(
            "imports no ESC environment",
        );
    });

    it("mergePatch follows RFC 7386", () => {
        expect(mergePatch({ a: "b", c: { d: "e", f: "g" } }, { a: "z", c: { f: null } })).toEqual({
            a: "z",
            c: { d: "e" },
        });
        expect(mergePatch({ a: [1, 2] }, { a: [3] })).toEqual({ a: [3] });
        expect(mergePatch("x", { a: 1 })).toEqual({ a: 1 });
    });
});

describe("whole plans of a project copy", () => {
    it("honour a value set only in Pulumi.yaml (lifecycle.catalogMaxAgeDays)", async () => {
        // The catalog is older than 60 days (the default) on this date, younger than 365.
        const late = new Date("2027-01-15T00:00:00Z");
        const plain = documentOf(
            await buildPlan({ stack: "dev", projectDir: project("", { dev: DEV_STACK }), now: late }),
        );
        expect(plain.warnings.some((w) => w.includes("model catalog's facts"))).toBe(true);
        const dir = project("  lifecycle:\n    default:\n      catalogMaxAgeDays: 365\n", { dev: DEV_STACK });
        const honoured = documentOf(await buildPlan({ stack: "dev", projectDir: dir, now: late }));
        expect(honoured.warnings.some((w) => w.includes("model catalog's facts"))).toBe(false);
    });

    it("plan a stack importing ESC only with --esc-values, reading its values", async () => {
        const stackText = DEV_STACK.replace("  aoai-platform:namePrefix: aoai-dev\n", "").replace(
            "config:\n",
            "environment:\n  - aoai/dev\nconfig:\n",
        );
        const dir = project(
            "",
            { dev: stackText },
            {
                "esc-dev.json": JSON.stringify({
                    azure: {
                        login: { clientId: "c", tenantId: "t", subscriptionId: "s", oidc: { token: "eyJ-secret" } },
                    },
                    environmentVariables: { ARM_OIDC_TOKEN: "eyJ-secret" },
                    pulumiConfig: { namePrefix: "aoai-esc", "azure-native:oidcToken": "eyJ-secret" },
                }),
            },
        );
        const refused = await buildPlan({ stack: "dev", projectDir: dir, now: TEST_DATE });
        expect(refused.exitCode).toBe(2);
        expect(refused.errorText).toContain("--esc-values");
        const planned = await buildPlan({ stack: "dev", projectDir: dir, now: TEST_DATE, escValues: ["esc-dev.json"] });
        const document = documentOf(planned);
        expect(
            document.resources.some(
                (r) => r.name.startsWith("aoai-esc") || JSON.stringify(r.inputs).includes("aoai-esc"),
            ),
        ).toBe(true);
        expect(JSON.stringify(document)).not.toContain("eyJ-secret");
        const missing = await buildPlan({ stack: "dev", projectDir: dir, now: TEST_DATE, escValues: ["nope.json"] });
        expect(missing.exitCode).toBe(2);
        expect(missing.errorText).toContain("nope.json: not found");
    });
});

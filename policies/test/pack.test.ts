/**
 * The pack as a whole: its layout and metadata, the environments' config files, the offline
 * evaluator's engine semantics (levels, settings, notApplicable, unknown values), preview safety of
 * every rule, and the README's generated tables.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import type { PolicyResource, ResourceValidationArgs } from "@pulumi/policy";
import * as policySdk from "@pulumi/policy";
import type { PlanResourceEntry } from "../../plan/plan";
import {
    checkPackConfig,
    effectiveLevel,
    evaluatePolicies,
    type PackConfig,
    PolicyConfigError,
    policyProps,
    readPackConfig,
    resourceValidationArgs,
    stackValidationArgs,
} from "../../plan/policy";
import {
    isStackPolicy,
    type PackPolicy,
    type PackResourcePolicy,
    publicIdList,
    resourcePolicy,
    stackPolicy,
} from "../metadata";
import { PACK_NAME, policies } from "../pack";
import { README, readmeTables, rulesTable, settingsTable, tableCells } from "../scripts/rules-table";
import { allUnknown, byName, compliantStack, UNKNOWN, withInput } from "./fixtures";
import { messages } from "./harness";

const POLICIES_DIR = path.resolve(__dirname, "..");
const RULE_FILES = fs
    .readdirSync(path.join(POLICIES_DIR, "rules"))
    .filter((file) => file.endsWith(".ts"))
    .map((file) => file.replace(/\.ts$/, ""))
    .sort();
const ENVIRONMENTS = ["dev", "staging", "prod"] as const;
const configOf = (environment: string): PackConfig =>
    readPackConfig(path.join(POLICIES_DIR, "config", `${environment}.json`));

describe("the pack", () => {
    it("lists every rule file exactly once, each policy named like its file", async () => {
        expect(policies.map((policy) => policy.name).sort()).toEqual(RULE_FILES);
        for (const file of RULE_FILES) {
            const module = (await import(`../rules/${file}`)) as Record<string, unknown>;
            const exported = Object.values(module).filter(
                (value): value is PackPolicy =>
                    typeof value === "object" && value !== null && "remediationSteps" in value,
            );
            expect(exported.map((policy) => policy.name)).toEqual([file]);
            expect(policies).toContain(exported[0]);
        }
    });

    it("names rules azure-<service>-<resource>-<rule> and gives each its metadata", () => {
        for (const policy of policies) {
            expect(policy.name).toMatch(/^azure-[a-z]+-[a-z]+-[a-z0-9]+(-[a-z0-9]+)*$/);
            expect(policy.description.length).toBeGreaterThan(20);
            expect(policy.remediationSteps.length).toBeGreaterThan(20);
            expect(["low", "medium", "high", "critical"]).toContain(policy.severity);
            expect(["advisory", "mandatory"]).toContain(policy.enforcementLevel);
            expect(policy.origin).toMatch(/^(product|rows? \d+(, \d+)*)$/);
            expect(policy.tags).toEqual(publicIdList(policy.publicIds));
            for (const [key, schema] of Object.entries(policy.configSchema?.properties ?? {})) {
                expect([key, typeof schema.description]).toEqual([key, "string"]);
            }
        }
    });

    it("covers every row (1–18) of the compliance table policies/COMPLIANCE.md", () => {
        const rows = new Set(
            policies.flatMap((policy) => [...policy.origin.matchAll(/\d+/g)].map((match) => Number(match[0]))),
        );
        expect([...rows].sort((a, b) => a - b)).toEqual(Array.from({ length: 18 }, (_, index) => index + 1));
    });

    it("is constructed only by index.ts, which nothing imports", () => {
        const sources = ["policies", "plan", "test", "infra", "scripts"].flatMap((dir) =>
            fs
                .readdirSync(path.resolve(POLICIES_DIR, "..", dir), { recursive: true, encoding: "utf8" })
                .filter((file) => file.endsWith(".ts") && !file.includes("node_modules"))
                .map((file) => path.join(dir, file)),
        );
        const importers = sources.filter((file) =>
            /from "\.{1,2}\/(policies\/)?index"|policies\/index"/.test(
                fs.readFileSync(path.resolve(POLICIES_DIR, "..", file), "utf8"),
            ),
        );
        expect(importers).toEqual([]);
        const constructors = sources.filter((file) =>
            /^new PolicyPack\(/m.test(fs.readFileSync(path.resolve(POLICIES_DIR, "..", file), "utf8")),
        );
        expect(constructors).toEqual([path.join("policies", "index.ts")]);
    });

    it("has the files the Pulumi CLI needs: PulumiPolicy.yaml (nodejs), a versioned package.json, tsconfig noCheck", () => {
        expect(fs.readFileSync(path.join(POLICIES_DIR, "PulumiPolicy.yaml"), "utf8")).toMatch(/^runtime: nodejs$/m);
        const pkg = JSON.parse(fs.readFileSync(path.join(POLICIES_DIR, "package.json"), "utf8")) as Record<
            string,
            Record<string, string> | string
        >;
        expect(pkg["version"]).toMatch(/^\d+\.\d+\.\d+$/);
        expect(pkg["dependencies"]).toMatchObject({ "@pulumi/policy": "1.21.0" });
        const tsconfig = JSON.parse(fs.readFileSync(path.join(POLICIES_DIR, "tsconfig.json"), "utf8")) as {
            compilerOptions: Record<string, unknown>;
        };
        expect(tsconfig.compilerOptions["noCheck"]).toBe(true);
    });
});

describe("environment configs", () => {
    it.each(ENVIRONMENTS)("%s.json is valid for the pack", (environment) => {
        expect(checkPackConfig(configOf(environment))).toEqual([]);
    });

    it("make dev mostly advisory, and staging and prod mandatory", () => {
        const levels = (environment: string): string[] =>
            policies.map((policy) => effectiveLevel(policy, configOf(environment)));
        const count = (environment: string, level: string): number =>
            levels(environment).filter((value) => value === level).length;
        expect(count("dev", "advisory")).toBeGreaterThan(count("dev", "mandatory"));
        expect(count("staging", "mandatory")).toBeGreaterThan(policies.length * 0.8);
        const prodNotMandatory = policies.filter((policy) => effectiveLevel(policy, configOf("prod")) !== "mandatory");
        expect(prodNotMandatory.map((policy) => policy.name)).toEqual(["azure-keyvault-key-hsm-backed"]);
    });
});

describe("offline evaluation", () => {
    const ACCOUNT_TYPE = "azure-native:cognitiveservices:Account";
    const document = { project: "aoai-platform", stack: "test", resources: compliantStack() };
    const NOW = new Date("2026-11-28T00:00:00Z");
    const localAuth = "azure-cognitiveservices-account-local-auth-disabled";
    const keyAuth = {
        ...document,
        resources: withInput(document.resources, "acct", "properties.disableLocalAuth", false),
    };

    it("finds nothing wrong with the compliant stack under prod's config", async () => {
        const result = await evaluatePolicies(
            {
                ...document,
                resources: withInput(document.resources, "acct", "tags.data-classification", "confidential"),
            },
            { ...configOf("prod"), "azure-any-resource-required-tags": "disabled" },
            NOW,
        );
        expect(result).toEqual({ pack: PACK_NAME, violations: [], evaluated: policies.length - 1 });
    });

    it("takes the level from the policy's entry, else `all`, else the policy's default", async () => {
        const level = async (config: PackConfig): Promise<string | undefined> =>
            (await evaluatePolicies(keyAuth, config, NOW)).violations.find((v) => v.policy === localAuth)?.level;
        expect(await level({})).toBe("mandatory");
        expect(await level({ all: "advisory" })).toBe("advisory");
        expect(await level({ all: "advisory", [localAuth]: "mandatory" })).toBe("mandatory");
        expect(await level({ all: "mandatory", [localAuth]: { enforcementLevel: "advisory" } })).toBe("advisory");
        expect(await level({ [localAuth]: "remediate" })).toBe("mandatory");
        expect(await level({ [localAuth]: "disabled" })).toBeUndefined();
    });

    it("counts the rules it ran, not the disabled ones", async () => {
        expect((await evaluatePolicies(document, { all: "disabled" }, NOW)).evaluated).toBe(0);
        expect((await evaluatePolicies(document, { all: "disabled", [localAuth]: "advisory" }, NOW)).evaluated).toBe(1);
    });

    it("reports each violation with policy, level, urn and message", async () => {
        const result = await evaluatePolicies(keyAuth, { all: "disabled", [localAuth]: "mandatory" }, NOW);
        expect(result.violations).toEqual([
            {
                policy: localAuth,
                level: "mandatory",
                urn: byName(document.resources, "acct").urn,
                message: expect.stringMatching(/^properties\.disableLocalAuth is false: /) as unknown,
            },
        ]);
    });

    it("gives lifecycle rules the evaluation date unless the config sets asOf", async () => {
        const lifecycle = "azure-cognitiveservices-deployment-model-lifecycle";
        const config: PackConfig = { all: "disabled", [lifecycle]: "mandatory" };
        expect((await evaluatePolicies(document, config, NOW)).violations).toEqual([]);
        expect((await evaluatePolicies(document, config, new Date("2027-07-01T00:00:00Z"))).violations).toHaveLength(2);
        const pinned = { ...config, [lifecycle]: { enforcementLevel: "mandatory" as const, asOf: "2026-11-28" } };
        expect((await evaluatePolicies(document, pinned, new Date("2027-07-01T00:00:00Z"))).violations).toEqual([]);
    });

    it("refuses config files the CLI would refuse, and names it misspelt rules", async () => {
        const bad: PackConfig = {
            "azure-cognitiveservices-account-local-auth-disable": "mandatory",
            "azure-cognitiveservices-deployment-capacity-cap": {
                enforcementLevel: "strict" as never,
                maxCapacity: "big",
            },
            all: { enforcementLevel: "mandatory", maxCapacity: 1 },
        };
        expect(checkPackConfig(bad)).toEqual([
            '"azure-cognitiveservices-account-local-auth-disable": no policy of that name in the pack (did you mean ' +
                '"azure-cognitiveservices-account-local-auth-disabled"?)',
            '"azure-cognitiveservices-deployment-capacity-cap": enforcementLevel "strict" is not one of advisory, ' +
                "mandatory, remediate, disabled",
            '"all": takes only an enforcement level',
            'Policy "azure-cognitiveservices-deployment-capacity-cap": azure-cognitiveservices-deployment-capacity-cap.' +
                'maxCapacity: expected integer, got string "big"',
        ]);
        await expect(evaluatePolicies(document, bad, NOW)).rejects.toThrow(PolicyConfigError);
    });

    it("reports a rule that reads an unknown value as advisory, as the engine does", async () => {
        const careless = resourcePolicy({
            name: "azure-test-resource-careless",
            description: "Reads a value it should check for unknown first.",
            enforcementLevel: "mandatory",
            severity: "low",
            origin: "product",
            publicIds: {},
            remediationSteps: "Read values through read() from lib/values.ts.",
            validateResource: (args, reportViolation) => {
                if ((args.props as { location?: string }).location !== "swedencentral") {
                    reportViolation("wrong place");
                }
            },
        });
        const unknownLocation = { ...document, resources: withInput(document.resources, "rg", "location", UNKNOWN) };
        const result = await evaluatePolicies(unknownLocation, {}, NOW, { policies: [careless] });
        expect(result.violations).toContainEqual({
            policy: "azure-test-resource-careless",
            level: "advisory",
            urn: byName(document.resources, "rg").urn,
            message:
                "can't run policy 'azure-test-resource-careless' from policy pack 'aoai-platform-policies' during " +
                "preview: string value at .location can't be known during preview",
        });
    });

    it("gives stack violations without a resource the stack's URN, and treats notApplicable as silence", async () => {
        const whole = stackPolicy({
            name: "azure-test-stack-whole",
            description: "Reports the whole stack once.",
            enforcementLevel: "advisory",
            severity: "low",
            origin: "product",
            publicIds: {},
            remediationSteps: "Nothing to do: a test rule.",
            validateStack: (_args, reportViolation) => reportViolation("the whole stack"),
        });
        const never = resourcePolicy({
            name: "azure-test-resource-never",
            description: "Applies to nothing.",
            enforcementLevel: "mandatory",
            severity: "low",
            origin: "product",
            publicIds: {},
            remediationSteps: "Nothing to do: a test rule.",
            validateResource: (args) => args.notApplicable("test"),
        });
        const result = await evaluatePolicies(document, {}, NOW, { policies: [whole, never] });
        expect(result.violations).toEqual([
            {
                policy: "azure-test-stack-whole",
                level: "advisory",
                urn: "urn:pulumi:test::aoai-platform::pulumi:pulumi:Stack::aoai-platform-test",
                message: "the whole stack",
            },
        ]);
        expect(result.evaluated).toBe(2);
    });

    it("calls a validation made for one type only with resources of that type, as the engine does", async () => {
        const seen: Record<string, string[]> = { typed: [], untyped: [] };
        const recorder = (name: string, validateResource: PackResourcePolicy["validateResource"]) =>
            resourcePolicy({
                name: `azure-test-resource-${name}`,
                description: "Records what it is called with.",
                enforcementLevel: "advisory",
                severity: "low",
                origin: "product",
                publicIds: {},
                remediationSteps: "Nothing to do: a test rule.",
                validateResource,
            });
        // Carries its type as validateType's validations do, but does not check it itself.
        const typed = recorder(
            "typed",
            Object.assign((args: ResourceValidationArgs) => void seen["typed"]!.push(args.name), {
                __pulumiType: ACCOUNT_TYPE,
            }),
        );
        const untyped = recorder("untyped", (args) => void seen["untyped"]!.push(args.name));
        await evaluatePolicies(document, {}, NOW, { policies: [typed, untyped] });
        const accounts = document.resources.filter((resource) => resource.type === ACCOUNT_TYPE);
        expect(accounts.length).toBeGreaterThan(0);
        expect(seen["typed"]).toEqual(accounts.map((resource) => resource.name));
        expect(seen["untyped"]).toEqual(document.resources.map((resource) => resource.name));
    });
});

describe("arguments as the engine builds them", () => {
    const resources = compliantStack();
    const context = { settings: { a: 1 }, stackTags: new Map([["pulumi:project", "aoai-platform"]]) };

    it("wraps props in @pulumi/policy's unknownCheckingProxy", () => {
        const props = policyProps({ location: UNKNOWN, nested: { value: "[unknown]" } });
        expect(() => props["location"]).toThrow(policySdk.UnknownValueError as new () => Error);
        expect(() => (props["nested"] as Record<string, unknown>)["value"]).toThrow(
            "string value at .nested.value can't be known during preview",
        );
        const direct = (policySdk.unknownCheckingProxy as (value: object) => Record<string, unknown>)({ x: UNKNOWN });
        expect(() => direct["x"]).toThrow("string value at .x can't be known during preview");
    });

    it("gives resource rules type, urn, name, options, config, stack tags and type tests", () => {
        const account = byName(resources, "acct");
        const args: ResourceValidationArgs = resourceValidationArgs(account, context);
        expect([args.type, args.urn, args.name]).toEqual([account.type, account.urn, "acct"]);
        expect(args.opts).toEqual({
            protect: true,
            ignoreChanges: [],
            aliases: [],
            customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 },
            additionalSecretOutputs: [],
        });
        expect(args.getConfig()).toEqual({ a: 1 });
        expect(args.stackTags.get("pulumi:project")).toBe("aoai-platform");
        const fakeClass = { __pulumiType: account.type } as unknown as new () => never;
        expect(args.isType(fakeClass)).toBe(true);
        expect(() => args.notApplicable("why")).toThrow("why");
    });

    it("gives stack rules every resource with parent and dependencies resolved", () => {
        const parented: PlanResourceEntry[] = resources.map((resource) =>
            resource.name === "acct-chat" ? { ...resource, parent: byName(resources, "acct").urn } : resource,
        );
        const args = stackValidationArgs(parented, context);
        const chat = args.resources.find((resource) => resource.name === "acct-chat") as PolicyResource;
        expect(chat.parent?.name).toBe("acct");
        expect(chat.dependencies.map((dependency) => dependency.name)).toEqual(["acct", "acct-strict"]);
        expect(args.resources).toHaveLength(resources.length);
    });
});

describe("preview safety of every rule", () => {
    const settingsFor = (policy: PackPolicy): Record<string, unknown> =>
        policy.configSchema?.properties["asOf"] ? { asOf: "2026-11-28" } : {};

    it.each(policies.map((policy) => [policy.name, policy] as const))(
        "%s passes the compliant stack, and a stack whose every input is unknown",
        async (_name, policy) => {
            const stack = compliantStack();
            expect(await messages(policy, stack, settingsFor(policy))).toEqual([]);
            expect(await messages(policy, allUnknown(stack), settingsFor(policy))).toEqual([]);
        },
    );

    it.each(policies.filter((policy) => !isStackPolicy(policy)).map((policy) => [policy.name, policy] as const))(
        "%s passes when whole objects (properties, sku, identity, tags) are unknown",
        async (_name, policy) => {
            let stack = compliantStack();
            for (const resource of stack) {
                for (const key of ["properties", "sku", "identity", "tags"]) {
                    if (key in resource.inputs) {
                        stack = withInput(stack, resource.name, key, UNKNOWN);
                    }
                }
            }
            expect(await messages(policy, stack, settingsFor(policy))).toEqual([]);
        },
    );
});

describe("stack rules on outputs, as the engine passes them after an update", () => {
    /** Path parameters are inputs only; the resource's own name comes back as `name`. */
    const asOutputs = (resources: readonly PlanResourceEntry[]): PlanResourceEntry[] =>
        resources.map((resource) => {
            const inputs = { ...resource.inputs };
            const own: Record<string, string> = {
                "azure-native:cognitiveservices:Account": "accountName",
                "azure-native:cognitiveservices:RaiPolicy": "raiPolicyName",
                "azure-native:keyvault:Vault": "vaultName",
                "azure-native:network:PrivateEndpoint": "privateEndpointName",
                "azure-native:privatedns:PrivateZone": "privateZoneName",
            };
            const nameKey = own[resource.type];
            const name = nameKey ? inputs[nameKey] : undefined;
            const pathParameters = [
                "accountName",
                "vaultName",
                "raiPolicyName",
                "privateEndpointName",
                "privateZoneName",
            ];
            for (const key of [...pathParameters, "resourceGroupName", "resourceUri", "scope"]) {
                delete inputs[key];
            }
            return { ...resource, inputs: name === undefined ? inputs : { ...inputs, name } };
        });

    it.each(policies.filter(isStackPolicy).map((policy) => [policy.name, policy] as const))(
        "%s passes the compliant stack's outputs",
        async (_name, policy) => {
            expect(await messages(policy, asOutputs(compliantStack()))).toEqual([]);
        },
    );

    it("still finds a missing private endpoint and an unchained deployment", async () => {
        const stack = asOutputs(compliantStack());
        const pe = policies.find((policy) => policy.name === "azure-cognitiveservices-account-private-endpoint")!;
        expect(
            await messages(
                pe,
                stack.filter((resource) => resource.name !== "acct-pe"),
            ),
        ).toHaveLength(1);
        const serialized = policies.find((policy) => policy.name === "azure-cognitiveservices-deployment-serialized")!;
        const parallel = stack.map((resource) =>
            resource.name === "acct-reasoning" ? { ...resource, dependsOn: [byName(stack, "acct").urn] } : resource,
        );
        expect(await messages(serialized, parallel)).toHaveLength(1);
    });
});

describe("README", () => {
    it("has the generated rule and settings tables (regenerate: rules-table.ts --write)", () => {
        const tables = readmeTables(fs.readFileSync(README, "utf8"));
        expect(tableCells(tables.rules)).toEqual(tableCells(rulesTable()));
        expect(tableCells(tables.settings)).toEqual(tableCells(settingsTable()));
        expect(tableCells(tables.rules)).toHaveLength(policies.length + 1);
    });
});

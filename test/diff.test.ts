import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import {
    compareStack,
    diffPlans,
    diffValues,
    isEmptyDiff,
    mandatoryViolations,
    operationCounts,
    type PlanLike,
    type PolicyViolation,
    REPLACEMENT_RULES,
    replacementRule,
} from "../plan/diff";
import { main as diffCli } from "../plan/diff-cli";
import { PLAN_DIFF_MARKER, renderDiffMarkdown, renderDiffText, shortenMiddle } from "../plan/render-diff";
import { type PlanDocument, PROJECT_DIR } from "../plan/plan";
import { documentOf, halvedCapacity, planConfig, planConfigPerRun, planStack, stackConfig, variant } from "./helpers";
import { planOf, platformPlan, resource, TYPES, withResource } from "./plan-fixtures";

const BASE = platformPlan(["swedencentral", "eastus2"]);

function plain(plan: PlanLike) {
    return [compareStack(plan.stack, { kind: "plan", plan: BASE }, { kind: "plan", plan })];
}

describe("diffPlans on crafted plans", () => {
    it("finds nothing between a plan and itself, and says so", () => {
        const diff = diffPlans(BASE, structuredClone(BASE));
        expect(isEmptyDiff(diff)).toBe(true);
        expect(diff.unchanged).toBe(BASE.resources.length);
        expect(renderDiffMarkdown(plain(BASE))).toContain("### <code>prod</code>: no changes");
        expect(renderDiffText(plain(BASE))).toBe("Stack prod: no changes\n");
    });

    it("reports an added resource by URN and nothing else", () => {
        const extra = resource(TYPES.lock, "aoai-extra-lock", { inputs: { level: "CanNotDelete" } });
        const head = planOf([...BASE.resources, extra]);
        const diff = diffPlans(BASE, head);
        expect(diff.added.map((r) => r.urn)).toEqual([extra.urn]);
        expect([diff.removed, diff.changed, diff.urnChanges]).toEqual([[], [], []]);
        expect(renderDiffText(plain(head))).toContain(`  + ${TYPES.lock} aoai-extra-lock`);
    });

    it("reports a removed resource and warns when it was protected", () => {
        const head = planOf(BASE.resources.filter((r) => r.type !== TYPES.account || r.name !== "aoai-eastus2"));
        const diff = diffPlans(BASE, head);
        expect(diff.removed).toEqual([
            expect.objectContaining({ name: "aoai-eastus2", type: TYPES.account, protect: true }),
        ]);
        expect(renderDiffMarkdown(plain(head))).toContain(
            "⚠️ Protected, so `pulumi up` will refuse to delete: <code>aoai-eastus2</code>",
        );
    });

    it("names each changed input by its dotted path with old and new value", () => {
        const head = withResource(BASE, "aoai-eastus2-chat", (r) => {
            (r.inputs["sku"] as Record<string, unknown>)["capacity"] = 20;
            r.inputs["tags"] = { owner: "team-a" };
            delete (r.inputs["properties"] as Record<string, unknown>)["raiPolicyName"];
            return r;
        });
        const diff = diffPlans(BASE, head);
        expect(diff.changed).toHaveLength(1);
        expect(diff.changed[0]?.name).toBe("aoai-eastus2-chat");
        expect(diff.changed[0]?.inputs).toEqual([
            { path: "properties.raiPolicyName", kind: "removed", before: "Microsoft.DefaultV2", secret: false },
            { path: "sku.capacity", kind: "changed", before: 10, after: 20, secret: false },
            { path: "tags.owner", kind: "added", after: "team-a", secret: false },
        ]);
        expect(diff.changed[0]?.replacement).toBeUndefined();
        const markdown = renderDiffMarkdown(plain(head));
        expect(markdown).toContain(
            "| <code>aoai-eastus2-chat</code> Deployment | <code>sku.capacity</code> | <code>10</code> | <code>20</code> |",
        );
        expect(renderDiffText(plain(head))).toContain("      sku.capacity: 10 → 20");
    });

    it("reports a secret input only as changed, never its value, whichever side is secret", () => {
        const toSecret = withResource(BASE, "aoai-vault-openai-eastus2-endpoint", (r) => {
            (r.inputs["properties"] as Record<string, unknown>)["value"] = "[secret]";
            return r;
        });
        const fromSecret = diffPlans(toSecret, BASE);
        const intoSecret = diffPlans(BASE, toSecret);
        for (const diff of [fromSecret, intoSecret]) {
            expect(diff.changed[0]?.inputs).toEqual([{ path: "properties.value", kind: "changed", secret: true }]);
        }
        const comparison = [compareStack("prod", { kind: "plan", plan: toSecret }, { kind: "plan", plan: BASE })];
        for (const rendered of [renderDiffMarkdown(comparison), renderDiffText(comparison)]) {
            expect(rendered).not.toContain("value-eastus2");
        }
        expect(renderDiffMarkdown(comparison)).toContain("| <code>properties.value</code> | 🔒 hidden | 🔒 hidden |");
        // A secret on both sides cannot be compared offline: no change is claimed.
        expect(isEmptyDiff(diffPlans(toSecret, structuredClone(toSecret)))).toBe(true);
    });

    it("hides a secret nested anywhere in a changed value", () => {
        expect(diffValues({ list: ["a", "[secret]"] }, { list: ["b", "[secret]"] })).toEqual([
            { path: "list", kind: "changed", secret: true },
        ]);
        expect(diffValues({ a: { b: 1 } }, { a: "[secret]" })).toEqual([{ path: "a", kind: "changed", secret: true }]);
    });

    it("reports protect changes and warns when protection is removed", () => {
        const head = withResource(BASE, "aoai-vault", (r) => ({ ...r, protect: false }));
        const diff = diffPlans(BASE, head);
        expect(diff.changed).toEqual([
            expect.objectContaining({ name: "aoai-vault", inputs: [], protectChange: { before: true, after: false } }),
        ]);
        expect(renderDiffMarkdown(plain(head))).toContain(
            "| <i>protect</i> ⚠️ protection removed | <code>true</code> | <code>false</code> |",
        );
    });

    it("notes a change of dependsOn alone without counting it as an update, as pulumi preview does", () => {
        const head = withResource(BASE, "aoai-eastus2-pe", (r) => ({
            ...r,
            dependsOn: r.dependsOn.filter((urn) => !urn.endsWith("::aoai-eastus2-transcribe")),
        }));
        const diff = diffPlans(BASE, head);
        expect(diff.changed).toEqual([]);
        expect(operationCounts(diff)).toEqual({ create: 0, update: 0, replace: 0, delete: 0 });
        expect(diff.unchanged).toBe(BASE.resources.length);
        expect(diff.dependencyNotes).toEqual([
            expect.objectContaining({
                name: "aoai-eastus2-pe",
                added: [],
                removed: [expect.stringMatching(/Deployment::aoai-eastus2-transcribe$/) as unknown as string],
            }),
        ]);
        expect(isEmptyDiff(diff)).toBe(true);
        expect(renderDiffText(plain(head))).toBe(
            "Stack prod: no changes\n  note: only dependsOn changes for aoai-eastus2-pe (not an update)\n",
        );
    });

    it("shortens long values in the middle, keeping the differing part of both sides visible", () => {
        const id = (vault: string) =>
            `/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/aoai-prd-rg/providers/Microsoft.KeyVault/vaults/${vault}/keys/cmk`;
        const before = id("aoai-prd-kv-abc123");
        const after = id("aoai-prd-kv-zzz999");
        const head = withResource(BASE, "aoai-eastus2", (r) => ({ ...r, inputs: { ...r.inputs, keyId: after } }));
        const base = withResource(BASE, "aoai-eastus2", (r) => ({ ...r, inputs: { ...r.inputs, keyId: before } }));
        const markdown = renderDiffMarkdown([
            compareStack("prod", { kind: "plan", plan: base }, { kind: "plan", plan: head }),
        ]);
        const row = markdown.split("\n").find((line) => line.includes("<code>keyId</code>")) ?? "";
        expect(row).toContain("abc123");
        expect(row).toContain("zzz999");
        expect(row).toContain("/subscriptions/00000000-");
        expect(row).toContain("/keys/cmk");
        expect(shortenMiddle("/vaults/aoai-prd-kv-abc123")).toBe("/vaults/aoai-prd-kv-abc123");
        const long = `${"a".repeat(100)}MIDDLE${"z".repeat(100)}`;
        const short = shortenMiddle(long);
        expect(short.length).toBe(120);
        expect(short.startsWith("aaaa") && short.endsWith("zzzz") && short.includes("…")).toBe(true);
        expect(shortenMiddle(long, 120, 100)).toContain("MIDDLE");
    });

    it("reports policy verdicts that appear and disappear, with or without a policy member", () => {
        const violation = (policy: string, level: string, name: string): PolicyViolation => ({
            policy,
            level,
            urn: BASE.resources.find((r) => r.name === name)?.urn ?? "",
            message: `${policy} on ${name}`,
        });
        const kept = violation("azure-keyvault-vault-firewall", "advisory", "aoai-vault");
        const fixed = violation("azure-cognitiveservices-account-local-auth", "mandatory", "aoai-eastus2");
        const fresh = violation("azure-cognitiveservices-deployment-capacity-cap", "mandatory", "aoai-eastus2-chat");
        const base = { ...BASE, policy: { pack: "p", violations: [kept, fixed], evaluated: 30 } };
        const head = { ...BASE, policy: { pack: "p", violations: [fresh, kept], evaluated: 30 } };
        const diff = diffPlans(base, head);
        expect(diff.policy.appeared).toEqual([fresh]);
        expect(diff.policy.disappeared).toEqual([fixed]);
        expect(diff.policy.headLevels).toEqual({ advisory: 1, mandatory: 1 });
        expect(mandatoryViolations(diff)).toBe(1);
        expect(isEmptyDiff(diff)).toBe(false);
        const markdown = renderDiffMarkdown([
            compareStack("prod", { kind: "plan", plan: base }, { kind: "plan", plan: head }),
        ]);
        expect(markdown).toContain(
            "| 🆕 new | mandatory | <code>azure-cognitiveservices-deployment-capacity-cap</code> | <code>aoai-eastus2-chat</code> |",
        );
        expect(markdown).toContain(
            "| ✔️ resolved | mandatory | <code>azure-cognitiveservices-account-local-auth</code>",
        );
        expect(markdown).toContain("❌ 1 mandatory, 1 advisory");
        // A plan made before the policy pack existed has no `policy` member: every verdict is new.
        const fromOld = diffPlans(BASE, head);
        expect(fromOld.policy.appeared).toHaveLength(2);
        expect(diffPlans(BASE, BASE).policy.headLevels).toBeUndefined();
    });

    it("marks replacement-prone changes from the cited table", () => {
        const head = withResource(
            withResource(
                withResource(BASE, "aoai-eastus2", (r) => {
                    (r.inputs["properties"] as Record<string, unknown>)["customSubDomainName"] = "other";
                    r.inputs["kind"] = "AIServices";
                    return r;
                }),
                "aoai-eastus2-chat",
                (r) => {
                    ((r.inputs["properties"] as Record<string, unknown>)["model"] as Record<string, unknown>)["name"] =
                        "other-model";
                    return r;
                },
            ),
            "aoai-vault",
            (r) => ({ ...r, inputs: { ...r.inputs, vaultName: "aoai-prd-kv-zzz999" } }),
        );
        const diff = diffPlans(BASE, head);
        const effects = Object.fromEntries(
            diff.changed.flatMap((change) =>
                change.inputs.map((input) => [`${change.name} ${input.path}`, input.replacement?.effect]),
            ),
        );
        expect(effects).toEqual({
            "aoai-eastus2 kind": "immutable",
            "aoai-eastus2 properties.customSubDomainName": "immutable",
            "aoai-eastus2-chat properties.model.name": "immutable",
            "aoai-vault vaultName": "replace",
        });
        expect(diff.changed.map((change) => change.replacement)).toEqual(["replace", "immutable", "immutable"]);
        const markdown = renderDiffMarkdown(plain(head));
        expect(markdown).toContain("<code>properties.model.name</code> ⚠️ **immutable**");
        expect(markdown).toContain(
            "Source: terraform-provider-azurerm azurerm_cognitive_deployment: model.name is ForceNew",
        );
        // pulumi preview: the vault is replaced (path parameter); the other two preview as updates that
        // Azure then refuses, counted under "Needs replacement".
        expect(operationCounts(diff)).toEqual({ create: 0, update: 2, replace: 1, delete: 0 });
        expect(markdown).toMatch(/\| <code>prod<\/code> \| 2 to update, 1 to replace \| 0 \| 2 \| 1 \| 0 \| 2 \|/);
    });

    it.each([
        [TYPES.account, "accountName", "replace"],
        [TYPES.account, "location", "replace"],
        [TYPES.account, "properties.customSubDomainName", "immutable"],
        [TYPES.deployment, "deploymentName", "replace"],
        [TYPES.deployment, "properties.model.format", "immutable"],
        [TYPES.deployment, "sku.name", "immutable"],
        [TYPES.vault, "location", "immutable"],
        [TYPES.resourceGroup, "location", "replace"],
        [TYPES.privateEndpoint, "subnet.id", "replace"],
        [TYPES.random, "keepers.namePrefix", "replace"],
        [TYPES.secret, "secretName", "replace"],
        [TYPES.roleAssignment, "principalId", "replace"],
        ["azure-native:operationalinsights:Workspace", "location", "immutable"],
    ])("marks %s %s as %s", (type, inputPath, effect) => {
        expect(replacementRule(type, inputPath)?.effect).toBe(effect);
    });

    it.each([
        [TYPES.deployment, "sku.capacity"],
        [TYPES.deployment, "properties.model.version"],
        [TYPES.deployment, "properties.raiPolicyName"],
        [TYPES.account, "properties.publicNetworkAccess"],
        [TYPES.account, "tags.owner"],
        [TYPES.vault, "properties.enablePurgeProtection"],
    ])("leaves %s %s as an in-place update", (type, inputPath) => {
        expect(replacementRule(type, inputPath)).toBeUndefined();
    });

    it("recognises a resource whose URN changed as one replaced resource", () => {
        const lock = resource(TYPES.lock, "aoai-lock");
        const parent = BASE.resources.find((r) => r.type === TYPES.vaultComponent);
        const relocated = resource(TYPES.lock, "aoai-lock", parent ? { parent } : {});
        const diff = diffPlans(planOf([...BASE.resources, lock]), planOf([...BASE.resources, relocated]));
        expect(diff.urnChanges).toEqual([
            { type: TYPES.lock, name: "aoai-lock", before: lock.urn, after: relocated.urn },
        ]);
    });

    it("reports changed stack outputs and warnings", () => {
        const base = planOf(BASE.resources, { outputs: { vaultUri: "https://a/" }, warnings: ["old warning"] });
        const head = planOf(BASE.resources, { outputs: { vaultUri: "https://b/" }, warnings: ["new warning"] });
        const diff = diffPlans(base, head);
        expect(diff.outputs).toEqual([
            { path: "vaultUri", kind: "changed", before: "https://a/", after: "https://b/", secret: false },
        ]);
        expect(diff.warnings).toEqual({ appeared: ["new warning"], disappeared: ["old warning"] });
    });

    it("gives the same result whatever order the documents list resources in", () => {
        const head = withResource(BASE, "aoai-eastus2-chat", (r) => {
            (r.inputs["sku"] as Record<string, unknown>)["capacity"] = 20;
            return r;
        });
        const shuffled = { ...head, resources: [...head.resources].reverse() };
        expect(diffPlans({ ...BASE, resources: [...BASE.resources].reverse() }, shuffled)).toEqual(
            diffPlans(BASE, head),
        );
    });

    it("treats a new stack as all added, a gone one as all removed, and a failed plan as no diff", () => {
        expect(diffPlans(undefined, BASE).added).toHaveLength(BASE.resources.length);
        expect(diffPlans(BASE, undefined).removed).toHaveLength(BASE.resources.length);
        const failed = compareStack("prod", { kind: "plan", plan: BASE }, { kind: "failed", error: "regions: bad" });
        expect(failed.diff).toBeUndefined();
        expect(renderDiffMarkdown([failed])).toContain("### <code>prod</code>: ❌ the head plan failed");
        expect(renderDiffMarkdown([failed])).toContain("regions: bad");
    });
});

describe("docs/ci.md", () => {
    it("lists every replacement-prone input of the table, and the comment marker", () => {
        const doc = fs.readFileSync(path.join(PROJECT_DIR, "docs", "ci.md"), "utf8");
        for (const rule of REPLACEMENT_RULES.filter(
            (r) => r.path !== "*" && r.why !== "part of the resource's ARM id",
        )) {
            expect([rule.type, rule.path, doc.includes(`\`${rule.path}\``)]).toEqual([rule.type, rule.path, true]);
        }
        expect(doc).toContain(PLAN_DIFF_MARKER);
    });
});

describe("the markdown comment", () => {
    it("starts with the marker the workflow updates, and stays under the size limit", () => {
        const big = platformPlan(
            Array.from({ length: 16 }, (_, i) => `region${i}`),
            { extras: true },
        );
        const comparisons = [compareStack("prod", { kind: "missing" }, { kind: "plan", plan: big })];
        const full = renderDiffMarkdown(comparisons);
        expect(full.startsWith(`${PLAN_DIFF_MARKER}\n`)).toBe(true);
        expect(full).toContain("```mermaid");
        const small = renderDiffMarkdown(comparisons, { maxLength: 3000 });
        expect(small.length).toBeLessThanOrEqual(3000);
        expect(small).not.toContain("```mermaid");
        expect(small).toContain("Truncated to fit GitHub's comment size limit");
    });
});

describe("npm run plan:diff", () => {
    let dir: string;
    beforeAll(() => {
        dir = fs.mkdtempSync(path.join(os.tmpdir(), "plan-diff-"));
        for (const side of ["base", "head"]) {
            fs.mkdirSync(path.join(dir, side));
        }
        const write = (side: string, file: string, text: string): void =>
            fs.writeFileSync(path.join(dir, side, file), text);
        const changed = withResource(BASE, "aoai-eastus2-chat", (r) => {
            (r.inputs["sku"] as Record<string, unknown>)["capacity"] = 20;
            return r;
        });
        write("base", "prod.json", JSON.stringify(BASE));
        write("head", "prod.json", JSON.stringify(changed));
        write("base", "dev.json", JSON.stringify({ ...BASE, stack: "dev" }));
        write("head", "dev.json", "");
        write("head", "dev.err", "Invalid configuration for stack dev:\n- capacity: must be positive");
        write("head", "test.json", JSON.stringify({ ...BASE, stack: "test" }));
    });
    afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

    it("diffs every stack of two directories into one comment, in stack order", async () => {
        const out = path.join(dir, "comment.md");
        const code = await diffCli([path.join(dir, "base"), path.join(dir, "head"), "--output", out]);
        expect(code).toBe(0);
        const markdown = fs.readFileSync(out, "utf8");
        const headings = markdown.split("\n").filter((line) => line.startsWith("### "));
        expect(headings).toEqual([
            "### <code>dev</code>: ❌ the head plan failed",
            "### <code>prod</code>: 1 to update",
            `### <code>test</code>: ${BASE.resources.length} to create`,
        ]);
        expect(markdown).toContain("- capacity: must be positive");
    });

    it("diffs two files as text and as JSON", async () => {
        const out = path.join(dir, "diff.txt");
        const files = [path.join(dir, "base", "prod.json"), path.join(dir, "head", "prod.json")];
        expect(await diffCli([...files, "--format", "text", "--output", out])).toBe(0);
        expect(fs.readFileSync(out, "utf8")).toContain("sku.capacity: 10 → 20");
        expect(await diffCli([...files, "--format", "json", "--output", out])).toBe(0);
        const [comparison] = JSON.parse(fs.readFileSync(out, "utf8")) as Array<{ diff: { changed: unknown[] } }>;
        expect(comparison?.diff.changed).toHaveLength(1);
    });

    it("refuses bad arguments with exit code 2", async () => {
        const stderr = jest.spyOn(process.stderr, "write").mockImplementation(() => true);
        try {
            expect(await diffCli([path.join(dir, "base")])).toBe(2);
            expect(await diffCli([path.join(dir, "base"), path.join(dir, "head"), "--format", "html"])).toBe(2);
            expect(await diffCli([path.join(dir, "base"), path.join(dir, "head", "prod.json")])).toBe(2);
        } finally {
            stderr.mockRestore();
        }
    });
});

describe("diff of two real plans of prod", () => {
    it("names exactly the capacity input of exactly the changed deployment; an unchanged stack diffs empty", async () => {
        const config = stackConfig("prod");
        const { config: changed, region, deployment, capacity } = halvedCapacity(config);
        // The shipped plan (shared by the run, planned from the stack file) against prod planned
        // again from the same config: two independent runs of the program that must agree. The
        // other two plans are made once per run, shared with secrets-and-stability.test.ts.
        const base = documentOf(await planStack("prod"));
        const head = documentOf(await planConfigPerRun("prod", changed));
        const again = documentOf(await planConfigPerRun("prod", config));

        const diff = diffPlans(base, head);
        expect(diff.added).toEqual([]);
        expect(diff.removed).toEqual([]);
        expect(diff.changed.map((change) => [change.type, change.name])).toEqual([
            ["azure-native:cognitiveservices:Deployment", `aoai-${region}-${deployment}`],
        ]);
        expect(diff.changed[0]?.inputs).toEqual([
            {
                path: "sku.capacity",
                kind: "changed",
                before: capacity,
                after: Math.floor(capacity / 2),
                secret: false,
            },
        ]);
        expect(isEmptyDiff(diffPlans(base, again))).toBe(true);
    });
});

describe("diff of two real plans of dev, as pulumi preview would count them", () => {
    type Deployments = Record<string, Record<string, unknown>>;
    type Regions = Record<string, { deployments: Deployments }>;

    it("adding a deployment is one create with its key inputs; no deployment updates, only the secret listing them", async () => {
        const config = stackConfig("dev");
        const changed = variant(config, (c) => {
            // "embed" sorts between "chat" and "image": the chain of deployments moves around it.
            (c["regions"] as Regions)["eastus2"]!.deployments["embed"] = {
                model: "text-embedding-3-small",
                version: "1",
                deploymentType: "GlobalStandard",
                capacity: 5,
            };
        });
        // Planned together: the SDK's runtime is one per process, so the runs must take turns
        // (plan/harness.ts); each must come out as it does alone.
        const [base, head] = (await Promise.all([planConfig("dev", config), planConfig("dev", changed)])).map(
            documentOf,
        ) as [PlanDocument, PlanDocument];
        expect(base.resources).toEqual(documentOf(await planStack("dev")).resources);
        const diff = diffPlans(base, head);
        const deploymentsAdded = diff.added.filter((r) => r.type === "azure-native:cognitiveservices:Deployment");
        expect(deploymentsAdded.map((r) => r.name)).toEqual(["aoai-eastus2-embed"]);
        expect(diff.changed.filter((c) => c.type === "azure-native:cognitiveservices:Deployment")).toEqual([]);
        // The deployment after it in the chain only gains a dependency: a note, not an update.
        expect(diff.dependencyNotes.map((note) => note.name)).toContain("aoai-eastus2-image");
        expect(operationCounts(diff)).toMatchObject({ create: 1, replace: 0, delete: 0 });
        const keyInputs = Object.fromEntries((deploymentsAdded[0]?.keyInputs ?? []).map((k) => [k.label, k.value]));
        expect(keyInputs).toEqual({
            model: "text-embedding-3-small",
            version: "1",
            "deployment type": "GlobalStandard",
            capacity: 5,
            "content filter": "Microsoft.DefaultV2",
        });
        const comparison = [compareStack("dev", { kind: "plan", plan: base }, { kind: "plan", plan: head })];
        const text = renderDiffText(comparison);
        // The one update is real, and pulumi preview shows it too: the secret that lists the
        // account's deployments for applications gains the new one.
        expect(diff.changed.map((c) => [c.name, c.inputs.map((i) => i.path)])).toEqual([
            ["aoai-secrets-openai-eastus2-deployments", ["properties.value"]],
        ]);
        expect(text).toContain("Stack dev: 1 to create, 1 to update");
        expect(text).not.toMatch(/~ azure-native:cognitiveservices/);
        expect(text).toContain(
            "  + azure-native:cognitiveservices:Deployment aoai-eastus2-embed (model: text-embedding-3-small, version: 1, deployment type: GlobalStandard, capacity: 5, content filter: Microsoft.DefaultV2)",
        );
        expect(renderDiffMarkdown(comparison)).toContain(
            "| <code>aoai-eastus2-embed</code> Deployment | <code>model: text-embedding-3-small</code>",
        );
    });
});

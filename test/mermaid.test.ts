import { execFileSync } from "node:child_process";
import * as path from "node:path";
import { compareStack } from "../plan/diff";
import { escapeLabel, renderMermaid } from "../plan/mermaid";
import { renderDiffMarkdown } from "../plan/render-diff";
import { documentOf, planConfig, planStack, SHIPPED_STACKS, stackConfig, variant } from "./helpers";
import { planOf, platformPlan, resource, TYPES } from "./plan-fixtures";

type ParseResult = { ok: true; type: string } | { ok: false; error: string };

/** Mermaid's own parser (mermaid.parse, in a Node process of its own: test/support/mermaid-parse.mjs). */
function mermaidParse(sources: readonly string[]): ParseResult[] {
    const output = execFileSync(process.execPath, [path.join(__dirname, "support", "mermaid-parse.mjs")], {
        input: JSON.stringify(sources),
        encoding: "utf8",
    });
    return JSON.parse(output) as ParseResult[];
}

/** The Mermaid blocks of a markdown document. */
function mermaidBlocks(markdown: string): string[] {
    return [...markdown.matchAll(/```mermaid\n([\s\S]*?)```/g)].map((match) => match[1] ?? "");
}

/**
 * Node id → name, edges as "name --> name", subgraph titles: what a reader of the picture sees. A
 * node inside a box shows its name without the box's name in front; the full name is put back here.
 */
function read(source: string) {
    const labels = new Map<string, string>();
    const edges: string[] = [];
    const subgraphs: string[] = [];
    const boxes: string[] = [];
    for (const line of source.split("\n").slice(1)) {
        const text = line.trim();
        let match: RegExpExecArray | null;
        if ((match = /^subgraph (g\d+)\["(.*)"\]$/.exec(text))) {
            subgraphs.push(match[2] ?? "");
            boxes.push((match[2] ?? "").split(" · ")[0] ?? "");
        } else if (text === "end") {
            expect(boxes.pop()).toBeDefined();
        } else if ((match = /^(n\d+)\["(.*)"\]$/.exec(text))) {
            const shown = (match[2] ?? "").split("<br/>")[0] ?? "";
            const box = boxes[boxes.length - 1];
            const whole = !box || shown === box || /×|, /.test(shown) ? shown : `${box}-${shown}`;
            labels.set(match[1] ?? "", whole);
        } else if ((match = /^(n\d+) --> (n\d+)$/.exec(text))) {
            edges.push(`${match[1] ?? ""} --> ${match[2] ?? ""}`);
        } else if (!/^(classDef|class) /.test(text)) {
            throw new Error(`unexpected Mermaid line: ${line}`);
        }
    }
    expect(boxes).toEqual([]);
    const named = edges.map((edge) => {
        const [from, to] = edge.split(" --> ");
        const a = labels.get(from ?? "");
        const b = labels.get(to ?? "");
        expect(a).toBeDefined();
        expect(b).toBeDefined();
        return `${a ?? ""} --> ${b ?? ""}`;
    });
    const ids = new Map([...labels.entries()].map(([id, name]) => [name, id]));
    return { labels: [...labels.values()], edges: named, subgraphs, ids };
}

describe("renderMermaid", () => {
    const plan = platformPlan(["swedencentral", "eastus2"], { deployments: ["chat", "image", "reasoning"] });

    it("draws components as subgraphs holding their children", () => {
        const source = renderMermaid(plan);
        expect(source.startsWith("flowchart LR\n")).toBe(true);
        const { labels, subgraphs } = read(source);
        expect(subgraphs).toEqual([
            "aoai · OpenAiPlatform",
            "aoai-vault · ConnectionVault",
            "aoai-eastus2 · OpenAiAccount",
            "aoai-swedencentral · OpenAiAccount",
        ]);
        expect(labels).toContain("aoai-eastus2-chat");
        expect(labels).toContain("aoai-vault-openai-eastus2-endpoint");
        expect(source).toContain('subgraph g1["aoai-eastus2 · OpenAiAccount"]');
        // Inside its box a resource drops the box's name: "chat" in "aoai-eastus2", not "aoai-eastus2-chat".
        expect(source).toMatch(/n\d+\["chat<br\/>Deployment"\]/);
        expect(source).toMatch(/n\d+\["aoai-eastus2<br\/>Account"\]/);
    });

    it("draws the deployment chain, the private endpoint after the last deployment and secrets after the vault, nothing else", () => {
        const { edges } = read(renderMermaid(plan));
        const region = (name: string) => [
            `aoai-${name} --> aoai-${name}-chat`,
            `aoai-${name}-chat --> aoai-${name}-image`,
            `aoai-${name}-image --> aoai-${name}-reasoning`,
            `aoai-${name}-reasoning --> aoai-${name}-pe`,
        ];
        const secrets = ["eastus2", "swedencentral"].flatMap((name) => [
            `aoai-vault --> aoai-vault-openai-${name}-deployments`,
            `aoai-vault --> aoai-vault-openai-${name}-endpoint`,
        ]);
        expect([...edges].sort()).toEqual([...region("eastus2"), ...region("swedencentral"), ...secrets].sort());
        // Implied by the chain, so not drawn: the account before later deployments, the account before
        // its private endpoint; never drawn: the resource group and the random suffix.
        expect(edges).not.toContain("aoai-eastus2 --> aoai-eastus2-image");
        expect(edges).not.toContain("aoai-eastus2 --> aoai-eastus2-pe");
        expect(edges.some((edge) => edge.startsWith("aoai --> ") || edge.startsWith("aoai-suffix --> "))).toBe(false);
    });

    it("keeps 16 regions readable by collapsing repeated children into counted nodes", () => {
        const regions = Array.from({ length: 16 }, (_, i) => `region${String(i).padStart(2, "0")}`);
        const big = platformPlan(regions, { extras: true });
        const source = renderMermaid(big);
        const { labels, edges, subgraphs } = read(source);
        expect(big.resources.length).toBeGreaterThan(190);
        expect(subgraphs).toHaveLength(18);
        expect(labels).toContain("32 × Secret");
        expect(labels.filter((label) => label === "4 × Deployment, one after another")).toHaveLength(16);
        expect(
            labels.filter((label) => label === "DiagnosticSetting, ManagementLockByScope, RoleAssignment"),
        ).toHaveLength(16);
        expect(labels.length).toBeLessThanOrEqual(5 * 16 + 5);
        expect(edges).toContain("aoai-region07 --> 4 × Deployment, one after another");
        expect(edges).toContain("4 × Deployment, one after another --> aoai-region07-pe");
        expect(edges).toContain("aoai-vault --> 32 × Secret");
    });

    it("leaves a small stack uncollapsed and collapses when asked for fewer nodes", () => {
        expect(read(renderMermaid(plan)).labels).not.toContain("3 × Deployment, one after another");
        const { labels } = read(renderMermaid(plan, { maxNodes: 10 }));
        expect(labels).toContain("3 × Deployment, one after another");
        expect(labels).toContain("4 × Secret");
    });

    it("is the same whatever order the resources come in", () => {
        const reversed = { ...plan, resources: [...plan.resources].reverse() };
        expect(renderMermaid(reversed)).toBe(renderMermaid(plan));
    });

    it("colours added, changed and replaced resources, and their collapsed groups", () => {
        const byName = (name: string, type: string) =>
            plan.resources.find((r) => r.name === name && r.type === type)?.urn ?? "";
        const status = new Map([
            [byName("aoai-eastus2-chat", TYPES.deployment), "changed" as const],
            [byName("aoai-eastus2", TYPES.account), "replaced" as const],
            [byName("aoai-swedencentral-pe", TYPES.privateEndpoint), "added" as const],
        ]);
        const source = renderMermaid(plan, { status });
        const idOf = (name: string) => read(source).ids.get(name);
        expect(source).toContain(`class ${idOf("aoai-swedencentral-pe")} added`);
        expect(source).toContain(`class ${idOf("aoai-eastus2-chat")} changed`);
        expect(source).toContain(`class ${idOf("aoai-eastus2")} replaced`);
        const collapsed = renderMermaid(plan, { status, maxNodes: 10 });
        expect(collapsed).toMatch(/class n\d+(,n\d+)* changed/);
        expect(renderMermaid(plan)).not.toContain("classDef");
    });

    it("escapes names that would break the syntax", () => {
        expect(escapeLabel('a "b" <c>')).toBe("a #quot;b#quot; #lt;c#gt;");
        const odd = planOf([resource(TYPES.lock, 'lock "x" <y>')]);
        expect(renderMermaid(odd)).toContain('n0["lock #quot;x#quot; #lt;y#gt;<br/>ManagementLockByScope"]');
    });
});

describe("Mermaid's own parser", () => {
    it("accepts the picture of every shipped stack, of the diff, and of odd names; refuses a broken one", async () => {
        const plans = await Promise.all(SHIPPED_STACKS.map(async (stack) => documentOf(await planStack(stack))));
        const regions = Array.from({ length: 16 }, (_, i) => `region${String(i).padStart(2, "0")}`);
        const base = documentOf(await planStack("dev"));
        const head = documentOf(
            await planConfig(
                "dev",
                variant(stackConfig("dev"), (c) => {
                    const regionsConfig = c["regions"] as Record<string, { deployments: Record<string, unknown> }>;
                    regionsConfig["eastus2"]!.deployments["embed"] = {
                        model: "text-embedding-3-small",
                        version: "1",
                        deploymentType: "GlobalStandard",
                        capacity: 5,
                    };
                    delete regionsConfig["eastus2"]!.deployments["image"];
                    c["namePrefix"] = "aoai-dv2";
                }),
            ),
        );
        const diffMarkdown = renderDiffMarkdown([
            compareStack("dev", { kind: "plan", plan: base }, { kind: "plan", plan: head }),
        ]);
        const diffBlocks = mermaidBlocks(diffMarkdown);
        expect(diffBlocks).toHaveLength(1);
        expect(diffBlocks[0]).toMatch(/class n\d+(,n\d+)* added/);
        const sources = [
            ...plans.map((plan) => renderMermaid(plan)),
            ...diffBlocks,
            renderMermaid(platformPlan(regions, { extras: true })),
            renderMermaid(planOf([resource(TYPES.lock, 'lock "x" <y> & {z} [w] #1 end')])),
            'flowchart LR\n    n0["a"] --> \n',
        ];
        const results = mermaidParse(sources);
        expect(results.slice(0, -1)).toEqual(sources.slice(0, -1).map(() => ({ ok: true, type: "flowchart-v2" })));
        const broken = results[results.length - 1];
        expect(broken?.ok).toBe(false);
        expect(broken && !broken.ok ? broken.error : "").toContain("Parse error");
    });
});

import { criticalPath, type GraphResource } from "../bench/critical-path";

const STACK = "urn:pulumi:s::p::";

function node(
    type: string,
    name: string,
    dependsOn: readonly string[] = [],
    parent: string | null = null,
): GraphResource {
    return { urn: `${STACK}${type}::${name}`, type, name, parent, dependsOn: dependsOn.map((n) => urnOf(n)) };
}

const TYPES: Record<string, string> = {
    rg: "azure-native:resources:ResourceGroup",
    platform: "aoai:platform:OpenAiPlatform",
    acctA: "azure-native:cognitiveservices:Account",
    acctB: "azure-native:cognitiveservices:Account",
    a1: "azure-native:cognitiveservices:Deployment",
    a2: "azure-native:cognitiveservices:Deployment",
    a3: "azure-native:cognitiveservices:Deployment",
    b1: "azure-native:cognitiveservices:Deployment",
    suffix: "random:index/randomString:RandomString",
    vault: "azure-native:keyvault:Vault",
    network: "aoai:platform:PrivateNetwork",
    vnet: "azure-native:network:VirtualNetwork",
    pe: "azure-native:network:PrivateEndpoint",
};

function urnOf(name: string): string {
    return `${STACK}${TYPES[name]!}::${name}`;
}

function make(name: string, dependsOn: readonly string[] = [], parent?: string): GraphResource {
    return node(TYPES[name]!, name, dependsOn, parent ? urnOf(parent) : null);
}

describe("deploy critical path", () => {
    it("counts a chain of serialised deployments one each, and parallel accounts once", () => {
        const result = criticalPath([
            make("rg"),
            make("acctA", ["rg"]),
            make("a1", ["acctA"]),
            make("a2", ["acctA", "a1"]),
            make("a3", ["acctA", "a2"]),
            make("acctB", ["rg"]),
            make("b1", ["acctB"]),
        ]);
        expect(result.length).toBe(5);
        expect(result.chain).toEqual(["rg", "acctA", "a1", "a2", "a3"]);
        expect(result.azureResources).toBe(7);
        expect(result.resources).toBe(7);
    });

    it("gives component and engine-side resources no weight, and ignores dependencies outside the plan", () => {
        const provider = "urn:pulumi:s::p::pulumi:providers:azure-native::default";
        const result = criticalPath([
            make("platform"),
            make("suffix", [], "platform"),
            make("rg", [], "platform"),
            make("vault", ["rg", "suffix"], "platform"),
            {
                ...make("acctA", ["suffix", "vault"], "platform"),
                dependsOn: [urnOf("suffix"), urnOf("vault"), provider],
            },
        ]);
        expect(result.length).toBe(3);
        expect(result.chain).toEqual(["rg", "vault", "acctA"]);
        expect(result.azureResources).toBe(3);
        expect(result.resources).toBe(5);
    });

    it("makes a dependency on a component wait for everything created under it", () => {
        const result = criticalPath([
            make("rg"),
            make("vault", ["rg"]),
            make("network", ["rg"]),
            make("vnet", ["vault"], "network"),
            make("acctA", ["rg"]),
            make("pe", ["network", "acctA"]),
        ]);
        // Through the component: rg → vault → vnet (inside network) → pe, longer than rg → acctA → pe.
        expect(result.length).toBe(4);
        expect(result.chain).toEqual(["rg", "vault", "vnet", "pe"]);
    });

    it("reports a dependency cycle instead of looping", () => {
        expect(() => criticalPath([make("acctA", ["a1"]), make("a1", ["acctA"])])).toThrow(/cycle/);
    });
});

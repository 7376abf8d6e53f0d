/**
 * The gateway's policy XML: the documents the program writes are well-formed and pass every
 * element-order rule, and each rule (infra/gateway/policy-check.ts) refuses the document that
 * breaks it.
 */
import { apiPolicyXml, teamPolicyXml } from "../infra/gateway/policies";
import { checkPolicy, INBOUND_ONLY, type PolicyRule } from "../infra/gateway/policy-check";
import { parsePolicyXml, type PolicyElement } from "../policies/lib/policy-xml";

function section(xml: string, name: string): readonly PolicyElement[] {
    const parsed = parsePolicyXml(xml);
    if (typeof parsed === "string") {
        throw new Error(parsed);
    }
    return parsed[0]?.children.find((child) => child.name === name)?.children ?? [];
}

const rulesOf = (xml: string): PolicyRule[] => [...new Set(checkPolicy(xml).map((finding) => finding.rule))];

const doc = (inbound: string, backend = "<base />", outbound = "<base />", onError = "<base />"): string =>
    `<policies><inbound>${inbound}</inbound><backend>${backend}</backend><outbound>${outbound}</outbound><on-error>${onError}</on-error></policies>`;

const LIMIT =
    '<llm-token-limit counter-key="@(context.Subscription.Id)" tokens-per-minute="1000" estimate-prompt-tokens="true" />';

describe("the documents the program writes", () => {
    const documents = {
        api: apiPolicyXml({ poolBackendId: "openai-pool", retries: 2 }),
        team: teamPolicyXml({ team: "search", tokensPerMinute: 20000, deployments: ["chat", "reasoning"] }),
        "team with quota, no metrics": teamPolicyXml({
            team: "support-bot",
            tokensPerMinute: 1000,
            tokenQuota: { tokens: 100000, period: "Monthly" },
            deployments: ['odd"name'],
            emitTokenMetrics: false,
        }),
    };

    it.each(Object.entries(documents))("%s: well-formed, no finding", (_name, xml) => {
        expect(typeof parsePolicyXml(xml)).not.toBe("string");
        expect(checkPolicy(xml)).toEqual([]);
    });

    it("API policy: deletes the caller's api-key, routes to the pool, then authenticates with the managed identity", () => {
        const inbound = section(documents.api, "inbound");
        expect(inbound.map((element) => element.name)).toEqual([
            "base",
            "set-header",
            "set-backend-service",
            "authentication-managed-identity",
        ]);
        expect(inbound[1]?.attributes).toEqual({ name: "api-key", "exists-action": "delete" });
        expect(inbound[3]?.attributes["resource"]).toBe("https://cognitiveservices.azure.com");
        expect(section(documents.api, "backend").map((element) => element.name)).toEqual(["retry"]);
    });

    it("team policy: the limit per subscription, the quota and the team dimension; a quote in a name stays escaped", () => {
        const inbound = section(documents["team with quota, no metrics"], "inbound");
        const limit = inbound.find((element) => element.name === "llm-token-limit");
        expect(limit?.attributes).toMatchObject({
            "counter-key": "@(context.Subscription.Id)",
            "tokens-per-minute": "1000",
            "token-quota": "100000",
            "token-quota-period": "Monthly",
        });
        expect(inbound.some((element) => element.name === "llm-emit-token-metric")).toBe(false);
        expect(inbound[1]?.children[0]?.attributes["condition"]).toContain('new [] { "odd\\"name" }');
        const metric = section(documents.team, "inbound").find((element) => element.name === "llm-emit-token-metric");
        expect(metric?.attributes).toEqual({ namespace: "openai-gateway" });
        expect(metric?.children.map((dimension) => dimension.attributes)).toEqual([
            { name: "Team", value: "search" },
            { name: "API ID" },
            { name: "Subscription ID" },
        ]);
    });
});

describe("a rule per element-order requirement (Microsoft Learn policy reference)", () => {
    it("well-formed: malformed XML is refused with its position", () => {
        const findings = checkPolicy("<policies><inbound></policies>");
        expect(findings.map((finding) => finding.rule)).toEqual(["well-formed"]);
        expect(findings[0]?.message).toMatch(/line 1/);
    });

    it("root-policies: one <policies> root", () => {
        expect(rulesOf("<inbound><base /></inbound>")).toEqual(["root-policies"]);
    });

    it("section-order: inbound, backend, outbound, on-error, each at most once, in that order", () => {
        expect(rulesOf("<policies><backend><base /></backend><inbound><base /></inbound></policies>")).toEqual([
            "section-order",
        ]);
        expect(rulesOf("<policies><inbound><base /></inbound><inbound /></policies>")).toEqual(["section-order"]);
        expect(rulesOf("<policies><inbound><base /></inbound><elsewhere /></policies>")).toEqual(["section-order"]);
        expect(rulesOf("<policies><inbound><base /></inbound><outbound><base /></outbound></policies>")).toEqual([]);
    });

    it("single-base: at most one <base /> per section", () => {
        expect(rulesOf(doc("<base /><base />"))).toEqual(["single-base"]);
    });

    it.each(INBOUND_ONLY)("inbound-only: <%s> outside <inbound> is refused", (name) => {
        const element = name.includes("token-limit")
            ? LIMIT.replace("llm-token-limit", name)
            : name.includes("metric")
              ? `<${name}><dimension name="API ID" /></${name}>`
              : `<${name} resource="https://cognitiveservices.azure.com" backend-id="pool" />`;
        expect(rulesOf(doc("<base />", "<base />", `<base />${element}`))).toEqual(["inbound-only"]);
        expect(rulesOf(doc(`<base />${element}`))).toEqual([]);
    });

    it("token-limit-attributes: counter-key, estimate-prompt-tokens, and a rate or a quota with its period", () => {
        expect(rulesOf(doc(`<base />${LIMIT.replace(' counter-key="@(context.Subscription.Id)"', "")}`))).toEqual([
            "token-limit-attributes",
        ]);
        expect(rulesOf(doc(`<base />${LIMIT.replace(' tokens-per-minute="1000"', "")}`))).toEqual([
            "token-limit-attributes",
        ]);
        expect(rulesOf(doc(`<base />${LIMIT.replace("/>", 'token-quota="5000" />')}`))).toEqual([
            "token-limit-attributes",
        ]);
        expect(
            rulesOf(doc(`<base />${LIMIT.replace("/>", 'token-quota="5000" token-quota-period="Daily" />')}`)),
        ).toEqual([]);
    });

    it("token-metric-dimensions: 1 to 10 named <dimension> children and nothing else", () => {
        const metric = (children: string) => doc(`<base /><llm-emit-token-metric>${children}</llm-emit-token-metric>`);
        expect(rulesOf(metric(""))).toEqual(["token-metric-dimensions"]);
        expect(rulesOf(metric('<dimension name="a" />'.repeat(11)))).toEqual(["token-metric-dimensions"]);
        expect(rulesOf(metric('<dimension name="a" /><base />'))).toEqual(["token-metric-dimensions"]);
        expect(rulesOf(metric("<dimension />"))).toEqual(["token-metric-dimensions"]);
        expect(rulesOf(metric('<dimension name="Team" value="search" />'))).toEqual([]);
    });

    it("retry-wraps-forward-request: <retry> wraps exactly one <forward-request>, which sits nowhere else", () => {
        expect(rulesOf(doc("<base />", '<retry count="1"><base /></retry>'))).toEqual(["retry-wraps-forward-request"]);
        expect(rulesOf(doc("<base />", "<choose><when><forward-request /></when></choose>"))).toEqual([
            "retry-wraps-forward-request",
        ]);
        expect(rulesOf(doc("<base />", "<forward-request />"))).toEqual([]);
    });
});

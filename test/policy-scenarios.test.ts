/**
 * The policy pack on planned stacks: the shipped stacks pass their environment's rules, and staging
 * judged by prod's rules fails on what only prod requires. Insecure copies of prod, one property at
 * a time, are in insecure-changes.test.ts.
 */
import { main } from "../plan/cli";
import type { PlanDocument } from "../plan/plan";
import { EXIT_OK, EXIT_POLICY_VIOLATION } from "../plan/plan";
import { documentOf } from "./helpers";
import { judge, mandatoryRules, planJudged } from "./policy-helpers";

describe.each(["dev", "prod"])("shipped stack %s, judged by policies/config/%s.json", (stack) => {
    it("has no mandatory violation and exits 0", async () => {
        const result = await planJudged(stack);
        const policy = documentOf(result).policy;
        expect(policy?.config).toBe(`policies/config/${stack}.json`);
        expect(policy?.violations.filter((violation) => violation.level === "mandatory")).toEqual([]);
        expect(result.exitCode).toBe(EXIT_OK);
    });
});

describe("shipped stack staging, planned with prod's config file (npm run plan -- --policy-pack-config)", () => {
    let exitCode: number;
    let staging: PlanDocument;
    let stderr = "";
    beforeAll(async () => {
        let stdout = "";
        const out = jest.spyOn(process.stdout, "write").mockImplementation((chunk) => {
            stdout += String(chunk);
            return true;
        });
        const err = jest.spyOn(process.stderr, "write").mockImplementation((chunk) => {
            stderr += String(chunk);
            return true;
        });
        try {
            exitCode = await main([
                "--stack",
                "staging",
                "--json",
                "--date",
                "2026-11-28",
                "--policy-pack-config",
                "policies/config/prod.json",
            ]);
        } finally {
            out.mockRestore();
            err.mockRestore();
        }
        staging = JSON.parse(stdout) as PlanDocument;
    });

    it("has no mandatory violation under its own config, policies/config/staging.json", async () => {
        expect(mandatoryRules(await judge(staging, "staging"))).toEqual([]);
    });

    it("exits 1 under prod's, naming the rules: no customer-managed key, locks, protect or data-classification tag", () => {
        const rules = [
            "azure-any-resource-required-tags",
            "azure-cognitiveservices-account-customer-managed-key",
            "azure-cognitiveservices-account-delete-lock",
            "azure-cognitiveservices-account-protected",
            "azure-keyvault-vault-delete-lock",
            "azure-keyvault-vault-protected",
        ];
        expect(staging.policy?.config).toBe("policies/config/prod.json");
        expect(mandatoryRules(staging.policy!)).toEqual(rules);
        expect(exitCode).toBe(EXIT_POLICY_VIOLATION);
        expect(stderr).toMatch(new RegExp(`^error: \\d+ mandatory policy violations \\(${rules.join(", ")}\\)`, "m"));
    });
});

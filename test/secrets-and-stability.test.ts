/**
 * Nothing secret leaks (plan JSON, outputs, text output), and identity is stable: the same stack
 * plans the same, one capacity change touches one input of one resource.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import type { PlanDocument } from "../plan/plan";
import { PROJECT_DIR } from "../plan/plan";
import { renderText } from "../plan/render-text";
import {
    documentOf,
    halvedCapacity,
    planConfig,
    planConfigPerRun,
    planStack,
    SHIPPED_STACKS,
    stackConfig,
    variant,
} from "./helpers";

/** Every value the mocks hand out as an account key starts with this (see plan/mocks.ts). */
const MOCK_KEY_PREFIX = "mockkey";

function withLocalAuthAndKeys(stack: string) {
    return variant(stackConfig(stack), (c) => {
        c["accounts"] = { ...(c["accounts"] as object), disableLocalAuth: false };
        c["keyVault"] = { ...(c["keyVault"] as object), storeAccountKeys: true };
    });
}

describe("secret scan", () => {
    it.each(SHIPPED_STACKS)("%s with local auth on stores keys only as secrets and prints none", async (stack) => {
        const result = await planConfig(stack, withLocalAuthAndKeys(stack));
        const plan = documentOf(result);
        const keySecrets = plan.resources.filter(
            (r) => r.type === "azure-native:keyvault:Secret" && r.name.endsWith("-key"),
        );
        expect(keySecrets.length).toBe(Object.keys(stackConfig(stack)["regions"] as object).length);
        for (const secret of keySecrets) {
            expect((secret.inputs["properties"] as Record<string, unknown>)["value"]).toBe("[secret]");
        }
        for (const [where, text] of [
            ["plan JSON", JSON.stringify(plan)],
            ["stack outputs", JSON.stringify(plan.outputs)],
            ["text output", renderText(plan)],
            ["stderr", result.errorText ?? ""],
        ] as const) {
            expect({ where, leaked: text.includes(MOCK_KEY_PREFIX) }).toEqual({ where, leaked: false });
        }
    });

    it("shipped stack files hold no plaintext secret values", () => {
        for (const stack of SHIPPED_STACKS) {
            const text = fs.readFileSync(path.join(PROJECT_DIR, `Pulumi.${stack}.yaml`), "utf8");
            // A secret in a stack file must be `secure:` (pulumi config set --secret).
            const suspicious = text
                .split("\n")
                .filter((line) => /(password|secret|apikey|api-key|token|connectionstring)\s*:/i.test(line))
                .filter((line) => !/secure:/.test(line));
            expect({ stack, suspicious }).toEqual({ stack, suspicious: [] });
        }
    });
});

function changedInputs(before: PlanDocument, after: PlanDocument): Record<string, string[]> {
    const previous = new Map(before.resources.map((r) => [r.urn, r]));
    const changes: Record<string, string[]> = {};
    const walk = (urn: string, a: unknown, b: unknown, at: string): void => {
        if (JSON.stringify(a) === JSON.stringify(b)) {
            return;
        }
        if (typeof a === "object" && a !== null && typeof b === "object" && b !== null && !Array.isArray(a)) {
            const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
            for (const key of keys) {
                walk(
                    urn,
                    (a as Record<string, unknown>)[key],
                    (b as Record<string, unknown>)[key],
                    at ? `${at}.${key}` : key,
                );
            }
            return;
        }
        (changes[urn] ??= []).push(at);
    };
    for (const resource of after.resources) {
        const old = previous.get(resource.urn);
        if (!old) {
            (changes[resource.urn] ??= []).push("(added)");
            continue;
        }
        walk(resource.urn, old.inputs, resource.inputs, "");
        if (JSON.stringify(old.dependsOn) !== JSON.stringify(resource.dependsOn)) {
            (changes[resource.urn] ??= []).push("(dependsOn)");
        }
    }
    for (const urn of previous.keys()) {
        if (!after.resources.some((r) => r.urn === urn)) {
            (changes[urn] ??= []).push("(removed)");
        }
    }
    return changes;
}

describe("stability of identity", () => {
    it("planning the same stack twice yields identical URNs and inputs", async () => {
        // Two runs of the program: the shipped plan (from the stack file) and prod planned again from
        // its config (a run of its own, shared with diff.test.ts).
        const first = documentOf(await planStack("prod"));
        const second = documentOf(await planConfigPerRun("prod", stackConfig("prod")));
        expect(changedInputs(first, second)).toEqual({});
    });

    it("changing one deployment's capacity changes only that deployment's sku.capacity", async () => {
        const base = documentOf(await planStack("prod"));
        // The same variant as diff.test.ts's, so planned once per run.
        const { config, region, deployment } = halvedCapacity(stackConfig("prod"));
        const changed = documentOf(await planConfigPerRun("prod", config));
        const changes = changedInputs(base, changed);
        expect(changes).toEqual({
            [base.resources.find((r) => r.name === `aoai-${region}-${deployment}`)!.urn]: ["sku.capacity"],
        });
    });
});

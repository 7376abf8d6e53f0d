/**
 * The catalog's lifecycle rules as a user meets them: in the offline plan of a stack.
 */
import { type Config, planConfig, planStack, SHIPPED_STACKS, stackConfig, variant } from "./helpers";

const DEPLOYMENT = "regions.eastus2.deployments.reasoning";

function withDeployment(config: Config, deployment: Record<string, unknown>): Config {
    return variant(config, (copy) => {
        const regions = copy["regions"] as Record<string, { deployments: Record<string, Record<string, unknown>> }>;
        const current = regions["eastus2"]!.deployments["reasoning"]!;
        regions["eastus2"]!.deployments["reasoning"] = { ...current, ...deployment };
    });
}

const GPT_4O_LEGACY = { model: "gpt-4o", version: "2024-11-20", deploymentType: "GlobalStandard", capacity: 1 };

describe("lifecycle in the plan", () => {
    it("plans a Legacy model with a warning that names its retirement date", async () => {
        const result = await planConfig("dev", withDeployment(stackConfig("dev"), GPT_4O_LEGACY));
        expect(result.errorText).toBeUndefined();
        expect(result.document?.warnings).toContainEqual(
            expect.stringMatching(
                new RegExp(
                    `^${DEPLOYMENT}: gpt-4o 2024-11-20 is Legacy: still deployable until it retires on 2027-04-14, ` +
                        "but Microsoft asks customers to migrate; Microsoft's replacement: gpt-5\\.1, not deployable",
                ),
            ) as unknown,
        );
    });

    it("keeps the warnings gathered so far when a configuration error stops the plan (exit 2)", async () => {
        // A cross-key problem: the lifecycle checks run in the same pass, so their warnings are
        // gathered (a shape problem stops validation before any catalog check runs).
        const broken = variant(withDeployment(stackConfig("dev"), GPT_4O_LEGACY), (copy) => {
            copy["monitoring"] = {
                enabled: false,
                existingWorkspaceId:
                    "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.OperationalInsights/workspaces/logs",
            };
        });
        const result = await planConfig("dev", broken);
        expect(result.exitCode).toBe(2);
        expect(result.errorText).toContain("monitoring.existingWorkspaceId");
        expect(result.warnings).toContainEqual(expect.stringContaining("gpt-4o 2024-11-20 is Legacy") as unknown);
    });

    it.each(SHIPPED_STACKS)(
        "names no successor in the %s plan that is refused on the day it is needed",
        async (stack) => {
            // The shipped stack on the test date: the run's shared plan (helpers.planStack).
            const result = await planStack(stack);
            expect(result.exitCode).toBe(0);
            for (const warning of result.document?.warnings ?? []) {
                expect(warning).not.toMatch(/suggested successor \S+ \S+ is not deployable/);
            }
        },
    );
});

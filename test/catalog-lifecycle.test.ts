/**
 * Lifecycle rules that lead somewhere: the latest-dated source wins, Microsoft's replacement is kept apart from the
 * project's suggested successor, and every name a message gives is deployable on the day it is needed, or the
 * message says there is none.
 */
import { checkDeployment, type DeploymentRequest, effectiveStage, findModel } from "../infra/catalog/lifecycle";
import { isOpenOn, MODEL_CATALOG, resolveLifecycle, successorAdvice } from "../policies/catalog/models";
import { openVersionOn } from "../policies/catalog/models";

const day = (iso: string) => new Date(`${iso}T00:00:00Z`);
const TODAY = day("2026-12-06");

const request = (overrides: Partial<DeploymentRequest>): DeploymentRequest => ({
    key: "regions.swedencentral.deployments.chat",
    region: "swedencentral",
    model: "gpt-4o",
    version: "2024-11-20",
    deploymentType: "GlobalStandard",
    capacity: 10,
    versionUpgradeOption: "NoAutoUpgrade",
    allowDeprecated: false,
    ...overrides,
});

describe("latest-dated source wins", () => {
    const sources = { old: { date: "2025-12-16" }, new: { date: "2026-10-05" } };

    it("drops an older 'no new customers' date that a newer source contradicts by listing the model as GA", () => {
        const lifecycle = resolveLifecycle(
            [
                { source: "old", deprecationDate: "2026-08-07", retirementDate: "2027-02-06" },
                { source: "new", stage: "GA", retirementDate: "2027-02-09" },
            ],
            sources,
        );
        expect(lifecycle).toEqual({
            stage: "GA",
            retirementDate: "2027-02-09",
            sources: { stage: "new", retirementDate: "new" },
        });
    });

    it("keeps an older date the newer source could not have seen yet, and orders by date, not by file order", () => {
        const lifecycle = resolveLifecycle(
            [
                { source: "new", stage: "GA", retirementDate: "2027-05-15" },
                { source: "old", deprecationDate: "2026-11-13", retirementDate: "2027-01-01", replacement: "x" },
            ],
            sources,
        );
        expect(lifecycle).toEqual({
            stage: "GA",
            deprecationDate: "2026-11-13",
            retirementDate: "2027-05-15",
            replacement: "x",
            sources: { stage: "new", deprecationDate: "old", retirementDate: "new", replacement: "old" },
        });
    });

    it.each(["gpt-5", "gpt-5-mini", "gpt-5-nano"])("%s 2025-08-07 is GA (the 2026-10-05 schedule)", (name) => {
        const model = findModel(name, "2025-08-07")!;
        expect(effectiveStage(model, TODAY)).toBe("GA");
        expect(model.lifecycle.sources.stage).toBe("S1");
    });
});

/** Every model that retires (or has), with the day a successor is needed. */
const retiring = MODEL_CATALOG.filter(
    (m) => m.lifecycle.retirementDate !== undefined || m.lifecycle.stage === "Retired",
);

describe("every successor the catalog names leads somewhere", () => {
    it.each(retiring.map((m) => [`${m.name} ${m.version}`, m] as const))("%s", (_label, model) => {
        const retirement = model.lifecycle.retirementDate;
        const needed = retirement !== undefined && day(retirement) > TODAY ? day(retirement) : TODAY;
        const neededText = needed.toISOString().slice(0, 10);
        const advice = successorAdvice(model, TODAY);
        let deployable = false;
        if (model.lifecycle.replacement !== undefined) {
            if (openVersionOn(model.lifecycle.replacement, needed)) {
                deployable = true;
                expect(advice).toContain(`Microsoft's replacement: ${model.lifecycle.replacement}`);
            } else {
                expect(advice).toContain(`${model.lifecycle.replacement}, not deployable on ${neededText}`);
            }
        }
        if (model.successor !== undefined) {
            // The project's own picks must hold on the day: a broken pick is a catalog bug, not a message.
            const successor = findModel(model.successor.model, model.successor.version)!;
            expect({ pick: model.successor, open: isOpenOn(successor, needed) }).toEqual({
                pick: model.successor,
                open: true,
            });
            deployable = true;
            expect(advice).toContain(
                `suggested successor (the project's pick): ${model.successor.model} ${model.successor.version}, ` +
                    model.successor.reason,
            );
        }
        if (!deployable) {
            expect(advice).toContain(`no successor deployable on ${neededText} is known`);
        }
    });

    it("walked every retiring model", () => {
        expect(retiring.length).toBeGreaterThan(40);
    });
});

describe("messages", () => {
    it("plans a Legacy model with a warning naming its retirement date and where to go", () => {
        const finding = checkDeployment(request({}), TODAY, 90);
        expect(finding.problems).toEqual([]);
        expect(finding.warnings).toEqual([
            "regions.swedencentral.deployments.chat: gpt-4o 2024-11-20 is Legacy: still deployable until it retires " +
                "on 2027-04-14, but Microsoft asks customers to migrate; Microsoft's replacement: gpt-5.1, not " +
                "deployable on 2027-04-14 (2025-11-13 Deprecated from 2026-11-13: closed to new subscriptions); " +
                "suggested successor (the project's pick): gpt-5.4-mini 2026-03-17, GA and open to every subscription " +
                "(gpt-5.4 needs limited-access registration), retiring 2027-09-21.",
        ]);
    });

    it("gives Whisper 001 a suggested successor, and says where it is not offered", () => {
        const finding = checkDeployment(
            request({ model: "whisper", version: "001", deploymentType: "Standard", region: "eastus2" }),
            TODAY,
            30,
        );
        expect(finding.warnings).toEqual([
            "regions.swedencentral.deployments.chat: whisper 001 retires on 2026-12-15 (in 9 days); suggested " +
                "successor (the project's pick): gpt-4o-mini-transcribe 2025-12-15, the most direct batch-file " +
                "transcription successor with a published lifecycle (GlobalStandard only, no speech translation), " +
                "retiring 2027-06-15 (not offered as Standard in eastus2); plan the move before Azure refuses it.",
        ]);
    });

    it("takes its advice from the catalog it is given (the sync checks against the catalog it would write)", () => {
        const old = findModel("gpt-5.1", "2025-11-13")!;
        const newer = {
            ...old,
            version: "2026-12-01",
            lifecycle: { stage: "GA" as const, sources: old.lifecycle.sources },
        };
        const finding = checkDeployment(request({}), TODAY, 90, [...MODEL_CATALOG, newer]);
        expect(finding.warnings).toHaveLength(1);
        expect(finding.warnings[0]).toContain("; Microsoft's replacement: gpt-5.1; suggested successor");
    });

    it("says so when no successor is known (the shipped speech-to-text model)", () => {
        const model = findModel("gpt-4o-mini-transcribe", "2025-12-15")!;
        expect(successorAdvice(model, TODAY)).toBe(
            "; no successor deployable on 2027-06-15 is known: run npm run catalog:sync for Microsoft's newest models",
        );
    });
});

/** Secret expiry: stable across reruns within a period, never later than keyVault.secretExpiryDays. */
import { secretExpiresAt } from "../infra/components/connection-vault";
import { documentOf, input, ofType, planConfig, stackConfig, TEST_DATE, variant } from "./helpers";

const DAY = 86_400;
const seconds = (iso: string): number => Date.parse(iso) / 1000;

describe("secretExpiresAt", () => {
    it("gives a 30-day policy at most 30 days, rounded down to the UTC day", () => {
        // The old anchor (start of next month + 30 days) gave 2026-12-31 here: 33 days.
        expect(secretExpiresAt(new Date("2026-11-28T15:30:00Z"), 30)).toBe(seconds("2026-12-28T00:00:00Z"));
        // The worst case of the old anchor: on the 1st, next month + 30 days was 56 days away (Feb).
        const first = new Date("2027-01-01T00:00:01Z");
        expect(secretExpiresAt(first, 30) - first.getTime() / 1000).toBeLessThanOrEqual(30 * DAY);
    });

    it("keeps the month anchor for a 365-day policy: start of the month of now + 365 days", () => {
        expect(secretExpiresAt(new Date("2026-11-28T00:00:00Z"), 365)).toBe(seconds("2027-11-01T00:00:00Z"));
        // Any run in the same period plans the same value: no diff on rerun.
        expect(secretExpiresAt(new Date("2026-11-02T09:00:00Z"), 365)).toBe(seconds("2027-11-01T00:00:00Z"));
        // The first run of the next period moves it forward.
        expect(secretExpiresAt(new Date("2026-12-01T00:00:00Z"), 365)).toBe(seconds("2027-12-01T00:00:00Z"));
    });

    it("rounds a 1-day policy to the hour, so the secret still lives more than half a day", () => {
        expect(secretExpiresAt(new Date("2026-11-28T23:59:00Z"), 1)).toBe(seconds("2026-11-29T23:00:00Z"));
    });

    it.each([1, 2, 7, 30, 61, 62, 90, 365, 730])(
        "never exceeds %i days and always leaves at least half of them, on every hour of a year",
        (days) => {
            const start = Date.UTC(2026, 0, 1);
            for (let hour = 0; hour < 366 * 24; hour += 7) {
                const now = start + hour * 3_600_000 + 1_234;
                const life = secretExpiresAt(new Date(now), days) - now / 1000;
                expect(life).toBeLessThanOrEqual(days * DAY);
                expect(life).toBeGreaterThanOrEqual((days * DAY) / 2);
            }
        },
    );
});

describe("the planned secrets", () => {
    it("carry the 30-day expiry a 30-day stack is configured with", async () => {
        const config = variant(stackConfig("dev"), (c) => {
            c["keyVault"] = { secretExpiryDays: 30 };
        });
        const secrets = ofType(documentOf(await planConfig("dev", config)), "azure-native:keyvault:Secret");
        expect(secrets.length).toBeGreaterThan(0);
        for (const secret of secrets) {
            const expires = input(secret, "properties.attributes.expires") as number;
            expect(expires).toBe(seconds("2026-12-28T00:00:00Z"));
            expect(expires - TEST_DATE.getTime() / 1000).toBeLessThanOrEqual(30 * DAY);
        }
    });
});

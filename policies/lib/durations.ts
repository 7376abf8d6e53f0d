/** ISO 8601 durations as Key Vault rotation policies use them ("P90D", "P1Y", "P3M", "P2W"). */

/** Days in a duration (a year counts 365 days, a month 30), or undefined when not of that form. */
export function durationDays(duration: string): number | undefined {
    const match = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?$/i.exec(duration);
    if (!match || duration.length < 3) {
        return undefined;
    }
    const [years, months, weeks, days] = match.slice(1).map((part) => Number(part ?? 0)) as [
        number,
        number,
        number,
        number,
    ];
    return years * 365 + months * 30 + weeks * 7 + days;
}

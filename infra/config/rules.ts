/**
 * The vocabulary of configuration problems, shared by every checker (the config schemas, the model
 * catalog, the policy-pack config): one problem names a key, what was given and what is allowed,
 * and all problems of a run are reported together.
 */

export interface Problem {
    /** Dotted path of the offending key, e.g. `regions.swedencentral.deployments.chat.capacity`. */
    readonly key: string;
    /** What was given, rendered for a human (`"abc"`, `number 0`, `(missing)`). */
    readonly given: string;
    /** What is allowed instead. */
    readonly allowed: string;
}

export function render(value: unknown): string {
    if (value === undefined) {
        return "(missing)";
    }
    const text = JSON.stringify(value);
    return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

/** Levenshtein distance, to suggest the real key for a typo. */
function distance(a: string, b: string): number {
    const row = Array.from({ length: b.length + 1 }, (_, index) => index);
    for (let i = 1; i <= a.length; i++) {
        let previousDiagonal = row[0] ?? 0;
        row[0] = i;
        for (let j = 1; j <= b.length; j++) {
            const above = row[j] ?? 0;
            const substitution = previousDiagonal + (a[i - 1]?.toLowerCase() === b[j - 1]?.toLowerCase() ? 0 : 1);
            row[j] = Math.min(above + 1, (row[j - 1] ?? 0) + 1, substitution);
            previousDiagonal = above;
        }
    }
    return row[b.length] ?? 0;
}

export function suggest(unknown: string, known: readonly string[]): string | undefined {
    let best: { name: string; score: number } | undefined;
    for (const name of known) {
        const score = distance(unknown, name);
        if (score <= Math.max(2, Math.floor(name.length / 3)) && (!best || score < best.score)) {
            best = { name, score };
        }
    }
    return best?.name;
}

/** Formats gathered problems as one error text, the way the plan and `pulumi up` show them. */
export function formatProblems(stack: string, problems: readonly Problem[]): string {
    const lines = problems.map((p) => `  - ${p.key}: got ${p.given}; allowed: ${p.allowed}`);
    const noun = problems.length === 1 ? "problem" : "problems";
    return [`Stack "${stack}" configuration has ${problems.length} ${noun}:`, ...lines].join("\n");
}

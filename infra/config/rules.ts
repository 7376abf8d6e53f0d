/**
 * The vocabulary of configuration problems, shared by every checker (the config schemas, the model
 * catalog, the policy-pack config): one problem names a key, what was given and what is allowed,
 * and all problems of a run are reported together.
 */
import { distance } from "fastest-levenshtein";

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

/**
 * The known name closest to a typo (case-insensitive Levenshtein distance, from fastest-levenshtein),
 * when it is close enough to be what was meant: every "did you mean" of the project comes from here.
 */
export function suggest(unknown: string, known: readonly string[]): string | undefined {
    let best: { name: string; score: number } | undefined;
    for (const name of known) {
        const score = distance(unknown.toLowerCase(), name.toLowerCase());
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

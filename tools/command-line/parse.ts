/**
 * Command-line parsing for every command of the project (plan, plan:diff, smoke, catalog:sync,
 * catalog:schema, docs:config, bench): node:util `parseArgs` (kept with Node, strict), plus what it
 * does not do: an unknown option names the closest known one (the config's edit-distance
 * `suggest`), and every message says which option and what it takes.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { parseArgs, type ParseArgsOptionsConfig } from "node:util";
import { suggest } from "../../infra/config/rules";

/** What `parseArgs` returns for exactly `Options` (strict): each option's value typed by its kind. */
export type ParsedCommandLine<Options extends ParseArgsOptionsConfig> = ReturnType<
    typeof parseArgs<{ options: Options; allowPositionals: true; strict: true }>
>;

function spelled(name: string, options: ParseArgsOptionsConfig): string {
    return name.length === 1 || options[name]?.short === name ? `-${name}` : `--${name}`;
}

/** Parses `argv` against `options`; returns the message for the user when it does not fit. */
export function parseCommandLine<const Options extends ParseArgsOptionsConfig>(
    argv: readonly string[],
    options: Options,
    allowPositionals: boolean,
): ParsedCommandLine<Options> | string {
    try {
        return parseArgs({ args: [...argv], options, allowPositionals: allowPositionals as true, strict: true });
    } catch (error) {
        const code = (error as { code?: string }).code;
        if (code === "ERR_PARSE_ARGS_UNKNOWN_OPTION") {
            // Parse again leniently to learn which option it was, as written.
            const { tokens } = parseArgs({
                args: [...argv],
                options,
                allowPositionals: true,
                strict: false,
                tokens: true,
            });
            const unknown = tokens.find((token) => token.kind === "option" && !(token.name in options));
            const written = unknown?.kind === "option" ? unknown.rawName : String(argv.find((a) => a.startsWith("-")));
            const known = Object.keys(options).map((name) => `--${name}`);
            const hint = suggest(written.replace(/=.*$/, ""), known);
            return `unknown option ${written}${hint ? `; did you mean ${hint}?` : ""} Options: ${known.join(", ")}`;
        }
        if (code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE") {
            const match = /'(-[\w-]+)(?:, (-[\w-]+))?/.exec((error as Error).message);
            const name = match?.[2] ?? match?.[1] ?? "an option";
            const option = Object.entries(options).find(
                ([long, config]) => `--${long}` === name || `-${config.short ?? ""}` === name,
            );
            return option?.[1].type === "string"
                ? `${spelled(option[0], options)}: a value is required`
                : `${name} takes no value`;
        }
        if (code === "ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL") {
            const extra = /'([^']*)'/.exec((error as Error).message)?.[1];
            return `unexpected argument ${JSON.stringify(extra ?? "")} (every value follows its option, e.g. --stack dev)`;
        }
        throw error;
    }
}

/**
 * The command line of a command that writes a generated file: `--check` (only compare it),
 * `--help`. True or false for `--check`, or the exit code when it printed help (0) or a mistake (2).
 */
export function checkOption(argv: readonly string[], usage: string, about: string): boolean | number {
    const parsed = parseCommandLine(argv, { check: { type: "boolean" }, help: { type: "boolean", short: "h" } }, false);
    if (typeof parsed === "string") {
        process.stderr.write(`${parsed}\n${usage}\n`);
        return 2;
    }
    if (parsed.values.help === true) {
        process.stdout.write(`${usage}\n\n${about}\n`);
        return 0;
    }
    return parsed.values.check === true;
}

/**
 * Writes a generated file, or with `check` only compares it: exit 0, or 1 naming the command that
 * brings it up to date. `note` follows the "wrote" line (e.g. what the file holds).
 */
export function writeOrCheck(file: string, text: string, command: string, check: boolean, note = ""): number {
    const shown = path.relative(process.cwd(), file);
    if (check) {
        if ((fs.existsSync(file) ? fs.readFileSync(file, "utf8") : "") === text) {
            return 0;
        }
        process.stderr.write(`${shown} is out of date: run npm run ${command}\n`);
        return 1;
    }
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
    process.stdout.write(`wrote ${shown}${note}\n`);
    return 0;
}

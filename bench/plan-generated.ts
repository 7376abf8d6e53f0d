/**
 * `node scripts/run-ts.js bench/plan-generated.ts <regions> <deployments> <YYYY-MM-DD>`: plans a
 * generated stack (see generate.ts) the way `npm run plan -- --json` plans a shipped one — same
 * process start, same plan (program under mocks, policy pack), same JSON on stdout — so the bench
 * can compare them and read the dependency graph.
 */
import { readProjectFile } from "../plan/config-sources";
import { buildPlan, EXIT_INVALID_CONFIG, PROJECT_DIR } from "../plan/plan";
import { generatedStack } from "./generate";

export async function main(argv: readonly string[]): Promise<number> {
    const [regions, deployments, date] = argv.map((arg) => arg.trim());
    if (!regions || !deployments || !date || !/^\d{4}-\d{2}-\d{2}$/.test(date)) {
        process.stderr.write("usage: bench/plan-generated.ts <regions> <deployments> <YYYY-MM-DD>\n");
        return EXIT_INVALID_CONFIG;
    }
    const now = new Date(`${date}T00:00:00Z`);
    const generated = generatedStack(Number(regions), Number(deployments), now);
    const namespace = readProjectFile(PROJECT_DIR).name;
    const config = Object.fromEntries(
        Object.entries(generated.config).map(([key, value]) => [`${namespace}:${key}`, value]),
    );
    const result = await buildPlan({ stack: generated.stack, config, now });
    if (result.errorText) {
        process.stderr.write(`${result.errorText}\n`);
    }
    if (result.document) {
        process.stdout.write(`${JSON.stringify(result.document, null, 2)}\n`);
    }
    return result.exitCode;
}

/** Jest global setup: the run's cache directory for the shipped stacks' plans (shipped-plans.ts). */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

/** The environment variable that names the run's cache directory. */
export const SHIPPED_PLANS_DIR = "AOAI_TEST_SHIPPED_PLANS_DIR";

export default function globalSetup(): void {
    // Workers are started after this and inherit the environment.
    process.env[SHIPPED_PLANS_DIR] = fs.mkdtempSync(path.join(os.tmpdir(), "aoai-shipped-plans-"));
}

/** Jest global teardown: removes the run's cache of shipped plans (global-setup.ts). */
import * as fs from "node:fs";
import { SHIPPED_PLANS_DIR } from "./global-setup";

export default function globalTeardown(): void {
    const dir = process.env[SHIPPED_PLANS_DIR];
    if (dir) {
        fs.rmSync(dir, { recursive: true, force: true });
    }
}

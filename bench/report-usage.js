// Preloaded (`node --require`) into every Node process the bench starts when GNU time is not
// installed: at exit, appends this process's peak RSS (KB) and CPU time to $BENCH_USAGE_FILE.
"use strict";
const fs = require("node:fs");

const file = process.env.BENCH_USAGE_FILE;
if (file) {
    process.on("exit", () => {
        const usage = process.resourceUsage();
        const line = { maxRssKb: usage.maxRSS, cpuMs: (usage.userCPUTime + usage.systemCPUTime) / 1000 };
        fs.appendFileSync(file, `${JSON.stringify(line)}\n`);
    });
}

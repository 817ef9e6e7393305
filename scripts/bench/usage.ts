// Preloaded into a measured process (`node --require build/scripts/bench/usage.js …`): at exit it
// writes the process's own CPU time and peak memory to $BENCH_USAGE_FILE, so the benchmark can
// report CPU time (steadier than wall time on a shared machine) next to wall time.
import * as fs from 'node:fs';

const out = process.env.BENCH_USAGE_FILE;
if (out) {
  process.on('exit', () => {
    const u = process.resourceUsage();
    fs.writeFileSync(out, JSON.stringify({ cpuMs: (u.userCPUTime + u.systemCPUTime) / 1000, maxRssMB: u.maxRSS / 1024 }));
  });
}

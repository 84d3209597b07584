// Loaded into a benchmarked child process (node --import): writes its processor time and peak memory, as the kernel counts them, to the file MARGINALIA_BENCH_USAGE names.
import { writeFileSync } from 'node:fs';
import process from 'node:process';

const out = process.env.MARGINALIA_BENCH_USAGE;
if (out) {
  process.once('exit', () => {
    const usage = process.resourceUsage();
    writeFileSync(out, JSON.stringify({ cpuSeconds: (usage.userCPUTime + usage.systemCPUTime) / 1e6, maxRssMb: usage.maxRSS / 1024 }));
  });
}

// Preloaded (`node --import`) into a benchmarked process: appends the processor time it used (user + system, ms) to the file MARGINALIA_BENCH_CPU names.
import { appendFileSync } from 'node:fs';
import process from 'node:process';

process.on('exit', () => {
  const { user, system } = process.cpuUsage();
  if (process.env.MARGINALIA_BENCH_CPU) appendFileSync(process.env.MARGINALIA_BENCH_CPU, `${(user + system) / 1000}\n`);
});

// CLI start-up: `marginalia list` on the sample project against Node opening the same file with better-sqlite3 and listing it.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { temporaryDirectory } from '../src-main/test-support/project-fixture';
import { writeSection } from './report';

const ROOT = join(import.meta.dirname, '..');
const BIN = join(ROOT, 'bin', 'marginalia.mjs');
const BASELINE = join(import.meta.dirname, 'cli-startup-baseline.mjs');
const SAMPLES = join(ROOT, 'resources', 'sample');
const CPU_AT_EXIT = join(import.meta.dirname, 'cpu-at-exit.mjs');
const RUNS = 15;

function run(args: string[], env: Record<string, string> = {}): number {
  const start = performance.now();
  const result = spawnSync(process.execPath, args, { encoding: 'utf8', env: { ...process.env, MARGINALIA_ANALYST: 'Bench', ...env } });
  const ms = performance.now() - start;
  if (result.status !== 0) throw new Error(`${args.join(' ')} failed: ${result.stderr}`);
  return ms;
}

/** Runs `args` with the processor-time preload; returns the wall time and the processor time the process reported. */
function timed(args: string[], cpuFile: string, env: Record<string, string> = {}): { wall: number; cpu: number } {
  rmSync(cpuFile, { force: true });
  const wall = run(['--import', CPU_AT_EXIT, ...args], { ...env, MARGINALIA_BENCH_CPU: cpuFile });
  return { wall, cpu: Number(readFileSync(cpuFile, 'utf8').trim()) };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

export function runCliStartupBenchmark(): void {
  run([join(ROOT, 'scripts', 'build-cli.mjs')]);
  const dir = temporaryDirectory();
  try {
    const project = join(dir.path, 'sample.marginalia');
    run([BIN, 'new', project, '--name', 'Sample']);
    run([BIN, 'import', project, ...readdirSync(SAMPLES).filter((f) => f.endsWith('.txt')).map((f) => join(SAMPLES, f))]);
    const cpuFile = join(dir.path, 'cpu.txt');
    const times = { baseline: [] as number[], bundle: [] as number[], source: [] as number[] };
    const cpu = { baseline: [] as number[], bundle: [] as number[] };
    const load = loadavg()[0] ?? 0;
    // Interleaved, so a burst of load on the machine touches every variant alike.
    for (let i = 0; i < RUNS; i++) {
      const floor = timed([BASELINE, project], cpuFile);
      times.baseline.push(floor.wall);
      cpu.baseline.push(floor.cpu);
      const cli = timed([BIN, 'list', project], cpuFile, { MARGINALIA_CLI: 'bundle' });
      times.bundle.push(cli.wall);
      cpu.bundle.push(cli.cpu);
      times.source.push(run([BIN, 'list', project], { MARGINALIA_CLI: 'source' }));
    }
    const [baseline, bundle, source] = [median(times.baseline), median(times.bundle), median(times.source)];
    const [baselineCpu, bundleCpu] = [median(cpu.baseline), median(cpu.bundle)];
    const rows = {
      'Node + better-sqlite3 listing the sample project (the floor)': `median ${baseline.toFixed(0)} ms over ${RUNS} runs (processor ${baselineCpu.toFixed(0)} ms)`,
      '`marginalia list`, prebuilt CLI': `median ${bundle.toFixed(0)} ms: ${(bundle / baseline).toFixed(2)}× the floor (target ≤ 2.5×); processor ${bundleCpu.toFixed(0)} ms: ${(bundleCpu / baselineCpu).toFixed(2)}× the floor's`,
      '`marginalia list`, TypeScript through tsx (development)': `median ${source.toFixed(0)} ms: ${(source / baseline).toFixed(2)}× the floor`,
      'Load average (1 min) when it started': `${load.toFixed(1)} on ${cpus().length} cores (the machine is shared with other work; load above the core count slows every variant)`,
    };
    for (const [k, v] of Object.entries(rows)) console.log(`${k}: ${v}`);
    writeSection('cli-startup', 'CLI start-up', rows);
  } finally {
    dir.remove();
  }
}

if (import.meta.filename === process.argv[1]) runCliStartupBenchmark();

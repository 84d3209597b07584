// Writes a benchmark's results as a section of docs/benchmarks.md, with the machine and the date.
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';

/** Replaces (or appends) the section `marker` of docs/benchmarks.md with a table of `rows`. */
export function writeSection(marker: string, title: string, rows: Record<string, string>): void {
  const path = join(import.meta.dirname, '..', 'docs', 'benchmarks.md');
  const machine = `${cpus().length} × ${cpus()[0]?.model.trim() ?? 'CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, ${process.platform}`;
  const table = ['| Measure | Result |', '| --- | --- |', ...Object.entries(rows).map(([k, v]) => `| ${k} | ${v} |`)].join('\n');
  const section = `<!-- ${marker}:start -->\nMeasured ${new Date().toISOString().slice(0, 10)} on ${machine}.\n\n${table}\n<!-- ${marker}:end -->`;
  let doc: string;
  try {
    doc = readFileSync(path, 'utf8');
  } catch {
    doc = '# Benchmarks\n\nWritten by `npm run bench`; each section is replaced when its benchmark runs again.\n';
  }
  const pattern = new RegExp(`<!-- ${marker}:start -->[\\s\\S]*<!-- ${marker}:end -->`);
  doc = pattern.test(doc) ? doc.replace(pattern, section) : `${doc.trimEnd()}\n\n## ${title}\n\n${section}\n`;
  writeFileSync(path, doc);
}

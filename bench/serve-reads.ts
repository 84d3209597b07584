// serve under a long operation: document.list answered over HTTP while a 70,000-tag merge preview runs, with reads on their own core and without.
import { readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { startServer, type RunningServer } from '../src-main/serve/server';
import { temporaryDirectory } from '../src-main/test-support/project-fixture';
import { buildProject } from './merge';
import { writeSection } from './report';

/** 700 documents of 100 tags: the teammate's file brings 70,000 tags. */
const DOCUMENTS = 700;
/** A read every this many milliseconds while the preview runs. */
const READ_EVERY_MS = 25;

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

async function post(server: RunningServer, path: string, body: BodyInit, contentType: string): Promise<unknown> {
  const response = await fetch(`http://127.0.0.1:${server.port}${path}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${server.token}`, 'X-Marginalia': '1', 'X-Marginalia-Client': 'bench-page-1', 'Content-Type': contentType },
    body,
  });
  if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
  return response.json();
}

/** Previews the merge of `teammate` and lists the documents every READ_EVERY_MS meanwhile; the reads' times and the preview's. */
async function readsDuringPreview(projectPath: string, teammate: string, separateReads: boolean, settingsDir: string): Promise<{ idle: number[]; reads: number[]; previewMs: number }> {
  const server = await startServer({ projectPath, settingsDir, staticDir: settingsDir, analystName: 'Bench', separateReads, env: {} });
  try {
    const { value } = (await post(server, '/api/upload', readFileSync(teammate), 'application/octet-stream')) as { value: { uploadId: string } };
    const list = () => post(server, '/api/document.list', '{}', 'application/json');
    await list(); // warm
    // The same reads with nothing else running in serve: what the machine gives them at all.
    const idle: number[] = [];
    for (let i = 0; i < 20; i++) {
      const start = performance.now();
      await list();
      idle.push(performance.now() - start);
    }
    const started = performance.now();
    let previewMs = 0;
    const preview = post(server, '/api/merge.preview', JSON.stringify({ fileName: 'ben.marginalia', content: { $upload: value.uploadId } }), 'application/json').then((result) => {
      previewMs = performance.now() - started;
      if (!(result as { ok: boolean }).ok) throw new Error(JSON.stringify(result));
    });
    const reads: number[] = [];
    while (previewMs === 0) {
      const start = performance.now();
      await list();
      if (previewMs === 0) reads.push(performance.now() - start);
      await new Promise((resolveWait) => setTimeout(resolveWait, READ_EVERY_MS));
    }
    await preview;
    return { idle, reads, previewMs };
  } finally {
    await server.close();
  }
}

export async function runServeReadsBenchmark(): Promise<void> {
  const dir = temporaryDirectory();
  try {
    const anna = join(dir.path, 'anna.marginalia');
    const ben = join(dir.path, 'ben.marginalia');
    await buildProject(anna, 'Anna', 1, DOCUMENTS);
    await buildProject(ben, 'Ben', 2, DOCUMENTS);
    const load = loadavg()[0] ?? 0;
    const separate = await readsDuringPreview(anna, ben, true, join(dir.path, 'settings'));
    const shared = await readsDuringPreview(anna, ben, false, join(dir.path, 'settings'));
    const describe = ({ idle, reads, previewMs }: { idle: number[]; reads: number[]; previewMs: number }) =>
      `median ${median(reads).toFixed(0)} ms, slowest ${Math.max(0, ...reads).toFixed(0)} ms over ${reads.length} reads finished during the preview (${(previewMs / 1000).toFixed(1)} s); with nothing else running in serve, median ${median(idle).toFixed(0)} ms`;
    const rows = {
      [`document.list over HTTP while a merge preview of ${DOCUMENTS * 100} tags (${DOCUMENTS} documents) runs, reads on their own read-only core`]: `${describe(separate)} (target ≤ 100 ms median ${median(separate.reads) <= 100 ? '✔' : 'missed'})`,
      'The same with one core answering everything (reads wait behind the preview)': describe(shared),
      'Load average (1 min) when it started': `${load.toFixed(1)} on ${cpus().length} cores (the machine is shared with other work)`,
    };
    for (const [k, v] of Object.entries(rows)) console.log(`${k}: ${v}`);
    writeSection('serve-reads', 'serve while a long operation runs', rows);
  } finally {
    dir.remove();
  }
}

if (import.meta.filename === process.argv[1]) await runServeReadsBenchmark();

// Benchmark of PDF and DOCX imports: a generated 100-page text PDF and a 50-page DOCX, time and memory (`npx tsx bench/import-formats.ts` runs this part alone).
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createProjectApi } from '../src-main/core/handlers';
import { createProject } from '../src-main/core/session';
import { makeDocx, type DocxPart } from '../src-main/test-support/office-files';
import { temporaryDirectory } from '../src-main/test-support/project-fixture';
import { writeSection } from './report';

const WORDS = 'the talks envoy security guarantees Kyiv Moscow Washington ceasefire troops billion percent analysts said sources report according minister officials negotiations drones energy winter agreement proposal territory'.split(' ');

function line(seed: number, words: number): string {
  return Array.from({ length: words }, (_, i) => WORDS[(seed * 31 + i * 7) % WORDS.length]).join(' ');
}

/** A text PDF of `pages` A4 pages (Helvetica, 11 pt, a running header and page numbers), written object by object. */
function textPdf(pages: number): Uint8Array {
  const objects: string[] = [];
  const pageIds: number[] = [];
  objects[1] = '<< /Type /Catalog /Pages 2 0 R >>';
  objects[3] = '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>';
  for (let p = 0; p < pages; p++) {
    const ops = ['BT /F1 9 Tf 72 800 Td (Generated policy brief - bench) Tj ET', `BT /F1 9 Tf 297 30 Td (${p + 1}) Tj ET`];
    let y = 760;
    for (let l = 0; y > 60; l++, y -= l % 8 === 7 ? 24 : 14) ops.push(`BT /F1 11 Tf 72 ${y} Td (${line(p * 100 + l, 11)}${l % 8 === 6 ? '.' : ''}) Tj ET`);
    const stream = ops.join('\n');
    const contentId = objects.length;
    objects[contentId] = `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`;
    const pageId = objects.length;
    objects[pageId] = `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> /Contents ${contentId} 0 R >>`;
    pageIds.push(pageId);
  }
  objects[2] = `<< /Type /Pages /Kids [${pageIds.map((id) => `${id} 0 R`).join(' ')}] /Count ${pages} >>`;
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  for (let id = 1; id < objects.length; id++) {
    offsets[id] = out.length;
    out += `${id} 0 obj\n${objects[id]}\nendobj\n`;
  }
  const xref = out.length;
  out += `xref\n0 ${objects.length}\n0000000000 65535 f \n${offsets.slice(1).map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${objects.length} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return new TextEncoder().encode(out);
}

/** About 50 pages of Word text: a title, a heading every few paragraphs, lists and a table now and then. */
function longDocx(pages: number): Uint8Array {
  const body: DocxPart[] = [{ style: 'Title', text: 'Generated briefing' }];
  for (let p = 0; p < pages * 6; p++) {
    if (p % 6 === 0) body.push({ style: 'Heading1', text: `Section ${p / 6 + 1}` });
    body.push({ text: `${line(p, 90)}.` });
    if (p % 12 === 5) body.push({ listItem: line(p + 1, 8) }, { listItem: line(p + 2, 8) });
    if (p % 24 === 11) body.push({ table: [['Country', 'Troops'], ['France', '5,000']] });
  }
  return makeDocx({ title: 'Generated briefing', author: 'Bench', body });
}

export async function runFormatsImportBenchmark(): Promise<void> {
  const load = loadavg()[0] ?? 0;
  const dir = temporaryDirectory();
  const session = createProject(join(dir.path, 'formats.marginalia'), 'formats', { analystName: 'Bench' });
  const api = createProjectApi(session);
  const measure = async (fileName: string, bytes: Uint8Array): Promise<string> => {
    let peak = process.memoryUsage().rss;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
    const start = performance.now();
    const result = await api.call('document.import', { source: { type: 'file', fileName, content: Buffer.from(bytes) } });
    const seconds = (performance.now() - start) / 1000;
    clearInterval(sampler);
    peak = Math.max(peak, process.memoryUsage().rss);
    if (!result.ok) throw new Error(result.error.message);
    return `${seconds.toFixed(2)} s, ${(bytes.length / 1e6).toFixed(2)} MB file, ${(result.value as { document: { length: number } }).document.length.toLocaleString('en')} characters; peak memory of the process ${(peak / 2 ** 20).toFixed(0)} MB`;
  };
  try {
    const rows: Record<string, string> = {};
    rows['Import a 100-page text PDF (first PDF: pdfjs-dist loads)'] = `${await measure('brief-100.pdf', textPdf(100))}; target < 5 s, < 300 MB`;
    rows['Import a 50-page DOCX (first DOCX: mammoth and jsdom load)'] = `${await measure('brief-50.docx', longDocx(50))}; target < 2 s, < 300 MB`;
    rows['Load average (1 min) when the benchmark started'] = `${load.toFixed(2)} (the machine was shared with other work while this ran)`;
    for (const [k, v] of Object.entries(rows)) console.log(`${k}: ${v}`);
    writeSection('import-formats', 'Core: PDF and DOCX imports', rows);
  } finally {
    session.close();
    dir.remove();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await runFormatsImportBenchmark();

// The exporters by format name (main process, pure): W3C Web Annotation, CSV, brat, REFI-QDA and the HTML report.
import { exportBrat, streamBrat } from './brat';
import type { ExportTarget } from './chunks';
import { exportCsv, streamCsv } from './csv';
import { exportHtmlReport, streamHtmlReport } from './html-report';
import { exportQdpx, streamQdpx } from './qdpx';
import type { ExportSource } from './source';
import type { ExportedFile, ExportSnapshot } from './types';
import { exportW3c, streamW3c, type W3cExportOptions } from './w3c';

export type { ExportedFile, ExportSnapshot } from './types';

/** Options each format accepts (formats without options take none). */
export interface ExportOptionsByFormat {
  w3c: W3cExportOptions;
  csv: Record<string, never>;
  brat: Record<string, never>;
  qdpx: Record<string, never>;
  html: Record<string, never>;
}

export interface Exporter<F extends keyof ExportOptionsByFormat> {
  label: string;
  /** The unit the format's offsets count, stated so a UI or a manual can repeat it. */
  offsetUnit: string;
  run(snapshot: ExportSnapshot, options?: ExportOptionsByFormat[F]): ExportedFile[];
  /** The same files written into `target` in chunks, one document in memory at a time. */
  stream(source: ExportSource, target: ExportTarget, options?: ExportOptionsByFormat[F]): void;
}

/** Every file exporter, by the format name the CLI and the UI use. */
export const EXPORTERS: { readonly [F in keyof ExportOptionsByFormat]: Exporter<F> } = {
  w3c: {
    label: 'W3C Web Annotation (JSON-LD)',
    offsetUnit: 'Unicode code points (TextPositionSelector)',
    run: (snapshot, options) => exportW3c(snapshot, options),
    stream: (source, target, options) => streamW3c(source, target, options),
  },
  csv: {
    label: 'CSV (spreadsheet)',
    offsetUnit: 'UTF-16 code units and Unicode code points (both columns)',
    run: (snapshot) => exportCsv(snapshot),
    stream: (source, target) => streamCsv(source, target),
  },
  brat: {
    label: 'brat standoff',
    offsetUnit: 'Unicode code points',
    run: (snapshot) => exportBrat(snapshot),
    stream: (source, target) => streamBrat(source, target),
  },
  qdpx: {
    label: 'REFI-QDA project (QualCoder, MAXQDA, ATLAS.ti, NVivo)',
    offsetUnit: 'Unicode code points (PlainTextSelection)',
    run: (snapshot) => exportQdpx(snapshot),
    stream: (source, target) => streamQdpx(source, target),
  },
  html: {
    label: 'Readable report (HTML, printable to PDF)',
    offsetUnit: 'none (quotes only)',
    run: (snapshot) => exportHtmlReport(snapshot),
    stream: (source, target) => streamHtmlReport(source, target),
  },
};

export type FileExportFormat = keyof typeof EXPORTERS;
export const FILE_EXPORT_FORMATS = Object.keys(EXPORTERS) as FileExportFormat[];

/** Runs one exporter; the files are named relative to the destination the user chose. */
export function exportProject<F extends FileExportFormat>(
  snapshot: ExportSnapshot,
  format: F,
  options?: ExportOptionsByFormat[F],
): ExportedFile[] {
  const exporter: Exporter<F> = EXPORTERS[format];
  return exporter.run(snapshot, options);
}

// The lines `import-annotations` prints: what was added, updated and left, how many anchored, and why the rest did not.
import type { ResponseOf } from '../../src-shared/api/contract';

/** The human-readable summary of an annotation import, one fact per line. */
export function annotationImportSummary(report: ResponseOf<'annotation.importFile'>): string {
  const { orphaned } = report;
  const anchored = report.imported + report.updated + report.unchanged;
  const lines = [
    `Imported ${report.imported} tag(s)${report.documentsCreated ? ` and ${report.documentsCreated} document(s)` : ''}; ` +
      `${report.updated} updated to a newer version, ${report.unchanged} already in the project.`,
    `Anchored ${anchored}; orphaned ${orphaned.noDocument + orphaned.passageNotFound}` +
      ` (${orphaned.noDocument} with no matching document, ${orphaned.passageNotFound} whose passage was not found).`,
  ];
  if (report.analystsAdded.length > 0) lines.push(`New analysts: ${report.analystsAdded.map((a) => `${a.name} (${a.id.slice(0, 8)})`).join(', ')}.`);
  if (report.futureTimesClamped > 0) lines.push(`${report.futureTimesClamped} tag(s) carried times in the future; they were set to now.`);
  for (const item of report.notImported) lines.push(`Not imported — ${item.where}: ${item.message}`);
  return `${lines.join('\n')}\n`;
}

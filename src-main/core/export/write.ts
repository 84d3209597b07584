// The `export.write` operation (main process): any format written in chunks into a new private folder of the core.
import { rmSync } from 'node:fs';
import type { ValidRequestOf } from '../../../src-shared/api/contract';
import { streamProjectJson } from '../export-json';
import { newPrivateFolder } from '../private-files';
import type { ProjectSession } from '../session';
import { folderTarget, type WrittenFile } from './chunks';
import { EXPORTERS } from './index';
import { exportFiltersOf } from './snapshot';
import { sourceOfSession } from './source';

/**
 * Writes the export asked for into a new private folder (removed when the process ends, or by the caller after it
 * moved or sent the files) and says what it holds. Memory stays bounded whatever the project's size: files are
 * filled through a small buffer, one document and its tags at a time.
 */
export function writeExport(session: ProjectSession, request: ValidRequestOf<'export.write'>): { folder: string; files: WrittenFile[] } {
  const { format, jsonLines } = request;
  const filters = exportFiltersOf(session, request);
  const folder = newPrivateFolder('export');
  const target = folderTarget(folder);
  try {
    if (format === 'json') streamProjectJson(session, filters, target);
    else if (format === 'w3c') EXPORTERS.w3c.stream(sourceOfSession(session, filters), target, { jsonLines: jsonLines === true });
    else EXPORTERS[format].stream(sourceOfSession(session, filters), target);
  } catch (error) {
    rmSync(folder, { recursive: true, force: true });
    throw error;
  }
  return { folder, files: [...target.written] };
}

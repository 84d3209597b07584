// Analyst identities: listing them with tag counts and origin, renaming one in place, combining two into one.
import type { AnalystEntry, ResponseOf, ValidRequestOf } from '../../src-shared/api/contract';
import type { Annotation } from '../../src-shared/model/annotation';
import type { AnalystId } from '../../src-shared/model/ids';
import { UserError } from '../../src-shared/model/result';
import { allAnnotations } from '../store/annotations';
import { analystRows, analystsCombinedAway, renameAnalyst as renameAnalystRow, type AnalystRow } from '../store/project-meta';
import { recordChange, runAction } from './record-change';
import type { ProjectSession } from './session';

function entryOf(session: ProjectSession, row: AnalystRow): AnalystEntry {
  return { ...row, current: session.currentAnalyst()?.id === row.id };
}

/**
 * Every analyst of the project, by name. An analyst left without tags because a combine moved them to another (here
 * or in a merged teammate's file: the change log says so) is no longer a separate identity and is left out.
 */
export function listAnalysts(session: ProjectSession): ResponseOf<'analyst.list'> {
  const rows = analystRows(session.db);
  const empty = rows.filter((r) => r.tagCount === 0).map((r) => r.id);
  const combined = analystsCombinedAway(session.db, empty);
  const current = session.currentAnalyst()?.id;
  return { analysts: rows.filter((r) => !combined.has(r.id) || r.id === current).map((r) => entryOf(session, r)) };
}

function analystRow(session: ProjectSession, id: AnalystId): AnalystRow {
  const row = analystRows(session.db).find((r) => r.id === id);
  if (!row) throw new UserError('not_found', `There is no analyst with id ${id} in this project.`);
  return row;
}

/** Renames an analyst in place: the same id, so every tag, decision and change keeps pointing to them. */
export function renameAnalyst(session: ProjectSession, request: ValidRequestOf<'analyst.rename'>): ResponseOf<'analyst.rename'> {
  const row = analystRow(session, request.id);
  const name = request.name.trim();
  if (name === row.name) return entryOf(session, row);
  const taken = listAnalysts(session).analysts.find((a) => a.id !== row.id && a.name.toLowerCase() === name.toLowerCase());
  if (taken) {
    throw new UserError(
      'conflict',
      `“${taken.name}” (${taken.id.slice(0, 8)}) is already another analyst of this project; combine the two instead of giving them one name.`,
    );
  }
  session.db.transaction(() => renameAnalystRow(session.db, row.id, name))();
  return entryOf(session, { ...row, name });
}

function liveTagsOf(session: ProjectSession, id: AnalystId): Annotation[] {
  return allAnnotations(session.db).filter((t) => t.analystId === id && t.deletedAt === null);
}

/**
 * Makes `from` and `into` one identity: every live tag of `from` becomes `into`'s. One undoable step, each moved tag
 * an update in the change log, so that merging this file elsewhere moves the same tags there.
 */
export function combineAnalysts(session: ProjectSession, request: ValidRequestOf<'analyst.combine'>): ResponseOf<'analyst.combine'> {
  if (request.from === request.into) throw new UserError('invalid_request', 'Choose two different analysts to combine.');
  const from = analystRow(session, request.from);
  const into = analystRow(session, request.into);
  const tags = liveTagsOf(session, from.id);
  if (tags.length === 0) throw new UserError('invalid_request', `“${from.name}” has no tags; there is nothing to combine.`);
  if (request.dryRun) return { analyst: entryOf(session, { ...into, tagCount: into.tagCount + tags.length }), moved: tags.length };
  runAction(session, `Treat analyst “${from.name}” as “${into.name}”`, (historyId) => {
    const at = session.now();
    for (const tag of tags) recordChange(session, { type: 'annotation', value: { ...tag, analystId: into.id, updatedAt: at } }, 'edit', historyId);
  });
  return { analyst: entryOf(session, analystRow(session, into.id)), moved: tags.length };
}

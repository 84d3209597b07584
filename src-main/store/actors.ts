// Actor registry rows: read, list, and write a full snapshot (insert or replace by id).
import type { Actor, ActorKind } from '../../src-shared/model/actor';
import type { ChangeId } from '../../src-shared/model/ids';
import { onLiveDocumentKey } from './documents';
import type { Db } from './open-project';
import { statement } from './statements';

interface ActorRow {
  id: string;
  name: string;
  kind: ActorKind;
  aliases: string;
  analyst_id: string;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
  head_change_id: string;
}

const COLUMNS = 'id, name, kind, aliases, analyst_id, created_at, updated_at, deleted_at, head_change_id';

function actorFromRow(row: ActorRow): Actor {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    aliases: JSON.parse(row.aliases) as string[],
    analystId: row.analyst_id,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    deletedAt: row.deleted_at,
  } as Actor;
}

export function actorById(db: Db, id: string): { actor: Actor; headChangeId: ChangeId } | undefined {
  const row = statement(db, `SELECT ${COLUMNS} FROM actors WHERE id = ?`).get(id) as ActorRow | undefined;
  return row ? { actor: actorFromRow(row), headChangeId: row.head_change_id as ChangeId } : undefined;
}

export function allActors(db: Db, includeDeleted: boolean): Actor[] {
  const where = includeDeleted ? '' : 'WHERE deleted_at IS NULL';
  return (statement(db, `SELECT ${COLUMNS} FROM actors ${where} ORDER BY name COLLATE NOCASE, id`).all() as ActorRow[]).map(actorFromRow);
}

export function putActor(db: Db, actor: Actor, headChangeId: ChangeId): void {
  statement(db, 
    `INSERT INTO actors (${COLUMNS})
     VALUES (@id, @name, @kind, @aliases, @analystId, @createdAt, @updatedAt, @deletedAt, @headChangeId)
     ON CONFLICT (id) DO UPDATE SET name = excluded.name, kind = excluded.kind, aliases = excluded.aliases,
       updated_at = excluded.updated_at, deleted_at = excluded.deleted_at, head_change_id = excluded.head_change_id`,
  ).run({ ...actor, aliases: JSON.stringify(actor.aliases), headChangeId });
}

/** Live tags naming each actor (actor tags by actorId, claims by claimantId), per document. */
export function actorMentionCounts(db: Db): { actorId: string; documentId: string; count: number }[] {
  return statement(
    db,
    // Counted on the tags' table by document key (see tagCountsByDocument).
    `SELECT c.actor_id AS actorId, k.id AS documentId, c.count FROM (
       SELECT actor_id, document_key, count(*) AS count FROM (
         SELECT document_key, CASE kind WHEN 'actor' THEN json_extract(attributes, '$.actorId') ELSE json_extract(attributes, '$.claimantId') END AS actor_id
         FROM annotation_rows WHERE deleted_at IS NULL AND kind IN ('actor', 'claim') AND ${onLiveDocumentKey()})
       WHERE actor_id IS NOT NULL GROUP BY actor_id, document_key
     ) c JOIN document_keys k ON k.key = c.document_key`,
  ).all() as { actorId: string; documentId: string; count: number }[];
}

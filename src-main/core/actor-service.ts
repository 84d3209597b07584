// The actor registry: create, rename, change aliases, search — one actor per person whatever the spelling.
import type { ActorMentions, ResponseOf, ValidRequestOf } from '../../src-shared/api/contract';
import { actorNameKey, actorNames, type Actor } from '../../src-shared/model/actor';
import type { ActorId } from '../../src-shared/model/ids';
import { UserError } from '../../src-shared/model/result';
import { actorById, actorMentionCounts, allActors } from '../store/actors';
import { allAnnotations } from '../store/annotations';
import { allDocumentMetas } from '../store/documents';
import type { Annotation } from '../../src-shared/model/annotation';
import { recordChange, runAction } from './record-change';
import type { ProjectSession } from './session';

/** Aliases without duplicates and without the canonical name itself. */
function cleanAliases(name: string, aliases: readonly string[]): string[] {
  const seen = new Set([actorNameKey(name)]);
  const result: string[] = [];
  for (const alias of aliases) {
    const key = actorNameKey(alias);
    if (key === '' || seen.has(key)) continue;
    seen.add(key);
    result.push(alias.trim());
  }
  return result;
}

/** Refuses a name or alias that already belongs to another actor, naming that actor. */
function checkNamesAreFree(session: ProjectSession, names: readonly string[], self: ActorId | null): void {
  const wanted = new Map(names.map((n) => [actorNameKey(n), n]));
  for (const other of allActors(session.db, false)) {
    if (other.id === self) continue;
    for (const otherName of actorNames(other)) {
      const clash = wanted.get(actorNameKey(otherName));
      if (clash !== undefined) {
        const how = otherName === other.name ? '' : ` (as an alias of “${other.name}”)`;
        throw new UserError('conflict', `“${clash}” is already in the actor registry${how}; edit that actor instead of adding another.`);
      }
    }
  }
}

export function createActor(session: ProjectSession, request: ValidRequestOf<'actor.create'>): ResponseOf<'actor.create'> {
  const name = request.name.trim();
  const aliases = cleanAliases(name, request.aliases ?? []);
  checkNamesAreFree(session, [name, ...aliases], null);
  return runAction(session, `Add actor “${name}”`, (historyId) => {
    const at = session.now();
    const actor: Actor = {
      id: session.newId<ActorId>(),
      name,
      kind: request.kind,
      aliases,
      analystId: session.analystForWriting().id,
      createdAt: at,
      updatedAt: at,
      deletedAt: null,
    };
    recordChange(session, { type: 'actor', value: actor }, 'edit', historyId, true);
    return actor;
  });
}

export function updateActor(session: ProjectSession, request: ValidRequestOf<'actor.update'>): ResponseOf<'actor.update'> {
  const stored = actorById(session.db, request.id);
  if (!stored || stored.actor.deletedAt !== null) throw new UserError('not_found', `There is no actor with id ${request.id} in this project.`);
  const current = stored.actor;
  const name = request.name?.trim() ?? current.name;
  const aliases = cleanAliases(name, request.aliases ?? current.aliases);
  const kind = request.kind ?? current.kind;
  if (name === current.name && kind === current.kind && JSON.stringify(aliases) === JSON.stringify(current.aliases)) return current;
  checkNamesAreFree(session, [name, ...aliases], current.id);
  return runAction(session, `Edit actor “${name}”`, (historyId) => {
    const updated: Actor = { ...current, name, kind, aliases, updatedAt: session.now() };
    recordChange(session, { type: 'actor', value: updated }, 'edit', historyId);
    return updated;
  });
}

/** Actors whose name or an alias contains the query (ignoring case and accents), best matches first. */
export function listActors(session: ProjectSession, request: ValidRequestOf<'actor.list'>): ResponseOf<'actor.list'> {
  const found = matchingActors(session, request);
  if (request.withMentions !== true) return { actors: found };
  const mentions = mentionsByActor(session);
  return { actors: found.map((actor) => ({ ...actor, mentions: mentions(actor.id) })) };
}

function matchingActors(session: ProjectSession, request: ValidRequestOf<'actor.list'>): Actor[] {
  const actors = allActors(session.db, request.includeDeleted === true);
  const query = actorNameKey(request.query ?? '');
  if (query === '') return actors;
  const scored = actors
    .map((actor) => {
      const keys = actorNames(actor).map(actorNameKey);
      const score = keys.some((k) => k === query) ? 0 : keys.some((k) => k.startsWith(query)) ? 1 : keys.some((k) => k.includes(query)) ? 2 : 3;
      return { actor, score };
    })
    .filter((entry) => entry.score < 3)
    .sort((a, b) => a.score - b.score);
  return scored.map((entry) => entry.actor);
}

/** The actor a live tag names: an actor tag's actor, or a claim's claimant. */
function actorNamedBy(tag: Annotation): string | null {
  if (tag.deletedAt !== null) return null;
  if (tag.kind === 'actor') return tag.attributes.actorId;
  if (tag.kind === 'claim') return tag.attributes.claimantId;
  return null;
}

/** Counts, per actor, of the live tags naming it, per document (in the documents' order) and in all. */
function mentionsByActor(session: ProjectSession): (actorId: string) => ActorMentions {
  const counts = new Map<string, Map<string, number>>();
  for (const row of actorMentionCounts(session.db)) {
    let perDocument = counts.get(row.actorId);
    if (!perDocument) counts.set(row.actorId, (perDocument = new Map()));
    perDocument.set(row.documentId, row.count);
  }
  const documents = allDocumentMetas(session.db);
  return (actorId) => {
    const perDocument = counts.get(actorId) ?? new Map<string, number>();
    const byDocument = documents
      .filter((d) => perDocument.has(d.id))
      .map((d) => ({ documentId: d.id, title: d.title, count: perDocument.get(d.id) ?? 0 }));
    return { total: byDocument.reduce((sum, d) => sum + d.count, 0), byDocument };
  };
}

/** Every live tag naming one actor, with the counts per document: what the registry view jumps to. */
export function actorMentions(session: ProjectSession, request: ValidRequestOf<'actor.mentions'>): ResponseOf<'actor.mentions'> {
  if (!actorById(session.db, request.actorId)) throw new UserError('not_found', `There is no actor with id ${request.actorId} in this project.`);
  return { ...mentionsByActor(session)(request.actorId), annotations: annotationsNaming(session, request.actorId) };
}

/**
 * Combines two actors that are one (“Kirill Budanov” and “Kyrylo Budanov” from two teammates' files): the second's
 * name and aliases become aliases of the first, every tag naming the second names the first, and the second is
 * left as a tombstone — all one undoable step.
 */
export function combineActors(session: ProjectSession, request: ValidRequestOf<'actor.combine'>): ResponseOf<'actor.combine'> {
  if (request.keepId === request.mergeId) throw new UserError('invalid_request', 'Choose two different actors to combine.');
  const keep = actorById(session.db, request.keepId);
  const merge = actorById(session.db, request.mergeId);
  if (!keep || keep.actor.deletedAt !== null || !merge || merge.actor.deletedAt !== null) {
    throw new UserError('not_found', 'One of the actors is not in the registry (any more).');
  }
  const keepActor = keep.actor;
  const mergeActor = merge.actor;
  if (request.dryRun) {
    const aliases = cleanAliases(keepActor.name, [...keepActor.aliases, mergeActor.name, ...mergeActor.aliases]);
    return { actor: { ...keepActor, aliases }, retagged: annotationsNaming(session, mergeActor.id).length };
  }
  return runAction(session, `Treat “${mergeActor.name}” as “${keepActor.name}”`, (historyId) => {
    const at = session.now();
    const combined: Actor = { ...keepActor, aliases: cleanAliases(keepActor.name, [...keepActor.aliases, mergeActor.name, ...mergeActor.aliases]), updatedAt: at };
    recordChange(session, { type: 'actor', value: combined }, 'edit', historyId);
    recordChange(session, { type: 'actor', value: { ...mergeActor, updatedAt: at, deletedAt: at } }, 'edit', historyId);
    let retagged = 0;
    for (const tag of annotationsNaming(session, mergeActor.id)) {
      const attributes = { ...tag.attributes } as Record<string, unknown>;
      if (attributes.actorId === mergeActor.id) attributes.actorId = keepActor.id;
      if (attributes.claimantId === mergeActor.id) attributes.claimantId = keepActor.id;
      recordChange(session, { type: 'annotation', value: { ...tag, attributes, updatedAt: at } as Annotation }, 'edit', historyId);
      retagged++;
    }
    return { actor: combined, retagged };
  });
}

function annotationsNaming(session: ProjectSession, actorId: string): Annotation[] {
  return allAnnotations(session.db).filter((t) => actorNamedBy(t) === actorId);
}

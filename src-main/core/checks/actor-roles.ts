// Actors' roles with dates, kept in the project file, and the outdated-role rule that reads them.
import type { ActorRole, Finding, ValidRequestOf } from '../../../src-shared/api/contract';
import { UserError } from '../../../src-shared/model/result';
import { actorById } from '../../store/actors';
import { statement } from '../../store/statements';
import type { ProjectSession } from '../session';
import { evidenceOf, findingKey, type CheckInput } from './evidence';
import { roleKey, type RoleMention } from './roles';

const COLUMNS = 'id, actor_id AS actorId, role, from_date AS "from", to_date AS "to"';

export function listActorRoles(session: ProjectSession, actorId?: string): ActorRole[] {
  return (
    actorId === undefined
      ? statement(session.db, `SELECT ${COLUMNS} FROM actor_roles ORDER BY actor_id, from_date`).all()
      : statement(session.db, `SELECT ${COLUMNS} FROM actor_roles WHERE actor_id = ? ORDER BY from_date`).all(actorId)
  ) as ActorRole[];
}

export function addActorRole(session: ProjectSession, request: ValidRequestOf<'actor.addRole'>): ActorRole {
  const actor = actorById(session.db, request.actorId);
  if (!actor || actor.actor.deletedAt !== null) throw new UserError('not_found', `There is no actor with id ${request.actorId} in the registry.`);
  const role: ActorRole = { id: session.newId<string>(), actorId: request.actorId, role: request.role, from: request.from, to: request.to ?? null };
  session.db.transaction(() => {
    statement(session.db, 'INSERT INTO actor_roles (id, actor_id, role, from_date, to_date, analyst_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
      role.id,
      role.actorId,
      role.role,
      role.from,
      role.to,
      session.analystForWriting().id,
      session.now(),
    );
  })();
  return role;
}

/** Mentions of a registered role in an article dated outside every span the registry gives that role. */
export function outdatedRoles(input: CheckInput, mentions: readonly RoleMention[], roles: readonly ActorRole[]): Finding[] {
  const findings: Finding[] = [];
  for (const mention of mentions) {
    const date = input.documents.get(mention.annotation.documentId)?.publishedAt?.slice(0, 10);
    const spans = roles.filter((r) => r.actorId === mention.actorId && roleKey(r.role) === mention.key);
    if (!date || spans.length === 0 || spans.some((r) => r.from <= date && (r.to === null || date <= r.to))) continue;
    const name = input.actorNames.get(mention.actorId)?.[0] ?? mention.actorId;
    const held = spans.map((r) => `${r.from} – ${r.to ?? 'now'}`).join(', ');
    findings.push({
      key: findingKey('outdated_role', [mention.annotation.id, ...spans.map((r) => r.id)]),
      rule: 'outdated_role',
      summary: `${name} is called “${mention.role}” in an article of ${date}, but held that role ${held}.`,
      suggestedCategory: 'outdated_role',
      evidence: [evidenceOf(input, mention.annotation, mention.role)],
      dismissed: false,
    });
  }
  return findings;
}

// `checks.list` and `checks.dismiss`: the cross-document rules run over the project's live tags, dismissals remembered.
import type { ResponseOf, ValidRequestOf } from '../../../src-shared/api/contract';
import { actorNames } from '../../../src-shared/model/actor';
import { UserError } from '../../../src-shared/model/result';
import { allActors } from '../../store/actors';
import { allAnnotations } from '../../store/annotations';
import { allDocumentMetas, documentText } from '../../store/documents';
import { statement } from '../../store/statements';
import type { ProjectSession } from '../session';
import { repeatedClaims } from './claims';
import type { CheckDocument, CheckInput } from './evidence';
import { disagreeingFigures } from './figures';
import { disagreeingRoles, roleMentions } from './roles';
import { listActorRoles, outdatedRoles } from './actor-roles';

/** What the rules read: live tags with a passage, the texts of the documents they are on, the registry's names. */
function checkInput(session: ProjectSession): CheckInput {
  const annotations = allAnnotations(session.db).filter((a) => a.deletedAt === null && a.target !== null);
  const tagged = new Set(annotations.map((a) => a.documentId));
  const documents = new Map<string, CheckDocument>();
  for (const meta of allDocumentMetas(session.db)) {
    if (tagged.has(meta.id)) documents.set(meta.id, { id: meta.id, title: meta.title, publishedAt: meta.publishedAt ?? null, text: documentText(session.db, meta.id) ?? '' });
  }
  const names = new Map(allActors(session.db, false).map((actor) => [actor.id as string, actorNames(actor)]));
  return { documents, annotations, actorNames: names };
}

function dismissedKeys(session: ProjectSession): Set<string> {
  return new Set(statement(session.db, 'SELECT key FROM dismissed_findings').pluck().all() as string[]);
}

export function listFindings(session: ProjectSession, request: ValidRequestOf<'checks.list'>): ResponseOf<'checks.list'> {
  const input = checkInput(session);
  const dismissed = dismissedKeys(session);
  const mentions = roleMentions(input);
  const findings = [...disagreeingFigures(input), ...disagreeingRoles(input, mentions), ...outdatedRoles(input, mentions, listActorRoles(session)), ...repeatedClaims(input)].map((f) => ({ ...f, dismissed: dismissed.has(f.key) }));
  return { findings: request.includeDismissed ? findings : findings.filter((f) => !f.dismissed) };
}

const RULE_OF_KEY = /^(figures|roles|outdated_role|claims):[0-9a-f]{32}$/u;

export function dismissFinding(session: ProjectSession, request: ValidRequestOf<'checks.dismiss'>): ResponseOf<'checks.dismiss'> {
  const rule = RULE_OF_KEY.exec(request.key)?.[1];
  if (rule === undefined || !listFindings(session, { includeDismissed: true }).findings.some((f) => f.key === request.key)) {
    throw new UserError('not_found', `There is no finding “${request.key}” in this project; see: marginalia checks <project>.`);
  }
  session.db.transaction(() => {
    statement(session.db, 'INSERT OR IGNORE INTO dismissed_findings (key, rule, analyst_id, dismissed_at) VALUES (?, ?, ?, ?)').run(
      request.key,
      rule,
      session.analystForWriting().id,
      session.now(),
    );
  })();
  return {};
}

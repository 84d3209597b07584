// What every CLI command shares: the terminal it writes to, opening a project, and finding documents, actors, analysts.
import { actorNameKey, actorNames, ActorKindSchema, type Actor } from '../../src-shared/model/actor';
import type { AnalystEntry, Method, RequestOf, ResponseOf } from '../../src-shared/api/contract';
import { UserError } from '../../src-shared/model/result';
import { createProjectApi, type ProjectApi } from '../core/handlers';
import { openProject, type ProjectSession } from '../core/session';
import { readSettings, settingsDirectory } from '../core/settings';
import { visible } from './render';

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: NodeJS.ProcessEnv;
}

/**
 * An open project, reached only through the contract like the app and `serve`; failures become UserErrors with the
 * core's sentence. (`new` and `repair` make project files and so come before any open project.)
 */
export class CliProject {
  private readonly api: ProjectApi;
  constructor(session: ProjectSession) {
    this.api = createProjectApi(session);
  }
  async call<M extends Method>(method: M, request: RequestOf<M>): Promise<ResponseOf<M>> {
    const result = await this.api.call(method, request);
    if (!result.ok) throw new UserError(result.error.code, result.error.message);
    return result.value as ResponseOf<M>;
  }
}

export function analystName(option: string | undefined, io: CliIo): string | null {
  return option ?? io.env.MARGINALIA_ANALYST ?? readSettings(settingsDirectory(io.env)).analystName ?? null;
}

export async function withProject<T>(path: string, analyst: string | null, readOnly: boolean, use: (project: CliProject) => Promise<T>): Promise<T> {
  const session = openProject(path, { analystName: analyst, readOnly });
  try {
    return await use(new CliProject(session));
  } finally {
    session.close();
  }
}

/** Finds a document by id, id prefix, or title (exact, then unique substring), ignoring case. */
export async function resolveDocument(project: CliProject, reference: string): Promise<ResponseOf<'document.list'>['documents'][number]> {
  const { documents } = await project.call('document.list', {});
  const ref = reference.trim().toLowerCase();
  const byId = documents.filter((d) => d.id.toLowerCase() === ref || (ref.length >= 6 && d.id.toLowerCase().startsWith(ref)));
  const byTitle = documents.filter((d) => d.title.trim().toLowerCase() === ref);
  const bySubstring = documents.filter((d) => d.title.toLowerCase().includes(ref));
  const candidates = byId.length > 0 ? byId : byTitle.length > 0 ? byTitle : bySubstring;
  if (candidates.length === 1 && candidates[0]) return candidates[0];
  if (candidates.length === 0) throw new UserError('not_found', `No document matches “${reference}”; see: marginalia list <project>.`);
  const names = candidates.slice(0, 5).map((d) => `${d.id.slice(0, 8)} “${visible(d.title)}”`).join(', ');
  throw new UserError('not_found', `“${reference}” matches ${candidates.length} documents (${names}); use the id.`);
}

export async function actorMap(project: CliProject): Promise<Map<string, Actor>> {
  const { actors } = await project.call('actor.list', { includeDeleted: true });
  return new Map(actors.map((a) => [a.id, a]));
}

export async function analystMap(project: CliProject): Promise<Map<string, string>> {
  const info = await project.call('project.info', {});
  return new Map(info.analysts.map((a) => [a.id, a.name]));
}

/** An analyst as a CLI command can name them; tag count and origin are known for this project's own. */
export interface AnalystCandidate {
  id: string;
  name: string;
  tagCount?: number;
  origin?: string;
}

function describeAnalyst(a: AnalystCandidate): string {
  const details = [a.id.slice(0, 8), a.origin, a.tagCount === undefined ? undefined : `${a.tagCount} tag(s)`].filter(Boolean);
  return `${a.name} (${details.join(', ')})`;
}

/**
 * The analyst `reference` names among `among`: by id or id prefix (at least 4 characters), else by name ignoring
 * case. A name several analysts share is refused with each candidate listed, so the user can pick one by id.
 */
export function pickAnalyst<T extends AnalystCandidate>(among: readonly T[], reference: string, where: string): T {
  const ref = reference.trim().toLowerCase();
  const byId = among.filter((a) => a.id.toLowerCase() === ref || (ref.length >= 4 && a.id.toLowerCase().startsWith(ref)));
  const byName = among.filter((a) => a.name.toLowerCase() === ref);
  const candidates = byName.length > 0 ? byName : byId;
  if (candidates.length === 1 && candidates[0]) return candidates[0];
  if (candidates.length === 0) {
    throw new UserError('not_found', `No analyst called “${reference}” in ${where} (there are: ${among.map((a) => a.name).join(', ') || 'none'}).`);
  }
  throw new UserError(
    'ambiguous_name',
    `“${reference}” names ${candidates.length} analysts in ${where}: ${candidates.map(describeAnalyst).join('; ')}. Name one by its id prefix.`,
  );
}

/** This project's analyst named by `reference` (name, id, or id prefix). */
export async function resolveAnalyst(project: CliProject, reference: string): Promise<AnalystEntry> {
  const { analysts } = await project.call('analyst.list', {});
  return pickAnalyst(analysts, reference, 'this project');
}

/** The registry actor with this name or alias; created (as `kind`) when there is none. */
export async function actorByName(project: CliProject, name: string, kind: string | undefined, io: CliIo): Promise<Actor> {
  const { actors } = await project.call('actor.list', { query: name });
  const key = actorNameKey(name);
  const found = actors.find((a) => actorNames(a).some((n) => actorNameKey(n) === key));
  if (found) return found;
  const parsedKind = ActorKindSchema.safeParse(kind ?? 'person');
  if (!parsedKind.success) throw new UserError('invalid_attributes', `actorKind must be one of ${ActorKindSchema.options.join(', ')}.`);
  const created = await project.call('actor.create', { name, kind: parsedKind.data });
  io.stderr(`Added “${visible(created.name)}” (${created.kind}) to the actor registry.\n`);
  return created;
}

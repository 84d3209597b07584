// What every CLI command shares: the terminal it writes to, opening a project, and finding documents, actors, analysts.
import { actorNameKey, actorNames, ActorKindSchema, type Actor } from '../../src-shared/model/actor';
import type { Method, RequestOf, ResponseOf } from '../../src-shared/api/contract';
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

/** An open project plus typed calls through the contract; failures become UserErrors with the core's sentence. */
export class CliProject {
  private readonly api: ProjectApi;
  constructor(readonly session: ProjectSession) {
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

// The open project's summaries the workbench shows everywhere: its info (analysts, document count) and the actors.
import { useCallback, useState } from 'react';
import type { ProjectInfo } from '../../src-shared/api/contract';
import type { Actor, ActorKind } from '../../src-shared/model/actor';
import type { Client } from '../api/client';

/**
 * Project info and the actor registry, reloaded together by `refreshProject`. `revision` grows with every refresh, so
 * views that derive figures from the project (the document list's rows, the actor registry, the analysts) load them
 * again; the document list fetches its own rows, a page at a time.
 */
export function useProjectData(client: Client) {
  const [info, setInfo] = useState<ProjectInfo | null>(null);
  const [actors, setActors] = useState<Actor[]>([]);
  const [revision, setRevision] = useState(0);

  const refreshProject = useCallback(async () => {
    const [projectInfo, registry] = await Promise.all([client.call('project.info', {}), client.call('actor.list', {})]);
    setInfo(projectInfo);
    setActors(registry.actors);
    setRevision((n) => n + 1);
    return { info: projectInfo, actors: registry.actors };
  }, [client]);

  const clearProject = useCallback(() => {
    setActors([]);
  }, []);

  const putActor = (actor: Actor) => {
    setActors((list) => [...list.filter((a) => a.id !== actor.id), actor].sort((a, b) => a.name.localeCompare(b.name)));
    return actor;
  };
  /** Adds an actor to the registry (from an actor field's “Create …”). */
  const createActor = async (name: string, kind: ActorKind) => putActor(await client.call('actor.create', { name, kind }));
  const updateActor = async (id: string, change: { aliases?: string[] }) => putActor(await client.call('actor.update', { id, ...change }));

  return { info, actors, revision, refreshProject, clearProject, createActor, updateActor };
}

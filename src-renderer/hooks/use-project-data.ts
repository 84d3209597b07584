// The open project's summaries the workbench shows everywhere: its info and analysts, document list with counts, actors.
import { useCallback, useState } from 'react';
import type { DocumentSummary, ProjectInfo } from '../../src-shared/api/contract';
import type { Actor, ActorKind } from '../../src-shared/model/actor';
import type { Client } from '../api/client';

/**
 * Project info, the document summaries (with tag counts) and the actor registry, reloaded together by
 * `refreshProject`. `revision` grows with every refresh, so views that derive figures from the tags (the actor
 * registry, the analysts) know to load them again.
 */
export function useProjectData(client: Client) {
  const [info, setInfo] = useState<ProjectInfo | null>(null);
  const [documents, setDocuments] = useState<DocumentSummary[]>([]);
  const [actors, setActors] = useState<Actor[]>([]);
  const [revision, setRevision] = useState(0);

  const refreshProject = useCallback(async () => {
    const [projectInfo, list, registry] = await Promise.all([
      client.call('project.info', {}),
      client.call('document.list', {}),
      client.call('actor.list', {}),
    ]);
    setInfo(projectInfo);
    setDocuments(list.documents);
    setActors(registry.actors);
    setRevision((n) => n + 1);
    return { documents: list.documents, actors: registry.actors };
  }, [client]);

  const clearProject = useCallback(() => {
    setDocuments([]);
    setActors([]);
  }, []);

  const putActor = (actor: Actor) => {
    setActors((list) => [...list.filter((a) => a.id !== actor.id), actor].sort((a, b) => a.name.localeCompare(b.name)));
    return actor;
  };
  /** Adds an actor to the registry (from an actor field's “Create …”). */
  const createActor = async (name: string, kind: ActorKind) => putActor(await client.call('actor.create', { name, kind }));
  const updateActor = async (id: string, change: { aliases?: string[] }) => putActor(await client.call('actor.update', { id, ...change }));

  return { info, documents, actors, revision, refreshProject, clearProject, createActor, updateActor };
}

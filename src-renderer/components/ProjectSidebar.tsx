// Left pane: the documents, the actor registry, the analysts, the suggestions and the checks, one tab at a time.
import { useEffect, useState, type ReactNode } from 'react';
import type { Actor } from '../../src-shared/model/actor';
import type { Client } from '../api/client';
import { ActorRegistry } from './ActorRegistry';
import { AnalystsPanel } from './AnalystsPanel';
import { ChecksPanel } from './checks/ChecksPanel';
import { DocumentList } from './DocumentList';
import { SidebarTabs, type SidebarTab } from './SidebarTabs';

export function ProjectSidebar(props: {
  client: Client;
  /** Every document of the project. */
  documentCount: number;
  actors: readonly Actor[];
  /** Grows with every change to the project, so the registry's counts are loaded again. */
  revision: number;
  currentDocumentId: string | null;
  /** Asks to show one actor in the registry (a new object for every request). */
  showActor: { id: string } | null;
  onOpenDocument: (id: string) => void;
  onJump: (documentId: string, annotationId: string) => void;
  /** Renames the analyst this window writes as. */
  onRenameSelf: (name: string) => Promise<void>;
  onChanged: (message: string) => void;
  onError: (error: unknown) => void;
  /** The Suggestions tab's panel. */
  suggestions?: ReactNode;
}) {
  const [tab, setTab] = useState<SidebarTab>('documents');
  useEffect(() => {
    if (props.showActor) setTab('actors');
  }, [props.showActor]);
  return (
    <SidebarTabs tab={tab} onTab={setTab}>
      {tab === 'documents' && <DocumentList client={props.client} revision={props.revision} documentCount={props.documentCount} currentId={props.currentDocumentId} onOpen={props.onOpenDocument} />}
      {tab === 'actors' && (
        <ActorRegistry
          client={props.client}
          actors={props.actors}
          revision={props.revision}
          focusActorId={props.showActor?.id ?? null}
          onJump={props.onJump}
          onChanged={props.onChanged}
          onError={props.onError}
        />
      )}
      {tab === 'analysts' && (
        <AnalystsPanel client={props.client} revision={props.revision} onRenameSelf={props.onRenameSelf} onChanged={props.onChanged} onError={props.onError} />
      )}
      {tab === 'suggestions' && props.suggestions}
      {tab === 'checks' && <ChecksPanel client={props.client} revision={props.revision} onJump={props.onJump} onChanged={props.onChanged} onError={props.onError} />}
    </SidebarTabs>
  );
}

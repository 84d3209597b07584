// Review mode: which document is reviewed and which two analysts are compared, with sensible defaults.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Analyst, DocumentRow } from '../../../src-shared/api/contract';
import type { Annotation } from '../../../src-shared/model/annotation';
import type { Document } from '../../../src-shared/model/document';
import type { Client } from '../../api/client';
import { defaultPair } from './review-model';

export interface Pair {
  analystA: string;
  analystB: string;
  /** Set when B is an analyst of a teammate's file opened for review. */
  teammateFileId?: string;
}

function suggestedPair(current: Pair | null, analysts: readonly Analyst[], annotations: readonly Annotation[]): Pair | null {
  // A teammate's analyst stays chosen from article to article.
  if (current?.teammateFileId) return current;
  const tagging = new Set<string>(annotations.map((t) => t.analystId));
  if (current && tagging.has(current.analystA) && tagging.has(current.analystB)) return current;
  const suggested = defaultPair(analysts, annotations);
  return suggested ? { analystA: suggested[0], analystB: suggested[1] } : current;
}

/**
 * The documents to choose from, the chosen document (loaded with its text), and the analysts A and B. When a
 * document is chosen, the pair stays if both analysts tagged it; otherwise it becomes the first two analysts who did.
 * `initial` is the document open in the workbench with its tags: reviewed at once, without loading it again.
 */
export function useReviewSelection(
  client: Client,
  initial: { document: Document; annotations: readonly Annotation[] } | null,
  analysts: readonly Analyst[],
  onError: (error: unknown) => void,
) {
  const [documents, setDocuments] = useState<readonly DocumentRow[]>([]);
  const [documentId, setDocumentId] = useState<string | null>(initial?.document.id ?? null);
  const [doc, setDoc] = useState<Document | null>(initial?.document ?? null);
  const [pair, setPair] = useState<Pair | null>(() => (initial ? suggestedPair(null, analysts, initial.annotations) : null));
  const analystsRef = useRef(analysts);
  analystsRef.current = analysts;
  const initialId = useRef(initial?.document.id ?? null);

  useEffect(() => {
    client
      .call('document.list', { fields: 'row' })
      .then((list) => {
        setDocuments(list.documents);
        setDocumentId((id) => id ?? list.documents[0]?.id ?? null);
      })
      .catch(onError);
  }, [client, onError]);

  useEffect(() => {
    // The workbench's document is known already; any other is loaded with its tags when chosen.
    if (!documentId || documentId === initialId.current) return;
    initialId.current = null;
    let live = true;
    Promise.all([client.call('document.get', { id: documentId }), client.call('annotation.listForDocument', { documentId })])
      .then(([loaded, { annotations }]) => {
        if (!live) return;
        setPair((current) => suggestedPair(current, analystsRef.current, annotations));
        setDoc(loaded);
      })
      .catch(onError);
    return () => {
      live = false;
    };
  }, [client, documentId, onError]);

  const chooseAnalysts = useCallback((analystA: string, analystB: string, teammateFileId?: string) => {
    if (analystA && analystB && (analystA !== analystB || teammateFileId)) setPair({ analystA, analystB, ...(teammateFileId ? { teammateFileId } : {}) });
  }, []);

  return { documents, documentId, chooseDocument: setDocumentId, doc, pair, chooseAnalysts, resetPair: setPair };
}

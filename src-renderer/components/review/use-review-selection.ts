// Review mode: which document is reviewed and which two analysts are compared, with sensible defaults.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Analyst, DocumentSummary } from '../../../src-shared/api/contract';
import type { Document } from '../../../src-shared/model/document';
import type { Client } from '../../api/client';
import { defaultPair } from './review-model';

export interface Pair {
  analystA: string;
  analystB: string;
}

/**
 * The documents to choose from, the chosen document (loaded with its text), and the analysts A and B. When a
 * document is chosen, the pair stays if both analysts tagged it; otherwise it becomes the first two analysts who did.
 */
export function useReviewSelection(client: Client, initial: Document | null, analysts: readonly Analyst[], onError: (error: unknown) => void) {
  const [documents, setDocuments] = useState<DocumentSummary[]>([]);
  const [documentId, setDocumentId] = useState<string | null>(initial?.id ?? null);
  const [doc, setDoc] = useState<Document | null>(null);
  const [pair, setPair] = useState<Pair | null>(null);
  const analystsRef = useRef(analysts);
  analystsRef.current = analysts;
  const initialRef = useRef(initial);

  useEffect(() => {
    client
      .call('document.list', {})
      .then((list) => {
        setDocuments(list.documents);
        setDocumentId((id) => id ?? list.documents[0]?.id ?? null);
      })
      .catch(onError);
  }, [client, onError]);

  useEffect(() => {
    if (!documentId) return;
    let live = true;
    const known = initialRef.current?.id === documentId ? initialRef.current : null;
    Promise.all([known ?? client.call('document.get', { id: documentId }), client.call('annotation.listForDocument', { documentId })])
      .then(([loaded, { annotations }]) => {
        if (!live) return;
        const tagging = new Set<string>(annotations.map((t) => t.analystId));
        setPair((current) => {
          if (current && tagging.has(current.analystA) && tagging.has(current.analystB)) return current;
          const suggested = defaultPair(analystsRef.current, annotations);
          return suggested ? { analystA: suggested[0], analystB: suggested[1] } : current;
        });
        setDoc(loaded);
      })
      .catch(onError);
    return () => {
      live = false;
    };
  }, [client, documentId, onError]);

  const chooseAnalysts = useCallback((analystA: string, analystB: string) => {
    if (analystA && analystB && analystA !== analystB) setPair({ analystA, analystB });
  }, []);

  return { documents, documentId, chooseDocument: setDocumentId, doc, pair, chooseAnalysts };
}

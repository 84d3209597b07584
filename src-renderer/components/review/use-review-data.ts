// Review mode: loads the comparison of two analysts' tags on one document and their agreement figures, and reloads them.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Annotation } from '../../../src-shared/model/annotation';
import type { Client } from '../../api/client';
import type { LongRequests } from '../../hooks/use-long-request';
import type { Agreement } from './AgreementPanel';
import type { Difference } from './review-model';

export interface ReviewTarget {
  documentId: string;
  analystA: string;
  analystB: string;
  /** B's tags are read from this teammate's file (opened for review, not merged). */
  teammateFileId?: string;
}

export interface Comparison {
  differences: Difference[];
  annotations: Annotation[];
}

/**
 * The comparison and agreement for `target` (null: nothing to compare). Results are kept with the target they
 * were asked for, so a late answer for a previous document or pair is never shown. The agreement figures (the
 * whole project's take a while on a large one) are computed only while `showAgreement` is true, so they never
 * hold up the comparison; when they may be out of date they are computed again the next time they are shown. The
 * project's figures run as a long request (`runLong`), which the analyst can follow and cancel.
 */
export function useReviewData(client: Client, target: ReviewTarget | null, onError: (error: unknown) => void, showAgreement: boolean, runLong: LongRequests['run']) {
  const key = target ? `${target.documentId}|${target.analystA}|${target.analystB}|${target.teammateFileId ?? ''}` : null;
  const [comparison, setComparison] = useState<{ key: string; value: Comparison } | null>(null);
  const [agreement, setAgreement] = useState<{ key: string; value: Agreement } | null>(null);
  const requests = useRef({ comparison: 0, agreement: 0 });
  const targetRef = useRef(target);
  targetRef.current = target;

  /** Compares again; resolves to the new comparison (null when the target changed meanwhile). */
  const reloadComparison = useCallback(async (): Promise<Comparison | null> => {
    const current = targetRef.current;
    if (!current || !key) return null;
    const request = ++requests.current.comparison;
    const value = await client.call('review.compare', current);
    if (request !== requests.current.comparison) return null;
    setComparison({ key, value });
    return value;
  }, [client, key]);

  const reloadAgreement = useCallback(async (): Promise<void> => {
    const current = targetRef.current;
    if (!current || !key) return;
    const request = ++requests.current.agreement;
    const pair = { analystA: current.analystA, analystB: current.analystB, ...(current.teammateFileId ? { teammateFileId: current.teammateFileId } : {}) };
    const [document, project] = await Promise.all([
      client.call('agreement.compute', { ...pair, documentId: current.documentId }),
      // Over the whole project it can take a while: a long request, with its progress bar and Cancel.
      runLong('Computing the agreement over the project…', (requestId) => client.call('agreement.compute', pair, { requestId })),
    ]);
    if (request === requests.current.agreement) setAgreement({ key, value: { document, project } });
  }, [client, key, runLong]);

  const showRef = useRef(showAgreement);
  showRef.current = showAgreement;

  /** After undo or redo, which may have changed tags: compares again, and recomputes the agreement when shown. */
  const reloadAll = useCallback(async () => {
    if (!showRef.current) setAgreement(null);
    const [fresh] = await Promise.all([reloadComparison(), showRef.current ? reloadAgreement() : undefined]);
    return fresh;
  }, [reloadComparison, reloadAgreement]);

  useEffect(() => {
    reloadComparison().catch(onError);
  }, [reloadComparison, onError]);

  const agreementKey = agreement?.key ?? null;
  useEffect(() => {
    if (showAgreement && key && agreementKey !== key) reloadAgreement().catch(onError);
  }, [showAgreement, key, agreementKey, reloadAgreement, onError]);

  return {
    comparison: comparison && comparison.key === key ? comparison.value : null,
    agreement: agreement && agreement.key === key ? agreement.value : null,
    reloadComparison,
    reloadAll,
  };
}

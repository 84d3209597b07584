// The checks panel's state: the project's cross-document findings, dismissing one, and making one a reliability warning.
import { useCallback, useEffect, useState } from 'react';
import type { Finding } from '../../src-shared/api/contract';
import type { Client } from '../api/client';

/** The severity a warning made from a finding starts with; the analyst raises or lowers it in the tag's details. */
export const FINDING_WARNING_SEVERITY = 'medium';

/** `revision` grows with every change to the project: the findings are computed again. */
export function useChecks(client: Client, revision: number, onError: (error: unknown) => void) {
  const [findings, setFindings] = useState<Finding[] | null>(null);
  const [showDismissed, setShowDismissed] = useState(false);

  useEffect(() => {
    let current = true;
    client
      .call('checks.list', { includeDismissed: showDismissed })
      .then((answer) => current && setFindings(answer.findings))
      .catch(onError);
    return () => {
      current = false;
    };
  }, [client, revision, showDismissed, onError]);

  /** Sets a finding aside (remembered in the project file); it leaves the list unless dismissed ones are shown. */
  const dismiss = useCallback(
    async (key: string) => {
      await client.call('checks.dismiss', { key });
      setFindings((list) => (showDismissed ? (list ?? []).map((f) => (f.key === key ? { ...f, dismissed: true } : f)) : (list ?? []).filter((f) => f.key !== key)));
    },
    [client, showDismissed],
  );

  /** Tags each passage of the evidence as a reliability warning of the finding's category, in one undo step; resolves to how many. */
  const makeWarning = useCallback(
    async (finding: Finding): Promise<number> => {
      // A passage the evidence names twice (a role before the name and one after it) is one warning.
      const passages = [...new Map(finding.evidence.map((e) => [e.annotationId, e])).values()];
      const { created } = await client.call('annotation.createMany', {
        annotations: passages.map((e) => ({
          documentId: e.documentId,
          kind: 'reliability_warning' as const,
          target: { start: e.start, end: e.end },
          attributes: { severity: FINDING_WARNING_SEVERITY, category: finding.suggestedCategory, correction: finding.summary },
        })),
      });
      return created;
    },
    [client],
  );

  return { findings, showDismissed, setShowDismissed, dismiss, makeWarning };
}

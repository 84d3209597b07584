// Left pane, Checks tab: the project's cross-document findings with their evidence; dismiss one, or make it a reliability warning.
import type { Client } from '../../api/client';
import { useChecks } from '../../hooks/use-checks';
import { FindingItem } from './FindingItem';
import '../../styles/table.css';

export function ChecksPanel(props: {
  client: Client;
  /** Grows with every change to the project: the findings are computed again. */
  revision: number;
  onJump: (documentId: string, annotationId: string) => void;
  /** After a change to the tags, with a sentence saying what changed. */
  onChanged: (message: string) => void;
  onError: (error: unknown) => void;
}) {
  const checks = useChecks(props.client, props.revision, props.onError);
  const findings = checks.findings;
  return (
    <section className="checks" aria-label="Checks">
      <div className="pane-header">
        <h2>
          Checks <span className="count">{findings === null ? 'checking…' : `${findings.length} ${findings.length === 1 ? 'finding' : 'findings'}`}</span>
        </h2>
        <label className="checks-dismissed">
          <input type="checkbox" checked={checks.showDismissed} onChange={(e) => checks.setShowDismissed(e.target.checked)} /> Show dismissed
        </label>
      </div>
      <div className="checks-list">
        {findings?.length === 0 && <p className="empty">No finding: the figures, roles and claims tagged so far agree across documents.</p>}
        {findings?.map((finding) => (
          <FindingItem
            key={finding.key}
            finding={finding}
            onOpen={props.onJump}
            onDismiss={() => void checks.dismiss(finding.key).catch(props.onError)}
            onMakeWarning={() =>
              void checks
                .makeWarning(finding)
                .then((n) => props.onChanged(`Tagged ${n} ${n === 1 ? 'passage' : 'passages'} as reliability warnings. Undo takes them back.`), props.onError)
            }
          />
        ))}
      </div>
    </section>
  );
}

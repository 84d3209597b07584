// One finding of the checks panel: what the rule saw, its evidence (each opens the document at the passage), dismiss, make a warning.
import type { KeyboardEvent } from 'react';
import type { Finding } from '../../../src-shared/api/contract';
import { WARNING_CATEGORY_LABELS } from '../../../src-shared/model/annotation';

export const RULE_LABELS: Readonly<Record<Finding['rule'], string>> = {
  figures: 'Figures that disagree',
  roles: 'Roles that disagree',
  outdated_role: 'Outdated role',
  claims: 'Claim repeated',
};

/** The key that makes the focused finding a reliability warning. */
export const MAKE_WARNING_KEY = 'w';

export function FindingItem(props: {
  finding: Finding;
  onOpen: (documentId: string, annotationId: string) => void;
  onDismiss: () => void;
  onMakeWarning: () => void;
}) {
  const { finding } = props;
  const category = WARNING_CATEGORY_LABELS[finding.suggestedCategory];
  const onKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    if (event.target !== event.currentTarget || event.key.toLowerCase() !== MAKE_WARNING_KEY || event.ctrlKey || event.metaKey || event.altKey) return;
    event.preventDefault();
    props.onMakeWarning();
  };
  return (
    <article className={`finding finding-${finding.rule}${finding.dismissed ? ' dismissed' : ''}`} tabIndex={0} aria-label={`${RULE_LABELS[finding.rule]}: ${finding.summary}`} onKeyDown={onKeyDown}>
      <h3>{RULE_LABELS[finding.rule]}{finding.dismissed && <span className="count">dismissed</span>}</h3>
      <p className="finding-summary">{finding.summary}</p>
      <ul className="finding-evidence" aria-label="Evidence">
        {finding.evidence.map((e) => (
          <li key={`${e.annotationId}:${e.detail}`} data-annotation-id={e.annotationId}>
            <button type="button" className="evidence" onClick={() => props.onOpen(e.documentId, e.annotationId)} title="Open the document at this passage">
              <span className="evidence-title">{e.title}{e.publishedAt ? ` (${e.publishedAt.slice(0, 10)})` : ''}</span>
              <span className="evidence-quote">“{e.quote}”</span>
              <span className="evidence-detail">{e.detail}</span>
            </button>
          </li>
        ))}
      </ul>
      <div className="finding-actions">
        <button type="button" onClick={props.onMakeWarning} title={`Tag every passage above as a reliability warning (${category}); one undo step`}>
          Make warning <kbd>W</kbd>
        </button>
        {!finding.dismissed && (
          <button type="button" onClick={props.onDismiss} title="Set this finding aside; it stays dismissed in this project file">
            Dismiss
          </button>
        )}
      </div>
    </article>
  );
}

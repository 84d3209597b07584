// Review mode: deciding the current difference — keep A's tag, B's, both or neither — with an optional comment.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { DECISION_KEYS, isPlainKey } from '../../keymap';
import type { Annotation } from '../../../src-shared/model/annotation';
import { StatusBadge } from './DifferenceList';
import { DECISION_LABELS, DIFFERENCE_LABELS, DIFFERENCE_SYMBOLS, statusOf, type Decision, type Difference } from './review-model';

const DECISIONS: readonly Decision[] = ['accept_a', 'accept_b', 'accept_both', 'reject_both'];

const DECISION_HINTS: Readonly<Record<Decision, string>> = {
  accept_a: "Accept analyst A's tag and reject B's",
  accept_b: "Accept analyst B's tag and reject A's",
  accept_both: 'Accept both tags',
  reject_both: 'Reject both tags',
};

function Verdict({ letter, tag, reviewerName }: { letter: 'A' | 'B'; tag: Annotation | undefined; reviewerName: (id: string) => string }) {
  if (!tag) return null;
  const review = tag.review;
  return (
    <li>
      {letter}: <StatusBadge status={statusOf(tag)} />
      {review && review.status !== 'pending' && (
        <span className="decision-by">
          {' '}by {reviewerName(review.reviewerId)}
          {review.comment ? ` — “${review.comment}”` : ''}
        </span>
      )}
    </li>
  );
}

export function DecisionPanel(props: {
  difference: Difference | null;
  position: number;
  total: number;
  byId: ReadonlyMap<string, Annotation>;
  reviewerName: (analystId: string) => string;
  busy: boolean;
  /** Why decisions are off (B's tags are in a teammate's file), or null. */
  readOnly: string | null;
  onDecide: (decision: Decision, comment: string) => Promise<boolean>;
  onStep: (delta: 1 | -1) => void;
}) {
  const [comment, setComment] = useState('');
  const { difference } = props;
  const decide = async (decision: Decision) => {
    if (await props.onDecide(decision, comment.trim())) setComment('');
  };
  // 1–4 decide the current difference, as the buttons do (not while typing the comment).
  const decideRef = useRef(decide);
  decideRef.current = decide;
  const enabled = difference !== null && !props.busy && props.readOnly === null;
  useEffect(() => {
    if (!enabled) return;
    const onKeyDown = (event: KeyboardEvent) => {
      const decision = DECISIONS.find((d) => DECISION_KEYS[d] === event.key);
      if (!decision || !isPlainKey(event)) return;
      event.preventDefault();
      void decideRef.current(decision);
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [enabled]);
  const submit = (event: FormEvent) => event.preventDefault();

  return (
    <section className="decision-panel" aria-label="Decision">
      <div className="decision-nav">
        <button onClick={() => props.onStep(-1)} disabled={props.total === 0} title="Previous difference (P)">
          ← Previous <kbd>P</kbd>
        </button>
        <span className="decision-position" aria-live="polite">
          {difference ? `${props.position} of ${props.total}` : 'None chosen'}
        </span>
        <button onClick={() => props.onStep(1)} disabled={props.total === 0} title="Next difference (N)">
          Next <kbd>N</kbd> →
        </button>
      </div>
      {difference ? (
        <form onSubmit={submit}>
          <p className="decision-title">
            <span className={`review-mark mark-${difference.type}`} aria-hidden="true">{DIFFERENCE_SYMBOLS[difference.type]}</span> {DIFFERENCE_LABELS[difference.type]}
          </p>
          <ul className="decision-verdicts">
            <Verdict letter="A" tag={props.byId.get(difference.a[0] ?? '')} reviewerName={props.reviewerName} />
            <Verdict letter="B" tag={props.byId.get(difference.b[0] ?? '')} reviewerName={props.reviewerName} />
          </ul>
          {props.readOnly ? (
            <p className="decision-read-only">{props.readOnly}</p>
          ) : (
            <label className="decision-comment">
              Comment (optional)
              <input value={comment} onChange={(e) => setComment(e.target.value)} maxLength={5000} placeholder="Why this decision" />
            </label>
          )}
          <div className="decision-buttons">
            {DECISIONS.map((decision) => (
              <button key={decision} type="button" className={decision === 'reject_both' ? 'danger' : ''} disabled={props.busy || props.readOnly !== null} title={`${DECISION_HINTS[decision]} (${DECISION_KEYS[decision]})`} aria-keyshortcuts={DECISION_KEYS[decision]} onClick={() => void decide(decision)}>
                {DECISION_LABELS[decision]} <kbd aria-hidden="true">{DECISION_KEYS[decision]}</kbd>
              </button>
            ))}
          </div>
        </form>
      ) : (
        <p className="empty">Choose a difference in the list, or press N.</p>
      )}
    </section>
  );
}

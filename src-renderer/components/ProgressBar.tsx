// The progress of a long request, with a Cancel button: shown while it runs (after half a second).
import type { ShownProgress } from '../hooks/use-long-request';

export function ProgressBar({ progress, onCancel }: { progress: ShownProgress | null; onCancel: () => void }) {
  if (!progress) return null;
  const known = progress.total > 0;
  const percent = known ? Math.round((100 * Math.min(progress.done, progress.total)) / progress.total) : null;
  return (
    <div className="progress-bar" role="status" aria-live="polite">
      <span className="progress-label">{progress.label}</span>
      {/* Without a known total the bar is indeterminate. */}
      <progress aria-label={progress.label} {...(known ? { value: progress.done, max: progress.total } : {})} />
      {percent !== null ? <span className="progress-percent">{percent}%</span> : null}
      <button type="button" onClick={onCancel}>Cancel</button>
    </div>
  );
}

// The workbench's one message line: a status for success, an alert for an error or a partial success.
import type { Message } from '../hooks/useMessage';

/**
 * The line is always there, one line high even when empty: a success message that appears or goes by itself
 * never moves the article under the pointer (a passage being selected would otherwise jump by a line).
 */
export function MessageLine({ message, onDismiss }: { message: Message | null; onDismiss: () => void }) {
  return (
    <div className="message-line">
      {message && (
        <div className={`message message-${message.kind}`} role={message.kind === 'info' ? 'status' : 'alert'}>
          {message.text}
          {message.action && (
            <button className="link message-action" onClick={message.action.run}>
              {message.action.label}
            </button>
          )}
          <button className="link" aria-label="Dismiss message" onClick={onDismiss}>✕</button>
        </div>
      )}
    </div>
  );
}

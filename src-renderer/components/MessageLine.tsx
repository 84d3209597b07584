// The workbench's one message line: a status for success, an alert for an error or a partial success.
import type { Message } from '../hooks/useMessage';

export function MessageLine({ message, onDismiss }: { message: Message | null; onDismiss: () => void }) {
  if (!message) return null;
  return (
    <div className={`message message-${message.kind}`} role={message.kind === 'info' ? 'status' : 'alert'}>
      {message.text}
      {message.action && (
        <button className="link message-action" onClick={message.action.run}>
          {message.action.label}
        </button>
      )}
      <button className="link" aria-label="Dismiss message" onClick={onDismiss}>✕</button>
    </div>
  );
}

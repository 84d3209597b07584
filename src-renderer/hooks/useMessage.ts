// The workbench's one message line: success expires on its own, an error or a partial success stays until
// dismissed, and a partial success says what worked and what did not.
import { useCallback, useEffect, useState } from 'react';

/** info: it worked; partial: some of it worked (the text says what did not); error: it did not. */
export type MessageKind = 'info' | 'partial' | 'error';
export interface Message {
  kind: MessageKind;
  text: string;
}

/** How long a success message stays: long enough to read a sentence, at least a few seconds. */
export function expiryMs(text: string): number {
  return Math.min(12_000, Math.max(4_000, text.length * 60));
}

export function useMessage(): { message: Message | null; setMessage: (message: Message | null) => void; dismiss: () => void } {
  const [message, setMessage] = useState<Message | null>(null);
  useEffect(() => {
    if (message?.kind !== 'info') return;
    const timer = setTimeout(() => setMessage((current) => (current === message ? null : current)), expiryMs(message.text));
    return () => clearTimeout(timer);
  }, [message]);
  const dismiss = useCallback(() => setMessage(null), []);
  return { message, setMessage, dismiss };
}

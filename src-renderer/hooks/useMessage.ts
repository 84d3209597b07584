// The workbench's one message line: success expires on its own, an error or a partial success stays until
// dismissed, and a partial success says what worked and what did not.
import { useCallback, useEffect, useState } from 'react';
import { ApiError } from '../api/client';

/** info: it worked; partial: some of it worked (the text says what did not); error: it did not. */
export type MessageKind = 'info' | 'partial' | 'error';
export interface Message {
  kind: MessageKind;
  text: string;
  /** A button shown with the message, such as Undo after a removal. */
  action?: { label: string; run: () => void };
}

/** How long a success message stays: long enough to read a sentence, at least a few seconds. */
export function expiryMs(text: string): number {
  return Math.min(12_000, Math.max(4_000, text.length * 60));
}

export interface MessageControls {
  message: Message | null;
  setMessage: (message: Message | null) => void;
  dismiss: () => void;
  /** Shows a success message. */
  say: (text: string) => void;
  /** Shows an error: the core's sentence for a user's error, a generic one for anything else. */
  report: (error: unknown) => void;
}

export function useMessage(): MessageControls {
  const [message, setMessage] = useState<Message | null>(null);
  useEffect(() => {
    if (message?.kind !== 'info') return;
    const timer = setTimeout(() => setMessage((current) => (current === message ? null : current)), expiryMs(message.text));
    return () => clearTimeout(timer);
  }, [message]);
  const dismiss = useCallback(() => setMessage(null), []);
  const say = useCallback((text: string) => setMessage({ kind: 'info', text }), []);
  const report = useCallback((error: unknown) => {
    setMessage({ kind: 'error', text: error instanceof ApiError ? error.message : `Something went wrong: ${(error as Error).message}` });
  }, []);
  return { message, setMessage, dismiss, say, report };
}

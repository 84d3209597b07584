// A button that lets the user choose a teammate's project file (.marginalia) through the web File API: the file's
// bytes go to the core, never its path.
import { useRef, type RefObject } from 'react';

export function ProjectFileButton(props: {
  label: string;
  title: string;
  /** The hidden file input's accessible name. */
  inputLabel: string;
  disabled?: boolean;
  /** The hidden input, for a menu command that opens the same picker. */
  inputRef?: RefObject<HTMLInputElement | null>;
  testId?: string;
  onFile: (file: File) => void;
}) {
  const own = useRef<HTMLInputElement>(null);
  const input = props.inputRef ?? own;
  return (
    <>
      <button onClick={() => input.current?.click()} disabled={props.disabled} title={props.title}>
        {props.label}
      </button>
      <input
        ref={input}
        type="file"
        accept=".marginalia"
        hidden
        aria-label={props.inputLabel}
        data-testid={props.testId}
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (file) props.onFile(file);
        }}
      />
    </>
  );
}

// Keeps an article's text exactly as imported while its view is contenteditable (for a real caret): every
// transaction that would change the document is dropped; selection and decoration changes pass.
import { Plugin } from 'prosemirror-state';

export function readOnly(): Plugin {
  return new Plugin({ filterTransaction: (tr) => !tr.docChanged });
}

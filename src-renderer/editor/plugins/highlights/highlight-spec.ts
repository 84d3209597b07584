// What the highlights plugin draws (one highlight) and the intents it accepts (sent as tr.setMeta(highlightsKey, action)).
import type { AnnotationKind } from '../../../../src-shared/model/annotation';

/** One highlighted passage: an annotation's id and kind over ProseMirror positions `[from, to)`. */
export interface HighlightSpec {
  readonly id: string;
  readonly kind: AnnotationKind;
  readonly from: number;
  readonly to: number;
  /**
   * A short word drawn as a mark at the start of the highlight (e.g. a review difference type): an attribute on
   * its first character, `span.hl-mark[data-mark=…]`, so that a style sheet gives each word its symbol with one static rule, whatever
   * the number of highlights.
   */
  readonly mark?: string;
  /** What hovering the highlight says (its kind and, e.g., the actor or value); the kind alone when absent. */
  readonly title?: string;
}

/**
 * What a transaction asks of the plugin. Positions are in the transaction's resulting document.
 * Only `set` rebuilds the decoration set; the others touch the decorations of one highlight (two for `select`).
 */
export type HighlightsAction =
  | { readonly type: 'set'; readonly highlights: readonly HighlightSpec[] }
  | { readonly type: 'add'; readonly highlight: HighlightSpec }
  | { readonly type: 'update'; readonly highlight: HighlightSpec }
  | { readonly type: 'remove'; readonly id: string }
  | { readonly type: 'select'; readonly id: string | null }
  | { readonly type: 'flash'; readonly id: string | null }
  /** Several of the above in one transaction, so the view redraws once (e.g. add a tag and select it). */
  | { readonly type: 'batch'; readonly actions: readonly HighlightsAction[] };

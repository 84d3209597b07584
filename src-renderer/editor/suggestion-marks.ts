// An article's suggestions (text offsets, as the core sends them) as the suggestions plugin draws them (renderer).
import type { OffsetMap } from '../../src-shared/editor/text-mapping';
import { spanKind, type SuggestionColumns } from '../../src-shared/suggest/spans';
import type { SuggestionMarks } from './plugins/suggestions';

/** The suggestions an article opens with (ArticleView.setSuggestions draws later ones). */
export interface InitialSuggestions {
  spans: SuggestionColumns;
  titleOf: (i: number) => string;
}

/**
 * The plugin's marks of `spans` (in text order, or a RangeError). Positions are worked out when the plugin asks
 * for them, and kept: opening an article with ten thousand suggestions places the few hundred drawn near the
 * viewport (and the dozen a binary search looks at), not all of them.
 */
export function suggestionMarks(map: OffsetMap, spans: SuggestionColumns, titleOf: (i: number) => string): SuggestionMarks {
  const { keys, starts, ends } = spans;
  for (let i = 1; i < keys.length; i++) {
    if ((starts[i] as number) < (starts[i - 1] as number)) throw new RangeError('The suggestions are not in text order.');
  }
  // -1 until placed; positions are never negative.
  const [from, to] = [new Int32Array(keys.length).fill(-1), new Int32Array(keys.length)];
  const place = (i: number): void => {
    const [start, end] = [starts[i] as number, ends[i] as number];
    const range = map.toPosRange(start, end);
    // One that cannot be drawn keeps its place in the order, as an empty range.
    from[i] = range ? range.from : map.toPos(start);
    to[i] = range ? range.to : (from[i] as number);
  };
  return {
    keys,
    kindOf: (i) => spanKind(spans, i),
    from: (i) => {
      if (from[i] === -1) place(i);
      return from[i] as number;
    },
    to: (i) => {
      if (from[i] === -1) place(i);
      return to[i] as number;
    },
    title: titleOf,
  };
}

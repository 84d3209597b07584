// Words as the search index holds them: the segmenter's words, cut where FTS5's unicode61 tokenizer cuts, and folded.
import { wordSpans } from '../../../src-shared/text/segment';

/** One indexed word: where it is in the text (UTF-16 offsets) and its folded form. */
export interface SearchToken {
  start: number;
  end: number;
  key: string;
}

/** Letters, digits and private-use characters make up a token (unicode61's default); marks stay with their letter. */
const TOKEN_RUN = /[\p{L}\p{N}\p{M}\p{Co}]+/gu;
const MARKS = /\p{M}/gu;

/** A word without diacritics and in lower case, as `unicode61 remove_diacritics 2` compares them ("Café" → "cafe"). */
export function foldWord(word: string): string {
  return word.normalize('NFD').replace(MARKS, '').toLowerCase();
}

/**
 * The tokens of `text` in order. Words come from the one word segmenter (wordSpans); a word with inner punctuation
 * ("Ukraine's", "5,600") is then cut into the pieces the index stores ("ukraine" "s", "5" "600").
 */
export function searchTokens(text: string): SearchToken[] {
  const tokens: SearchToken[] = [];
  for (const word of wordSpans(text)) {
    for (const run of text.slice(word.start, word.end).matchAll(TOKEN_RUN)) {
      const key = foldWord(run[0]);
      if (key !== '') tokens.push({ start: word.start + run.index, end: word.start + run.index + run[0].length, key });
    }
  }
  return tokens;
}

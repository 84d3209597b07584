// Attributed-claim suggestions: sentences of reported speech with a named speaker ("X said that …", "according to
// X, …", a quotation followed by "X said"), the speaker linked to a registered actor when the matcher knows them.
import { sentenceSpans } from '../text/segment';

export interface ClaimMatch {
  start: number;
  end: number;
  /** The speaker as written (a title may lead it: "President Zelenskyy"). */
  speaker: string;
  speakerStart: number;
  speakerEnd: number;
}

const NAME = String.raw`\p{Lu}[\p{L}’'.-]*(?:\s+(?:(?:de|van|von|der|al|bin)\s+)?\p{Lu}[\p{L}’'.-]*){0,4}`;
const VERB = String.raw`(?:said|says|stated|states|told|tells|claimed|claims|argued|argues|warned|warns|noted|notes|added|adds|insisted|insists|declared|declares|announced|announces|stressed|stresses|emphasi[sz]ed|emphasi[sz]es|wrote|writes|asserted|asserts|explained|explains|believes|believed|admitted|admits)`;
/** "X said", "X has said", "X told reporters": the speaker right before a verb of saying. */
const SPEAKER_VERB = new RegExp(String.raw`(?<![\p{L}])(${NAME})(?:\s+(?:has|had|also|then|later|once|publicly|repeatedly))?\s+${VERB}\b`, 'gu');
/** "said X" after a quotation: “…,” said Zelenskyy. */
const VERB_SPEAKER = new RegExp(String.raw`[”"’']\s*,?\s*${VERB}\s+(${NAME})`, 'gu');
/** "according to X". */
const ACCORDING = new RegExp(String.raw`\b[Aa]ccording\s+to\s+(?:the\s+)?(${NAME})`, 'gu');

/** Words that start a sentence with a capital but are no speaker. */
const NOT_SPEAKERS = new Set(['He', 'She', 'It', 'They', 'We', 'I', 'You', 'This', 'That', 'These', 'Those', 'The', 'A', 'An', 'But', 'And', 'Also', 'There', 'Here', 'Who', 'Which', 'As', 'When', 'While', 'If']);

function speakerOf(sentence: string, offset: number): { speaker: string; at: number } | null {
  for (const re of [SPEAKER_VERB, VERB_SPEAKER, ACCORDING]) {
    re.lastIndex = 0;
    for (let m = re.exec(sentence); m; m = re.exec(sentence)) {
      let speaker = (m[1] ?? '').replace(/['’]s$/u, '').replace(/[.]$/u, '');
      const words = speaker.split(/\s+/u);
      while (words.length > 0 && NOT_SPEAKERS.has(words[0] ?? '')) words.shift();
      speaker = words.join(' ');
      if (speaker === '') continue;
      const at = m.index + m[0].indexOf(m[1] ?? '') + (m[1] ?? '').indexOf(speaker);
      return { speaker, at: offset + at };
    }
  }
  return null;
}

/** Every sentence of `text` that reports what a named speaker said, with the speaker. */
export function findClaims(text: string): ClaimMatch[] {
  const found: ClaimMatch[] = [];
  for (const span of sentenceSpans(text)) {
    const sentence = text.slice(span.start, span.end);
    const hit = speakerOf(sentence, span.start);
    if (!hit) continue;
    found.push({ start: span.start, end: span.end, speaker: hit.speaker, speakerStart: hit.at, speakerEnd: hit.at + hit.speaker.length });
  }
  return found;
}

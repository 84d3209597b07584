// Checks the new-actor source: names compromise finds, without titles, not where a registered actor is already
// suggested, and not headline words in headings and titles (on passages of the sample articles); a text read section
// by section gives the names reading it at once gives.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeSuggestions } from './index';
import { findNamedActors, headingSpans, NamedActorScan, nameSections, SECTION_CHARS } from './new-actors';

const SAMPLES = join(import.meta.dirname, '..', '..', 'resources', 'sample');
/** The passage as the sample article writes it (so the test fails if the article changes). */
function fromSample(file: string, passage: string): string {
  expect(readFileSync(join(SAMPLES, file), 'utf8')).toContain(passage);
  return passage;
}
const names = (text: string, kind?: 'person' | 'organisation') => findNamedActors(text).filter((m) => !kind || m.kind === kind).map((m) => [text.slice(m.start, m.end), m.name]);

describe('new actor suggestions', () => {
  it('offers person names without their title', () => {
    const text = 'Russian Foreign Minister Sergei Lavrov spoke. Then President Donald Trump arrived.';
    const found = findNamedActors(text).filter((m) => m.kind === 'person');
    expect(found.map((m) => [text.slice(m.start, m.end), m.name])).toEqual([
      ['Sergei Lavrov', 'Sergei Lavrov'],
      ['Donald Trump', 'Donald Trump'],
    ]);
  });

  it('offers each name of a list as its own, without a bracket that closes the text around it', () => {
    const text = 'Discussed by: Kyiv Independent, International Crisis Group, and others. The alliance (NATO) met.';
    const names = findNamedActors(text).map((m) => [text.slice(m.start, m.end), m.name]);
    expect(names).toContainEqual(['Kyiv Independent', 'Kyiv Independent']);
    expect(names).toContainEqual(['International Crisis Group', 'International Crisis Group']);
    expect(names.every(([quote]) => !(quote ?? '').includes(',') && !(quote ?? '').endsWith(')'))).toBe(true);
  });

  it('does not offer a name a registered actor is already suggested for', () => {
    const suggestions = computeSuggestions({
      documents: [{ id: 'd', textHash: 'h', text: 'Sergei Lavrov met Steve Witkoff in Moscow.' }],
      actors: [{ id: 'l', name: 'Sergei Lavrov', kind: 'person', aliases: [] }],
      tags: [],
      rejected: new Set(),
      kind: 'actor',
    });
    expect(suggestions.map((s) => [s.quote, s.source, s.actorKind])).toEqual([
      ['Sergei Lavrov', 'actor-name', undefined],
      ['Steve Witkoff', 'new-actor', 'person'],
    ]);
  });
});

describe('new actor suggestions in headings and titles', () => {
  it('finds title-case lines and quoted titles as headings, not sentences or lists', () => {
    const text = fromSample('003_756f07eddf996290.txt', '2\n\nPutin Rejects Deal, Grinds Forward for Maximal Gains\n\nDiscussed by: CNBC, Atlantic Council, military analysts noting Russian battlefield momentum');
    expect(headingSpans(text).map((h) => text.slice(h.start, h.end))).toEqual(['Putin Rejects Deal, Grinds Forward for Maximal Gains']);
    const reference = fromSample('004_27bf8040a9b2cbc5.txt', 'BBC News. (2026). “Trump allies hold secret Ukraine talks with Russian envoy in Davos.” BBC World Service');
    expect(headingSpans(reference)).toEqual([]);
  });

  it('offers the name in a headline without the headline words after it', () => {
    const text = fromSample('003_756f07eddf996290.txt', 'Putin Rejects Deal, Grinds Forward for Maximal Gains\n\nDiscussed by: CNBC, Atlantic Council, military analysts noting Russian battlefield momentum\n\nRussia keeps stalling negotiations while forces advance 150+ square miles monthly, betting Trump\'s patience runs out and European unity fractures. Putin calculates');
    expect(names(text, 'person')[0]).toEqual(['Putin', 'Putin']);
    expect(names(text).flat()).not.toContain('Putin Rejects Deal');
  });

  it('keeps the surname that leads a headline ("Rubio Confirms …", "Putin Vows …")', () => {
    const text = fromSample('003_756f07eddf996290.txt', '  2. Rubio Confirms Donetsk Territorial Issue Is Last Major Obstacle');
    expect(names(text, 'person')).toEqual([['Rubio', 'Rubio']]);
    const vows = fromSample('003_756f07eddf996290.txt', '  18. Putin Vows to Take Donbas by Force');
    expect(names(vows, 'person')).toEqual([['Putin', 'Putin']]);
  });

  it('keeps a first name and surname in a headline (names of the sample articles)', () => {
    const text = 'Keir Starmer Calls Putin\n\nFriedrich Merz Rejects Deal, Grinds Forward\n\nStarmer and Merz spoke.';
    expect(headingSpans(text)).toHaveLength(2);
    expect(names(text, 'person').map(([quote]) => quote).slice(0, 3)).toEqual(['Keir Starmer', 'Putin', 'Friedrich Merz']);
  });

  it('offers no name made of the words of a quoted title', () => {
    const text = fromSample('004_27bf8040a9b2cbc5.txt', 'Mearsheimer, J.J. (2024). “Why the Ukraine War Will Not End Soon.” Foreign Affairs, March/April 2024.');
    expect(names(text).flat()).not.toContain('Will Not');
  });

  it('offers each name of a list joined by dashes, and the name after the end of a quoted sentence alone', () => {
    const text = fromSample('004_27bf8040a9b2cbc5.txt', 'Envoys representing former U.S. President Donald Trump and Russian President Vladimir Putin—Steve Witkoff, Jared Kushner, and Kirill Dmitriev—convened');
    expect(names(text, 'person').map(([quote]) => quote)).toEqual(['Donald Trump', 'Vladimir Putin', 'Steve Witkoff', 'Jared Kushner', 'Kirill Dmitriev']);
    const reference = fromSample('004_27bf8040a9b2cbc5.txt', 'BBC News. (2026). “Trump allies hold secret Ukraine talks with Russian envoy in Davos.” BBC World Service, January 21, 2026.');
    expect(names(reference, 'organisation')).toContainEqual(['BBC World Service', 'BBC World Service']);
    expect(names(reference).flat().some((name) => name.includes('Davos'))).toBe(false);
  });

  it('leaves the department out of a secretary\'s name ("Secretary of the Army Daniel Driscoll")', () => {
    const text = fromSample('001_53db5d5361afbcfc.txt', 'his son-in-law Jared Kushner, and Secretary of the Army Daniel Driscoll.');
    expect(names(text, 'person')).toContainEqual(['Daniel Driscoll', 'Daniel Driscoll']);
  });
});

describe('reading a text section by section', () => {
  const samples = readdirSync(SAMPLES).map((file) => readFileSync(join(SAMPLES, file), 'utf8'));
  const atOnce = (text: string) => new NamedActorScan(text, Infinity).found;

  it('cuts each sample article into runs of sentences that cover it, end to end, none longer than asked', () => {
    for (const text of samples) {
      const sections = nameSections(text, 2000);
      expect(sections.length).toBeGreaterThan(1);
      expect(sections.map((s) => text.slice(s.start, s.end)).join('')).toBe(text);
      expect(sections.every((s, i) => s.start === (sections[i - 1]?.end ?? 0) && s.end - s.start <= 2000)).toBe(true);
      expect(nameSections(text).every((s) => s.end - s.start <= SECTION_CHARS)).toBe(true);
    }
  });

  it('finds in each sample article the names it finds reading the article at once, in sections and a sentence at a time', () => {
    for (const text of samples) {
      const whole = atOnce(text);
      expect(whole.length).toBeGreaterThan(0);
      expect(findNamedActors(text)).toEqual(whole);
      expect(new NamedActorScan(text, 1).found).toEqual(whole);
    }
  });

  it('reads one section per step, and answers the whole text when asked before the last', () => {
    const text = samples[0] ?? '';
    const scan = new NamedActorScan(text);
    const { total } = scan.progress;
    scan.step();
    expect([scan.progress, scan.done]).toEqual([{ done: 1, total }, false]);
    expect(scan.found).toEqual(atOnce(text));
    expect([scan.progress, scan.done]).toEqual([{ done: total, total }, true]);
  });

  it('finds the same names in any sections as at once, in texts made of the sample articles’ passages (property)', () => {
    // Lines and sentences of the articles, joined so that quotes and brackets open in one passage and close in another.
    const passages = samples.flatMap((text) => text.split(/\n+|(?<=[.!?”])\s+/u)).filter((p) => /\p{L}/u.test(p));
    const joints = ['\n\n', '\n', ' ', ' “', '” ', ' (', ') ', ', ', '. '];
    const texts = fc
      .array(fc.tuple(fc.constantFrom(...passages), fc.constantFrom(...joints)), { minLength: 1, maxLength: 14 })
      .map((parts) => parts.map(([passage, joint]) => passage + joint).join(''));
    fc.assert(
      fc.property(texts, fc.integer({ min: 1, max: 1500 }), (text, size) => {
        expect(new NamedActorScan(text, size).found).toEqual(atOnce(text));
      }),
      { numRuns: 60 },
    );
  });
});

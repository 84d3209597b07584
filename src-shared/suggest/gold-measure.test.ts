// Checks suggestion quality against the hand-annotated gold list of the five sample articles, with the targets the
// suggestions are held to: person mentions recall ≥ 0.97 and precision ≥ 0.95, figures recall ≥ 0.85 and precision ≥ 0.9.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import gold from './fixtures/gold.json';
import { measure, type GoldDocument } from './gold-measure';

const SAMPLE_DIR = join(import.meta.dirname, '..', '..', 'resources', 'sample');
const documents = (gold.documents as GoldDocument[]).map((d) => ({ ...d, text: readFileSync(join(SAMPLE_DIR, d.file), 'utf8') }));

describe('suggestion quality on the gold-annotated sample articles', () => {
  const result = measure(documents);
  it('covers the five articles', () => {
    expect(documents).toHaveLength(5);
  });
  it('suggests person mentions for the right actor after one mention of each person is tagged (recall ≥ 0.97, precision ≥ 0.95)', () => {
    expect(result.persons.gold).toBeGreaterThan(0);
    expect(result.persons.recall).toBeGreaterThanOrEqual(0.97);
    expect(result.persons.precision).toBeGreaterThanOrEqual(0.95);
  });
  it('suggests figures with the right value (recall ≥ 0.85, precision ≥ 0.9)', () => {
    expect(result.figures.gold).toBeGreaterThan(0);
    expect(result.figures.recall).toBeGreaterThanOrEqual(0.85);
    expect(result.figures.precision).toBeGreaterThanOrEqual(0.9);
  });
});

// The review and agreement commands: differences, decisions and their undo, through a merge, and against a teammate's file.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SAMPLE_DIR, temporaryDirectory } from '../test-support/project-fixture';
import { cliOutput } from '../test-support/run-cli';

let dir: ReturnType<typeof temporaryDirectory>;
let project: string;
beforeEach(() => {
  dir = temporaryDirectory();
  project = join(dir.path, 'review.marginalia');
});
afterEach(() => dir.remove());

const cli = (analyst: string, ...argv: string[]) => cliOutput(dir.path, analyst, argv);

async function twoAnalysts(): Promise<void> {
  await cli('Anna', 'new', project);
  await cli('Anna', 'import', project, join(SAMPLE_DIR, '004_27bf8040a9b2cbc5.txt'));
  const tag = (who: string, kind: string, quote: string) => cli(who, 'tag', project, 'Diplomatic', '--kind', kind, '--quote', quote);
  await tag('Anna', 'claim', 'did not formally return to office');
  await tag('Ben', 'claim', 'did not formally return to office');
  await tag('Anna', 'actor', 'Kamala Harris');
  await tag('Ben', 'figure', '24 hours');
  await tag('Anna', 'claim', 'reignited speculation');
  await tag('Ben', 'actor', 'reignited speculation');
}

interface Review {
  differences: { key: string; type: string; a: string[]; b: string[] }[];
  annotations: { id: string; review?: { status: string; comment: string } | null }[];
}

it('lists the differences, records decisions on the tags, and undoes them', async () => {
  await twoAnalysts();
  const listed = await cli('Rita', 'review', project, 'Diplomatic', '--analysts', 'Anna,Ben');
  for (const label of ['Agreed', 'Only in A', 'Only in B', 'Same passage, different kind']) expect(listed).toContain(label);

  const review = JSON.parse(await cli('Rita', 'review', project, 'Diplomatic', '--analysts', 'Anna,Ben', '--json')) as Review;
  const onlyA = review.differences.find((d) => d.type === 'only_a');
  const kindClash = review.differences.find((d) => d.type === 'different_kind');
  await cli('Rita', 'review', project, 'Diplomatic', '--analysts', 'Anna,Ben', '--accept-agreed', '--decide', `${onlyA?.key}=reject_both`, '--decide', `${kindClash?.key}=accept_b`, '--comment', 'checked');

  const after = JSON.parse(await cli('Rita', 'review', project, 'Diplomatic', '--analysts', 'Anna,Ben', '--json')) as Review;
  const status = (id: string | undefined) => after.annotations.find((a) => a.id === id)?.review?.status;
  const agreed = after.differences.find((d) => d.type === 'agreed');
  expect([status(agreed?.a[0]), status(agreed?.b[0])]).toEqual(['accepted', 'accepted']);
  expect(status(onlyA?.a[0])).toBe('rejected');
  expect([status(kindClash?.a[0]), status(kindClash?.b[0])]).toEqual(['rejected', 'accepted']);
  expect(after.annotations).toHaveLength(6); // nothing deleted by a review

  const csv = await cli('Rita', 'export', project, '--format', 'csv', '--out', '-');
  expect(csv).toContain('accepted');
  expect(csv).toContain('rejected');
  const json = JSON.parse(await cli('Rita', 'export', project, '--format', 'json', '--out', '-')) as { annotations: { review: { status: string; comment: string } | null }[] };
  expect(json.annotations.filter((a) => a.review?.comment === 'checked')).toHaveLength(3);

  await cli('Rita', 'undo', project);
  const undone = JSON.parse(await cli('Rita', 'review', project, 'Diplomatic', '--analysts', 'Anna,Ben', '--json')) as Review;
  expect(undone.annotations.find((a) => a.id === kindClash?.b[0])?.review ?? null).toBeNull();
});

it('carries review decisions to a teammate through a merge', async () => {
  await twoAnalysts();
  await cli('Rita', 'review', project, 'Diplomatic', '--analysts', 'Anna,Ben', '--accept-agreed');
  const copy = join(dir.path, 'copy.marginalia');
  const other = join(dir.path, 'other.marginalia');
  await cli('Rita', 'pack', project, '--out', copy);
  await cli('Zoe', 'new', other);
  await cli('Zoe', 'merge', other, copy);
  const json = JSON.parse(await cli('Zoe', 'export', other, '--format', 'json', '--out', '-')) as { annotations: { review: { status: string } | null }[] };
  expect(json.annotations.filter((a) => a.review?.status === 'accepted')).toHaveLength(2);
});

it('computes the agreement figures, overall and per kind, as text and JSON', async () => {
  await twoAnalysts();
  const json = JSON.parse(await cli('Rita', 'agreement', project, '--analysts', 'Anna,Ben', '--json')) as {
    overall: Record<string, unknown> & { units: { spansA: number; spansB: number } };
    byKind: Record<string, Record<string, unknown>>;
  };
  for (const field of ['cohenKappa', 'krippendorffAlpha', 'unitizedAlpha', 'f1Exact', 'f1Overlap', 'units']) expect(json.overall).toHaveProperty(field);
  expect(json.overall.units).toMatchObject({ spansA: 3, spansB: 3 });
  expect(json.overall.f1Exact).toBeCloseTo(1 / 3, 5); // one of three spans matches exactly (same span and kind)
  expect(Object.keys(json.byKind).sort()).toEqual(['actor', 'claim', 'figure', 'reliability_warning']);
  const text = await cli('Rita', 'agreement', project, '--analysts', 'Anna,Ben', '--document', 'Diplomatic');
  expect(text).toMatch(/Agreement of Anna \(A\) and Ben \(B\)/);
  expect(text).toMatch(/too few/i);
  await expect(cli('Rita', 'agreement', project, '--analysts', 'Anna,Nobody')).rejects.toThrow(/No analyst called “Nobody”/);
});

describe('against a teammate’s file, without merging it', () => {
  const digest = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

  /** Anna's project and Ben's own file, both with article 004 and their tags on it. */
  async function twoFiles(): Promise<string> {
    const bens = join(dir.path, 'ben.marginalia');
    await cli('Anna', 'new', project);
    await cli('Anna', 'import', project, join(SAMPLE_DIR, '004_27bf8040a9b2cbc5.txt'));
    await cli('Anna', 'import', project, join(SAMPLE_DIR, '000_734da4ab211b7c49.txt'));
    await cli('Ben', 'new', bens);
    await cli('Ben', 'import', bens, join(SAMPLE_DIR, '004_27bf8040a9b2cbc5.txt'));
    await cli('Ben', 'import', bens, join(SAMPLE_DIR, '002_1d2e21283015eb8c.txt'));
    await cli('Anna', 'tag', project, 'Diplomatic', '--kind', 'claim', '--quote', 'did not formally return to office');
    await cli('Anna', 'tag', project, 'Diplomatic', '--kind', 'actor', '--quote', 'Kamala Harris');
    await cli('Ben', 'tag', bens, 'Diplomatic', '--kind', 'claim', '--quote', 'did not formally return to office');
    await cli('Ben', 'tag', bens, 'Diplomatic', '--kind', 'figure', '--quote', '24 hours');
    return bens;
  }

  it('lists the differences and computes agreement, and changes neither file', async () => {
    const bens = await twoFiles();
    const before = [digest(project), digest(bens)];
    const review = JSON.parse(await cli('Rita', 'review', project, 'Diplomatic', '--analysts', 'Anna,Ben', '--against', bens, '--json')) as {
      differences: Review['differences'];
      annotations: { id: string; analystId: string; documentId: string }[];
    };
    expect(review.differences.map((d) => d.type).sort()).toEqual(['agreed', 'only_a', 'only_b']);
    const ids = review.annotations.map((t) => t.id);
    expect(new Set(ids).size).toBe(4);
    expect(new Set(review.annotations.map((t) => t.documentId)).size).toBe(1); // Ben's tags are on this project's article

    const text = await cli('Rita', 'review', project, 'Diplomatic', '--analysts', 'Anna,Ben', '--against', bens);
    expect(text).toContain('Only in B');
    const agreement = JSON.parse(await cli('Rita', 'agreement', project, '--analysts', 'Anna,Ben', '--against', bens, '--json')) as {
      overall: { units: { spansA: number; spansB: number }; f1Exact: number };
      documents: { title: string }[];
    };
    expect(agreement.overall.units).toMatchObject({ spansA: 2, spansB: 2 });
    expect(agreement.overall.f1Exact).toBeCloseTo(0.5, 5);
    // Only the article both files hold counts for the project's figures.
    expect(agreement.documents.map((d) => d.title)).toHaveLength(1);
    expect(agreement.documents[0]?.title).toMatch(/Diplomatic Mirage/);
    expect([digest(project), digest(bens)]).toEqual(before);
  });

  it('compares an analyst with her own older file, and refuses decisions on a file that is not merged', async () => {
    const bens = await twoFiles();
    const older = join(dir.path, 'older.marginalia');
    await cli('Anna', 'pack', project, '--out', older);
    await cli('Anna', 'tag', project, 'Diplomatic', '--kind', 'figure', '--quote', '24 hours');
    const review = JSON.parse(await cli('Rita', 'review', project, 'Diplomatic', '--analysts', 'Anna,Anna', '--against', older, '--json')) as Review;
    expect(review.differences.map((d) => d.type).sort()).toEqual(['agreed', 'agreed', 'only_a']);
    await expect(cli('Rita', 'review', project, 'Diplomatic', '--analysts', 'Anna,Ben', '--against', bens, '--accept-agreed')).rejects.toThrow(/read-only: merge it first/);
  });

  it('refuses a file that is not a sound project, with the reason, and leaves the project as it was', async () => {
    await twoFiles();
    const before = digest(project);
    const notProject = join(dir.path, 'notes.marginalia');
    writeFileSync(notProject, 'These are my notes, not a project.');
    await expect(cli('Rita', 'review', project, 'Diplomatic', '--analysts', 'Anna,Ben', '--against', notProject)).rejects.toThrow(/“notes\.marginalia”: This file is not a Marginalia project file\./);
    const hostile = join(dir.path, 'hostile.marginalia');
    await cli('Ben', 'new', hostile);
    const db = new Database(hostile);
    db.exec("CREATE TRIGGER sneaky AFTER INSERT ON annotation_rows BEGIN SELECT 1; END;");
    db.close();
    await expect(cli('Rita', 'agreement', project, '--analysts', 'Anna,Ben', '--against', hostile)).rejects.toThrow(/cannot be opened for review/);
    await expect(cli('Rita', 'agreement', project, '--analysts', 'Anna,Ben', '--against', join(dir.path, 'missing.marginalia'))).rejects.toThrow(/There is no file at/);
    expect(digest(project)).toBe(before);
  });
});

it('adds Fleiss’ κ when more than two analysts tagged the same document', async () => {
  await cli('Anna', 'new', project);
  await cli('Anna', 'import', project, join(SAMPLE_DIR, '004_27bf8040a9b2cbc5.txt'));
  const tag = (who: string, kind: string, quote: string) => cli(who, 'tag', project, 'Diplomatic', '--kind', kind, '--quote', quote);
  type Figures = { fleissKappa?: number | null; krippendorffAlpha: number | null };
  const agreement = async () => JSON.parse(await cli('Rita', 'agreement', project, '--analysts', 'Anna,Ben', '--json')) as { overall: Figures; byKind: Record<string, Figures>; documents: { overall: Figures }[] };
  for (const who of ['Anna', 'Ben']) {
    await tag(who, 'claim', 'did not formally return to office');
    await tag(who, 'actor', 'Kamala Harris');
  }
  const pair = await agreement();
  expect(pair.overall).not.toHaveProperty('fleissKappa');

  // A third analyst who tags exactly the same: perfect agreement among all three.
  await tag('Cleo', 'claim', 'did not formally return to office');
  await tag('Cleo', 'actor', 'Kamala Harris');
  const same = await agreement();
  expect(same.overall.fleissKappa).toBe(1);
  expect(same.byKind.claim?.fleissKappa).toBe(1);
  expect(same.documents[0]?.overall.fleissKappa).toBe(1);
  // A and B's own figures are unchanged by the third analyst.
  expect(same.overall.krippendorffAlpha).toBe(pair.overall.krippendorffAlpha);

  // Cleo tags one more passage: all three no longer agree everywhere.
  await tag('Cleo', 'figure', '24 hours');
  const apart = await agreement();
  expect(apart.overall.fleissKappa).toBeGreaterThan(0);
  expect(apart.overall.fleissKappa).toBeLessThan(1);
  expect(apart.byKind.claim?.fleissKappa).toBe(1);
  const text = await cli('Rita', 'agreement', project, '--analysts', 'Anna,Ben');
  expect(text).toMatch(/Fleiss’ κ, every analyst who tagged the same documents: 0\.\d{3} overall/);
});

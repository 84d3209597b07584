import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { SAMPLE_DIR, temporaryDirectory } from '../test-support/project-fixture';
import { runCli } from './main';

let dir: ReturnType<typeof temporaryDirectory>;
let project: string;
beforeEach(() => {
  dir = temporaryDirectory();
  project = join(dir.path, 'review.marginalia');
});
afterEach(() => dir.remove());

async function cli(analyst: string, ...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), env: { MARGINALIA_ANALYST: analyst, MARGINALIA_SETTINGS_DIR: join(dir.path, 's') } });
  if (code !== 0) throw new Error(`marginalia ${argv.join(' ')}: ${stderr}`);
  return stdout;
}

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

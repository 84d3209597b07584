// Checks the cross-document rules (figures, roles, repeated claims) on small projects and the sample articles, and dismissals.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SAMPLE_DIR, type TestProject, testProjects } from '../../test-support/project-fixture';

const project = testProjects();

async function tag(p: TestProject, documentId: string, kind: 'figure' | 'claim' | 'actor', quote: string, attributes?: object): Promise<void> {
  const text = (await p.call('document.get', { id: documentId })).text;
  const start = text.indexOf(quote);
  expect(start).toBeGreaterThanOrEqual(0);
  await p.call('annotation.create', { documentId, kind, target: { start, end: start + quote.length }, ...(attributes ? { attributes } : {}) });
}

const findings = async (p: TestProject, includeDismissed = false) => (await p.call('checks.list', { includeDismissed })).findings;

describe('figures that disagree', () => {
  it('pairs figures of one unit about the same thing ten times apart, and leaves close or unrelated ones alone', async () => {
    const p = project();
    const a = await p.paste('A', 'The reconstruction prosperity plan is worth 800 billion dollars over ten years.');
    const b = await p.paste('B', 'The reconstruction prosperity plan is worth 8000 billion dollars over ten years.');
    const c = await p.paste('C', 'The reconstruction prosperity plan is worth 900 billion dollars over ten years.');
    const d = await p.paste('D', 'Drones bought: 90 billion dollars of weapons, said the parliament.');
    await tag(p, a, 'figure', '800 billion dollars');
    await tag(p, b, 'figure', '8000 billion dollars');
    await tag(p, c, 'figure', '900 billion dollars');
    await tag(p, d, 'figure', '90 billion dollars');
    const found = (await findings(p)).filter((f) => f.rule === 'figures');
    const pairs = found.map((f) => f.evidence.map((e) => e.quote).sort().join(' / ')).sort();
    // 8000 against 900 is under ten times: not a disagreement by this rule.
    expect(pairs).toEqual(['800 billion dollars / 8000 billion dollars']);
    expect(found[0]?.suggestedCategory).toBe('factual_error');
    expect(found[0]?.evidence[0]?.detail).toMatch(/ USD$/);
  });
});

describe('roles that disagree', () => {
  it('flags an actor given different roles, read before the name and in an apposition after it', async () => {
    const p = project();
    const umerov = (await p.call('actor.create', { name: 'Rustem Umerov', kind: 'person', aliases: ['Umerov'] })).id;
    const a = await p.paste('A', 'Talks began. Ukrainian Defense Minister Umerov arrived first.');
    const b = await p.paste('B', 'They met Rustem Umerov, Secretary of the National Security and Defense Council, at noon.');
    const c = await p.paste('C', 'On Monday Defense Minister Umerov spoke.');
    await tag(p, a, 'actor', 'Umerov', { actorId: umerov });
    await tag(p, b, 'actor', 'Umerov', { actorId: umerov });
    await tag(p, c, 'actor', 'Umerov', { actorId: umerov });
    const found = (await findings(p)).filter((f) => f.rule === 'roles');
    expect(found).toHaveLength(1);
    expect(found[0]?.summary).toBe('Rustem Umerov is given 2 different roles: “Defense Minister”, “Secretary of the National Security and Defense Council”.');
    expect(found[0]?.suggestedCategory).toBe('outdated_role');
    expect(found[0]?.evidence.map((e) => e.detail).sort()).toEqual(['Defense Minister', 'Defense Minister', 'Secretary of the National Security and Defense Council']);
  });

  it('reads a role before a full name with an initial and an abbreviation: “former U.S. President Donald J. Trump”', async () => {
    const p = project();
    const trump = (await p.call('actor.create', { name: 'Donald J. Trump', kind: 'person', aliases: ['Trump'] })).id;
    const a = await p.paste('A', 'He met former U.S. President Donald J. Trump on Monday.');
    const b = await p.paste('B', 'On Tuesday, President Trump spoke.');
    await tag(p, a, 'actor', 'Trump', { actorId: trump });
    await tag(p, b, 'actor', 'Trump', { actorId: trump });
    const found = (await findings(p)).filter((f) => f.rule === 'roles');
    expect(found.map((f) => f.summary)).toEqual(['Donald J. Trump is given 2 different roles: “former U.S. President”, “President”.']);
  });

  it('finds nothing when every mention carries the same role, nationality aside', async () => {
    const p = project();
    const umerov = (await p.call('actor.create', { name: 'Rustem Umerov', kind: 'person' })).id;
    const a = await p.paste('A', 'Ukrainian Defense Minister Umerov arrived.');
    const b = await p.paste('B', 'Later, Defense Minister Rustem Umerov left.');
    await tag(p, a, 'actor', 'Umerov', { actorId: umerov });
    await tag(p, b, 'actor', 'Umerov', { actorId: umerov });
    expect((await findings(p)).filter((f) => f.rule === 'roles')).toEqual([]);
  });
});

describe('outdated roles', () => {
  it('flags a registered role named in an article dated outside its span, and not one dated inside', async () => {
    const p = project();
    const umerov = (await p.call('actor.create', { name: 'Rustem Umerov', kind: 'person' })).id;
    await p.call('actor.addRole', { actorId: umerov, role: 'Defense Minister', from: '2023-09-06', to: '2025-07-17' });
    const late = await p.paste('Late', 'Late\n\n2026-01-20\n\nDefense Minister Umerov arrived.');
    const early = await p.paste('Early', 'Early\n\n2024-03-01\n\nDefense Minister Umerov arrived.');
    expect((await p.call('document.get', { id: late })).publishedAt).toBe('2026-01-20');
    await tag(p, late, 'actor', 'Umerov', { actorId: umerov });
    await tag(p, early, 'actor', 'Umerov', { actorId: umerov });
    const found = (await findings(p)).filter((f) => f.rule === 'outdated_role');
    expect(found.map((f) => f.summary)).toEqual(['Rustem Umerov is called “Defense Minister” in an article of 2026-01-20, but held that role 2023-09-06 – 2025-07-17.']);
    expect(found[0]?.evidence.map((e) => e.title)).toEqual(['Late']);
  });

  it('refuses a role that ends before it begins', async () => {
    const p = project();
    const umerov = (await p.call('actor.create', { name: 'Rustem Umerov', kind: 'person' })).id;
    const refused = await p.result('actor.addRole', { actorId: umerov, role: 'Defense Minister', from: '2025-01-01', to: '2024-01-01' });
    expect(refused.ok ? '' : refused.error.message).toMatch(/cannot end before it begins/);
  });
});

describe('claims repeated', () => {
  it('groups near-identical claims of several documents, not a document repeating itself or a different claim', async () => {
    const p = project();
    const claim = 'Russia has massed one hundred thousand troops near the northern border of Ukraine';
    const a = await p.paste('A', `${claim}, officials said.`);
    const b = await p.paste('B', `Russia has massed one hundred thousand troops near the northern border of Ukraine. More later.`);
    const c = await p.paste('C', `${claim}. ${claim}. And the talks in Miami were constructive for all sides.`);
    await tag(p, a, 'claim', claim);
    await tag(p, b, 'claim', 'Russia has massed one hundred thousand troops near the northern border of Ukraine');
    await tag(p, c, 'claim', 'the talks in Miami were constructive for all sides');
    const found = (await findings(p)).filter((f) => f.rule === 'claims');
    expect(found).toHaveLength(1);
    expect(found[0]?.evidence.map((e) => e.title).sort()).toEqual(['A', 'B']);
  });
});

describe('checks.dismiss', () => {
  it('keeps a dismissed finding out of the list (shown only when asked) and refuses an unknown key', async () => {
    const p = project();
    const a = await p.paste('A', 'The prosperity plan for reconstruction: 800 billion dollars.');
    const b = await p.paste('B', 'The prosperity plan for reconstruction: 8000 billion dollars.');
    await tag(p, a, 'figure', '800 billion dollars');
    await tag(p, b, 'figure', '8000 billion dollars');
    const [finding] = await findings(p);
    expect(finding).toBeDefined();
    await p.call('checks.dismiss', { key: finding?.key ?? '' });
    expect(await findings(p)).toEqual([]);
    expect((await findings(p, true)).map((f) => [f.key, f.dismissed])).toEqual([[finding?.key, true]]);
    const refused = await p.result('checks.dismiss', { key: 'figures:0000' });
    expect(refused.ok ? '' : refused.error.message).toMatch(/^There is no finding “figures:0000”/);
  });
});

describe('the sample articles', () => {
  it('show the 8000 / 800 billion dollars slip and Umerov’s roles once those are tagged', async () => {
    const p = project();
    for (const file of readdirSync(SAMPLE_DIR).filter((f) => f.endsWith('.txt'))) {
      await p.call('document.import', { source: { type: 'file', fileName: file, content: readFileSync(join(SAMPLE_DIR, file)) } });
    }
    const umerov = (await p.call('actor.create', { name: 'Rustem Umerov', kind: 'person' })).id;
    const mentions = (await p.call('search.query', { query: 'Umerov' })).hits;
    await p.call('annotation.createMany', { annotations: mentions.map((h) => ({ documentId: h.documentId, kind: 'actor', target: { start: h.start, end: h.end }, attributes: { actorId: umerov } })) });
    const figures = (await p.call('search.query', { query: '"billion dollars"' })).hits;
    for (const hit of figures) {
      const text = (await p.call('document.get', { id: hit.documentId })).text;
      const number = /(\d[\d,.]*)\s*$/u.exec(text.slice(Math.max(0, hit.start - 12), hit.start));
      if (number) await p.call('annotation.create', { documentId: hit.documentId, kind: 'figure', target: { start: hit.start - number[0].length, end: hit.end } });
    }
    const found = await findings(p);
    const figureQuotes = found.filter((f) => f.rule === 'figures').map((f) => f.evidence.map((e) => e.quote).sort().join(' / '));
    expect(figureQuotes).toContain('800 billion dollars / 8000 billion dollars');
    const roles = found.find((f) => f.rule === 'roles');
    expect(roles?.evidence.map((e) => e.detail)).toEqual(expect.arrayContaining(['Defense Minister', 'Secretary of the National Security and Defense Council']));
  });
});

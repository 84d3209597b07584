// Checks the export filters on the command line: --analyst (names and id prefixes), --document and --status.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { temporaryDirectory } from '../test-support/project-fixture';
import { runCliIn } from '../test-support/run-cli';

let dir: ReturnType<typeof temporaryDirectory>;
beforeEach(() => (dir = temporaryDirectory()));
afterEach(() => dir.remove());

const cli = (analyst: string, ...argv: string[]) => runCliIn(dir.path, analyst, argv);

/** Ada tags two passages of “Davos talks”, Ben one of “Kyiv briefing”; Ada then deletes one of hers. */
async function project(): Promise<string> {
  const path = join(dir.path, 'p.marginalia');
  const davos = join(dir.path, 'davos.txt');
  const kyiv = join(dir.path, 'kyiv.txt');
  writeFileSync(davos, 'Davos talks\n\nEnvoys met in Davos. The plan is worth $800 billion.\n');
  writeFileSync(kyiv, 'Kyiv briefing\n\nZelensky spoke to reporters in Kyiv.\n');
  await cli('Ada', 'new', path);
  await cli('Ada', 'import', path, davos, kyiv);
  await cli('Ada', 'tag', path, 'Davos talks', '--kind', 'figure', '--quote', '$800 billion');
  await cli('Ada', 'tag', path, 'Davos talks', '--kind', 'claim', '--quote', 'Envoys met in Davos');
  const deleted = JSON.parse((await cli('Ada', 'tag', path, 'Davos talks', '--kind', 'actor', '--quote', 'Envoys', '--json')).stdout) as { id: string };
  expect(deleted.id).toMatch(/^[0-9a-f-]{36}$/);
  await cli('Ada', 'undo', path);
  await cli('Ben', 'tag', path, 'Kyiv briefing', '--kind', 'actor', '--quote', 'Zelensky');
  return path;
}

/** The CSV's rows (header dropped) as "kind|quote|document|analyst|status". */
async function csvRows(path: string, ...filters: string[]): Promise<string[]> {
  const result = await cli('Ada', 'export', path, '--format', 'csv', '--out', '-', ...filters);
  if (result.code !== 0) throw new Error(result.stderr);
  const [, ...rows] = result.stdout.replace(/^\uFEFF/, '').trim().split('\r\n');
  return rows.map((row) => row.split(',').slice(0, 5).join('|')).sort();
}

describe('marginalia export filters', () => {
  it('export every live tag without filters, never the deleted one', async () => {
    expect(await csvRows(await project())).toEqual([
      'Actor|Zelensky|Kyiv briefing|Ben|undecided',
      'Claim|Envoys met in Davos|Davos talks|Ada|undecided',
      'Figure|$800 billion|Davos talks|Ada|undecided',
    ]);
  });

  it('keep only the analysts, documents and statuses asked for', async () => {
    const path = await project();
    expect(await csvRows(path, '--analyst', 'ben')).toEqual(['Actor|Zelensky|Kyiv briefing|Ben|undecided']);
    const analysts = JSON.parse((await cli('Ada', 'analysts', path, '--json')).stdout) as { id: string; name: string }[];
    const ada = analysts.find((a) => a.name === 'Ada')!;
    expect(await csvRows(path, '--analyst', ada.id.slice(0, 6), '--document', 'Davos')).toHaveLength(2);
    expect(await csvRows(path, '--document', 'Kyiv briefing', '--document', 'Davos talks', '--analyst', 'Ben', '--analyst', 'Ada')).toHaveLength(3);
    expect(await csvRows(path, '--status', 'accepted,rejected')).toEqual([]);
    expect(await csvRows(path, '--status', 'undecided', '--document', 'Kyiv')).toEqual(['Actor|Zelensky|Kyiv briefing|Ben|undecided']);
  });

  it('refuse an unknown status or analyst with a sentence', async () => {
    const path = await project();
    expect(await cli('Ada', 'export', path, '--format', 'csv', '--out', '-', '--status', 'maybe')).toMatchObject({
      code: 1,
      stderr: 'marginalia: --status takes accepted, rejected, undecided (comma-separated), not “maybe”.\n',
    });
    expect(await cli('Ada', 'export', path, '--format', 'csv', '--out', '-', '--analyst', 'Cleo')).toMatchObject({
      code: 1,
      stderr: 'marginalia: No analyst called “Cleo” in this project (there are: Ada, Ben).\n',
    });
  });
});

// Checks `marginalia import-annotations` end to end: --document names the target by title, and the summary counts added, present and orphaned tags.
import { copyFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { temporaryDirectory } from '../test-support/project-fixture';
import { cliOutput } from '../test-support/run-cli';

const FIXTURES = join(import.meta.dirname, '..', 'core', 'tag-import', 'fixtures');
let dir: ReturnType<typeof temporaryDirectory>;
beforeEach(() => (dir = temporaryDirectory()));
afterEach(() => dir.remove());

const cli = (...argv: string[]) => cliOutput(dir.path, 'Ada', argv);

describe('import-annotations', () => {
  it('anchors a Hypothesis export in the document --document names, then by title or quotes; a second run adds nothing', async () => {
    const project = join(dir.path, 'p.marginalia');
    const article = join(dir.path, 'heating.txt');
    copyFileSync(join(FIXTURES, 'hypothesis-article.txt'), article);
    const decoy = join(dir.path, 'decoy.txt');
    writeFileSync(decoy, 'Decoy\n\nAn article about something else entirely.\n');
    const exported = join(FIXTURES, 'hypothesis-export.json');
    await cli('new', project);
    await cli('import', project, article, decoy);
    const toDecoy = await cli('import-annotations', project, exported, '--format', 'w3c', '--document', 'Decoy');
    expect(toDecoy).toMatch(/^Imported 1 tag\(s\); 0 updated to a newer version, 0 already in the project\.$/m);
    expect(toDecoy).toMatch(/^Anchored 1; orphaned 4 \(0 with no matching document, 4 whose passage was not found\)\.$/m);
    expect(toDecoy).toMatch(/^New analysts: Ada Checks \([0-9a-f]{8}\)\.$/m);

    const first = await cli('import-annotations', project, exported, '--format', 'w3c');
    expect(first).toMatch(/^Imported 4 tag\(s\); 0 updated to a newer version, 0 already in the project\.$/m);
    expect(first).toMatch(/^Anchored 4; orphaned 0 /m);
    // The whole-page warning is the decoy's now: the same id is not made a second tag elsewhere.
    expect(first).toMatch(/^Not imported — Annotation 5: A tag with its id \([0-9a-f-]{36}\) is already in another document\.$/m);
    const second = await cli('import-annotations', project, exported, '--format', 'w3c');
    expect(second).toMatch(/^Imported 0 tag\(s\); 0 updated to a newer version, 4 already in the project\.$/m);
  });
});

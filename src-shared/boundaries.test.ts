// Proves the lint rule that keeps src-shared free of Node, Electron, React and the database stays in force.
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: `${import.meta.dirname}/..` });

async function messagesFor(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((m) => m.message);
}

describe('src-shared import boundary', () => {
  it.each([
    ["import { readFileSync } from 'node:fs';", /no Node built-ins/],
    ["import { app } from 'electron';", /must not depend on Electron/],
    ["import React from 'react';", /must not depend on React/],
    ["import Database from 'better-sqlite3';", /must not touch the database/],
    ["import { EditorView } from 'prosemirror-view';", /prosemirror-model only/],
    ['export const w = window.location;', /window/],
  ])('refuses %s', async (code, expected) => {
    const messages = await messagesFor(`${code}\nexport const used = 1;\n`, 'src-shared/model/probe.ts');
    expect(messages.some((m) => expected.test(m))).toBe(true);
  });

  it('allows zod and prosemirror-model', async () => {
    const messages = await messagesFor("import { z } from 'zod';\nimport { Schema } from 'prosemirror-model';\nexport const a = [z, Schema];\n", 'src-shared/model/probe.ts');
    expect(messages).toEqual([]);
  });

  it('keeps Electron out of the headless core', async () => {
    const messages = await messagesFor("import { app } from 'electron';\nexport const a = app;\n", 'src-main/core/probe.ts');
    expect(messages.some((m) => /plain Node/.test(m))).toBe(true);
  });
});

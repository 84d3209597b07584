// Lint rules, including the import boundaries between runtimes (src-shared is pure; the core has no Electron).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const nodeBuiltins = ['node:*', 'fs', 'path', 'os', 'crypto', 'child_process', 'http', 'url', 'worker_threads'];

export default tseslint.config(
  { ignores: ['node_modules/', 'out/', 'dist/', 'test-results/', 'playwright-report/', 'bench/.work/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['bin/**/*.mjs', '*.config.{js,ts}', '.dependency-cruiser.cjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', module: 'readonly' } },
  },
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // Playwright fixtures without dependencies are declared with an empty pattern.
    files: ['e2e/**/*.ts'],
    rules: { 'no-empty-pattern': 'off' },
  },
  {
    files: ['src-shared/**/*.ts'],
    ignores: ['src-shared/**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: nodeBuiltins, message: 'src-shared runs in every process: no Node built-ins.' },
          { group: ['electron', 'electron/*'], message: 'src-shared must not depend on Electron.' },
          { group: ['react', 'react-dom', 'react/*', 'react-dom/*'], message: 'src-shared must not depend on React.' },
          { group: ['better-sqlite3'], message: 'src-shared must not touch the database.' },
          { group: ['prosemirror-view', 'prosemirror-state'], message: 'src-shared may use prosemirror-model only.' },
          { group: ['../src-main/*', '../../src-main/*', '../src-renderer/*', '../../src-renderer/*'], message: 'src-shared depends on nothing else in the project.' },
        ],
      }],
      'no-restricted-globals': ['error', 'window', 'document', 'process', 'Buffer', 'require'],
    },
  },
  {
    files: ['src-main/core/**/*.ts', 'src-main/store/**/*.ts', 'src-main/cli/**/*.ts', 'src-main/serve/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['electron', 'electron/*'], message: 'The core runs as plain Node: only src-main/app and src-main/preload import Electron.' },
          { group: ['react', 'react-dom'], message: 'The core has no UI.' },
        ],
      }],
    },
  },
  {
    files: ['src-renderer/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: nodeBuiltins, message: 'The renderer is sandboxed: no Node built-ins.' },
          { group: ['electron', 'better-sqlite3'], message: 'The renderer reaches the core only through the contract.' },
        ],
      }],
    },
  },
);

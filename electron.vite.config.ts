// Builds the desktop app: the main process (ESM, dependencies left in node_modules), the sandboxed preload (one
// CommonJS file) and the renderer (React) into out/main, out/preload and out/renderer.
import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import type { Plugin } from 'vite';

const root = import.meta.dirname;

/**
 * In `npm start` (the dev server) React's fast refresh needs an inline script and a websocket, which the shipped
 * CSP forbids; there the main process sends a dev-only CSP header instead, so the meta policy is dropped. Builds
 * keep it.
 */
const devServerCsp: Plugin = {
  name: 'marginalia-dev-csp',
  apply: 'serve',
  transformIndexHtml: (html) => html.replace(/<meta http-equiv="Content-Security-Policy"[^>]*\/>(\s*<!--[^>]*-->)?/, ''),
};

export default defineConfig({
  main: {
    build: {
      // Dependencies are loaded from node_modules at run time: better-sqlite3 is native and must never be bundled.
      externalizeDeps: true,
      // core.js: the utility process the Workbench runs in (src-main/app/core-host.ts forks it).
      rollupOptions: { input: { index: resolve(root, 'src-main/app/main.ts'), core: resolve(root, 'src-main/app/core-utility.ts') } },
    },
  },
  preload: {
    build: {
      // A sandboxed preload can require nothing but `electron` (and a few polyfills), and cannot be an ES module:
      // the few shared modules it forwards with are bundled into one CommonJS file, out/preload/index.cjs.
      externalizeDeps: false,
      rollupOptions: {
        input: { index: resolve(root, 'src-main/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs', inlineDynamicImports: true },
      },
    },
  },
  renderer: {
    root: resolve(root, 'src-renderer'),
    plugins: [react(), devServerCsp],
    build: {
      outDir: resolve(root, 'out/renderer'),
      rollupOptions: { input: { index: resolve(root, 'src-renderer/index.html') } },
    },
  },
});

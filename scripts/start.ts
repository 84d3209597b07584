// `npm start`: the desktop app in development (electron-vite dev), or one sentence pointing to the browser mode when the Electron binary is missing.
import { spawn } from 'node:child_process';
import { electronBinary } from '../e2e/electron-binary';

const NO_ELECTRON =
  'The Electron binary is not installed (it could not be downloaded with npm install), so the desktop app cannot start here; open a project in the browser instead with: npx marginalia serve <project>';

if (electronBinary() === null) {
  process.stderr.write(`${NO_ELECTRON}\n`);
  process.exit(1);
}
const child = spawn('electron-vite', ['dev', ...process.argv.slice(2)], { stdio: 'inherit', shell: process.platform === 'win32' });
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));

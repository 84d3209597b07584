// `window.marginalia`: present in the desktop app (set by the preload), absent in the browser mode of `marginalia serve`.
import type { MarginaliaBridge } from '../src-shared/api/bridge';

declare global {
  interface Window {
    marginalia?: MarginaliaBridge;
  }
}

// Renderer entry: picks the transport (desktop bridge or HTTP) and mounts the workbench.
import { createRoot } from 'react-dom/client';
import { chooseTransport, createClient } from './api/client';
import { App } from './App';
import './styles/app.css';
import './editor/highlights.css';

// The browser mode's access token arrives in the address; the server has set a cookie for it, so drop it
// from the address bar and history.
if (new URLSearchParams(window.location.search).has('token')) {
  window.history.replaceState(null, '', window.location.pathname);
}

const root = document.getElementById('root');
if (root) createRoot(root).render(<App client={createClient(chooseTransport())} />);

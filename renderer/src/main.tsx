/**
 * Entry point, kept small (no React): it connects to the host and asks for
 * what the first screen shows while the browser still fetches and compiles
 * the app (shell/App.tsx, preloaded from index.html), then renders the app.
 * index.html shows the boot message until then.
 */
import { connect } from './client/connect.js';
import { prefetchFirstScreen } from './boot/first-screen.js';
import './styles/theme.css';
import './styles/layout.css';
import './styles/table.css';
import './styles/panels.css';

const root = document.getElementById('root') as HTMLElement;
const client = connect().then((connected) => {
  prefetchFirstScreen(connected, window.location.hash);
  // The first number formatted loads ICU's number data (~40 ms here): do it while the answers
  // and the app are on their way, not in the first render (the sidebar's counts).
  (0).toLocaleString('en-US');
  return connected;
});

Promise.all([client, import('./shell/App.js')]).then(
  ([connected, { renderApp }]) => renderApp(root, connected),
  (error: unknown) => {
    const message = document.createElement('div');
    message.className = 'boot-message';
    message.textContent = `Could not reach the Trellis host: ${String(error)}`;
    root.replaceChildren(message);
  },
);

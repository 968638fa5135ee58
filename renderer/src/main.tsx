/** Entry point: connect to the host, then render the app. */
import { createRoot } from 'react-dom/client';
import { connect } from './client/connect.js';
import { App } from './shell/App.js';
import { installUnloadGuard } from './state/unsaved-edits.js';
import './styles/theme.css';
import './styles/layout.css';
import './styles/table.css';
import './styles/panels.css';

// Reloading or closing the page asks when a record has an unsaved edit.
installUnloadGuard();

const root = createRoot(document.getElementById('root') as HTMLElement);
root.render(<div className="boot-message">Connecting to the Trellis host…</div>);

connect().then(
  (client) => root.render(<App client={client} />),
  (error: unknown) => root.render(<div className="boot-message">Could not reach the Trellis host: {String(error)}</div>),
);

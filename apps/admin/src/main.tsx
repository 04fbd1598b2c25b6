import { startEarly } from './boot';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

/**
 * Two things start at once: what the first screen asks the API (boot.ts: `me` and, on the customer
 * list, its first page), which needs only the GraphQL client and the data map, and the download of
 * the React app (React, MUI, react-admin, the layout), which is most of the JavaScript. The
 * requests go out while the app's scripts load and run, not after them, and the answers are there
 * when the app first renders.
 */
const app = import('./render');
void Promise.all([app, startEarly(window.location.hash).catch(() => undefined)]).then(([{ render }]) => render(root));

// First: the start-up requests leave before the React app's modules below are evaluated.
import { started } from './start';
import { render } from './render';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

void started.then(() => render(root));

/** Renderer entry: theme, platform, and the app. */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
// Tokens first: every other stylesheet builds on them.
import './app/theme.css';
import { App } from './app/App';
import { getPlatform } from './platform';

const root = document.getElementById('root');
if (root === null) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <App platform={getPlatform()} />
  </StrictMode>,
);

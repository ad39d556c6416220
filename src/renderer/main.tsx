import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { prepareSounds } from './feedback/sounds';
// The station's own typeface, bundled: the same letters on every station, whatever fonts its OS has.
import '@fontsource/noto-sans/400.css';
import '@fontsource/noto-sans/600.css';
import '@fontsource/noto-sans/700.css';
import './styles.css';

// Sounds are decoded at the first key press or tap (a scan is one), before its sound is due;
// an audio context made before any is only suspended, and Chromium warns of it.
for (const type of ['keydown', 'pointerdown']) window.addEventListener(type, prepareSounds, { once: true, capture: true });

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);

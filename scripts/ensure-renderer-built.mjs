// `npm run station` serves the built renderer: build it once if it is missing.
import { existsSync } from 'node:fs';
import { execSync } from 'node:child_process';

if (!existsSync('out/renderer/index.html')) {
  console.log('Building the station renderer (first run)…');
  execSync('npx electron-vite build', { stdio: 'inherit' });
}

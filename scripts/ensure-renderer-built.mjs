// `npm run station`, `npm run demo` and the station benchmarks serve what electron-vite built into
// out/. Build it when it is missing, or older than any of its sources: after a `git pull` or an
// edit, a build that only checked it exists kept serving yesterday's station.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { execSync } from 'node:child_process';
import { join } from 'node:path';

const OUTPUTS = ['out/renderer/index.html', 'out/main/index.js', 'out/preload/index.cjs'];
const SOURCES = ['src/renderer', 'src/shared', 'src/preload', 'src/main', 'resources', 'electron.vite.config.ts', 'package-lock.json'];

/** The newest modification time under `path` (tests are not built, so they do not count). */
function newest(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return /\.test\.tsx?$/.test(path) ? 0 : stat.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((name) => newest(join(path, name))));
}

const built = Math.min(...OUTPUTS.map((p) => (existsSync(p) ? statSync(p).mtimeMs : 0)));
if (built === 0 || Math.max(...SOURCES.map(newest)) > built) {
  console.log(built === 0 ? 'Building the station (first run)…' : 'Building the station (its sources changed)…');
  execSync('npx electron-vite build', { stdio: 'inherit' });
}

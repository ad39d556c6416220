// `npm run server` / `npm run station`: runs an entry point of ours from its bundle with plain
// node, bundling it first when any source is newer (esbuild, well under a second). A process
// started so is up in about 3.6 s where tsx, transpiling every file at each start, took 6.5 s: a
// restarted server keeps its stations offline that much less.
import { build } from 'esbuild';
import { mkdirSync, readdirSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import options from '../src/server/testing/process-bundle-options.json' with { type: 'json' };

const entry = process.argv[2];
if (!entry?.startsWith('src/') || !entry.endsWith('.ts')) {
  console.error('usage: node scripts/run-bundled.mjs src/<entry>.ts');
  process.exit(2);
}
const outdir = '.cache/processes';
const bundle = join(outdir, entry.replace(/^src\//, '').replace(/\.ts$/, '.mjs'));

/** The newest modification time under `dir` (sources and the JSON, fonts and migrations they read). */
function newest(dir) {
  let latest = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, e.name);
    latest = Math.max(latest, e.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return latest;
}

const built = (() => {
  try {
    return statSync(bundle).mtimeMs;
  } catch {
    return 0;
  }
})();
if (built < Math.max(newest('src'), statSync('package-lock.json').mtimeMs)) {
  // Written aside, then renamed: a server and a station started together never read a half-written bundle.
  const { outputFiles } = await build({ ...options, entryPoints: [entry], outdir, write: false });
  for (const f of outputFiles) {
    mkdirSync(dirname(f.path), { recursive: true });
    writeFileSync(`${f.path}.${process.pid}.tmp`, f.contents);
    renameSync(`${f.path}.${process.pid}.tmp`, f.path);
  }
}
// The bundle runs in this process: its signals, exit code and output are the command's; stack traces name the sources.
process.setSourceMapsEnabled(true);
process.argv[1] = bundle;
await import(pathToFileURL(bundle).href);

// Makes a fresh clone runnable: Debian packages the tests and demo use, then npm dependencies.
// Idempotent and quiet when everything is already there.
import { execSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';

const run = (cmd, env = {}) => execSync(cmd, { stdio: 'inherit', env: { ...process.env, ...env } });
const has = (cmd) => {
  try {
    execSync(`command -v ${cmd}`, { stdio: 'ignore', shell: '/bin/sh' });
    return true;
  } catch {
    return false;
  }
};

const wantTests = process.argv.includes('--tests');
const missing = [];
if (wantTests && !has('jq')) missing.push('jq');
if (!existsSync('/usr/bin/chromium')) missing.push('chromium');
if (wantTests) {
  const pgBins = existsSync('/usr/lib/postgresql')
    ? readdirSync('/usr/lib/postgresql').filter((v) => existsSync(`/usr/lib/postgresql/${v}/bin/initdb`))
    : [];
  if (!pgBins.length) missing.push('postgresql');
  if (!has('pdftoppm')) missing.push('poppler-utils');
}
if (missing.length) {
  if (process.getuid?.() !== 0) {
    console.error(`Missing system packages: ${missing.join(' ')}. Install them with: sudo apt-get install -y ${missing.join(' ')}`);
    process.exit(1);
  }
  console.log(`Installing system packages: ${missing.join(' ')}`);
  run('apt-get update -qq');
  run(`apt-get install -y -qq ${missing.join(' ')}`, { DEBIAN_FRONTEND: 'noninteractive' });
}

const lock = 'package-lock.json';
const installed = 'node_modules/.package-lock.json';
if (!existsSync(installed) || statSync(lock).mtimeMs > statSync(installed).mtimeMs + 1000) {
  console.log('Installing npm dependencies (the Electron binary download is skipped: it is not reachable from the npm registry)');
  run('npm ci --no-audit --no-fund', { ELECTRON_SKIP_BINARY_DOWNLOAD: '1' });
}

import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

const SCRIPT = resolve('scripts/ensure-renderer-built.mjs');
const OUTPUTS = ['out/renderer/index.html', 'out/main/index.js', 'out/preload/index.cjs'];

/** A checkout with sources and (optionally) a build; `npx` is a stand-in that records each build. */
function checkout() {
  const root = mkdtempSync(join(tmpdir(), 'dockside-build-check-'));
  const put = (path: string, at: number) => {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), path);
    utimesSync(join(root, path), at, at);
  };
  mkdirSync(join(root, 'bin'));
  writeFileSync(join(root, 'bin/npx'), `#!/bin/sh\necho "$@" >> "${root}/builds"\n`);
  chmodSync(join(root, 'bin/npx'), 0o755);
  const run = () => {
    rmSync(join(root, 'builds'), { force: true });
    execFileSync(process.execPath, [SCRIPT], {
      cwd: root,
      env: { ...process.env, PATH: `${root}/bin:${process.env.PATH}` },
      stdio: 'pipe',
    });
    return existsSync(join(root, 'builds'));
  };
  return { root, put, run };
}

const roots: string[] = [];
afterEach(() => roots.splice(0).forEach((r) => rmSync(r, { recursive: true, force: true })));

describe('ensure-renderer-built: the station that npm run station, the demo and the benchmarks serve', () => {
  it('builds when there is no build, or a part of it is missing', () => {
    const c = checkout();
    roots.push(c.root);
    c.put('src/renderer/main.tsx', 1_000);
    expect(c.run()).toBe(true);
    OUTPUTS.slice(0, 2).forEach((p) => c.put(p, 2_000));
    expect(c.run()).toBe(true);
  });

  it('leaves a build newer than every source, and builds again once a source is newer (a pull, an edit)', () => {
    const c = checkout();
    roots.push(c.root);
    for (const source of [
      'src/renderer/feedback/sounds.ts',
      'src/shared/x.ts',
      'src/preload/index.ts',
      'src/main/m.ts',
      'resources/sounds/a.wav',
    ])
      c.put(source, 1_000);
    OUTPUTS.forEach((p) => c.put(p, 2_000));
    expect(c.run()).toBe(false);
    // A test is not built: changing one changes nothing served.
    c.put('src/renderer/feedback/sounds.test.ts', 3_000);
    expect(c.run()).toBe(false);
    c.put('src/renderer/feedback/sounds.ts', 3_000);
    expect(c.run()).toBe(true);
    c.put('src/renderer/feedback/sounds.ts', 1_000);
    c.put('resources/sounds/a.wav', 3_000);
    expect(c.run()).toBe(true);
  });
});

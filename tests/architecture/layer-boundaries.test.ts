import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

/** Imports flow only toward src/shared; these prove a wrong import fails the lint that CI runs. */
const eslint = new ESLint({ cwd: process.cwd() });

async function errorsFor(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: file });
  return result!.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('layer boundaries', () => {
  it.each([
    ['src/shared/domain/x.ts', "import { createCentralServer } from '../../server/app';"],
    ['src/shared/domain/x.ts', "import { readFileSync } from 'node:fs';"],
    ['src/shared/domain/x.ts', "import { EventEmitter } from 'events';"],
    ['src/shared/domain/x.ts', "import { useState } from 'react';"],
    ['src/renderer/app/x.ts', "import { ipcRenderer } from 'electron';"],
    ['src/renderer/app/x.ts', "import { createStationServices } from '../../main/services/station-services';"],
    ['src/renderer/app/x.ts', "import { createCentralServer } from '../../server/app';"],
    ['src/renderer/app/x.ts', "import { join } from 'node:path';"],
    ['src/main/services/x.ts', "import { App } from '../../renderer/app/App';"],
    ['src/server/x.ts', "import { createStationServices } from '../main/services/station-services';"],
  ])('%s may not: %s', async (file, code) => {
    expect(await errorsFor(file, code)).not.toEqual([]);
  });

  it.each([
    ['src/renderer/app/x.ts', "import { foldStationView } from '../../shared/sync/fold-view';"],
    ['src/shared/sync/x.ts', "import type { StationEvent } from '../events/station-events';"],
    ['src/server/x.ts', "import { orderMachine } from '../shared/domain/order-status';"],
    ['src/main/services/x.ts', "import { readFileSync } from 'node:fs';"],
  ])('%s may: %s', async (file, code) => {
    expect(await errorsFor(file, code)).toEqual([]);
  });
});

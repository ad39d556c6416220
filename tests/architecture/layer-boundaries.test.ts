import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

/** Imports flow only toward src/shared, and each layer uses only the packages on its allow-list. */
const eslint = new ESLint({ cwd: process.cwd() });

async function errorsFor(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: file });
  return result!.messages.filter((m) => m.ruleId === 'local/layer-imports').map((m) => m.message);
}

describe('layer allow-lists', () => {
  it.each([
    ['src/shared/domain/x.ts', "import { createCentralServer } from '../../server/app';"],
    ['src/shared/domain/x.ts', "import { readFileSync } from 'node:fs';"],
    ['src/shared/domain/x.ts', "import { EventEmitter } from 'events';"],
    ['src/shared/domain/x.ts', "import { useState } from 'react';"],
    ['src/shared/domain/x.ts', "import { createRxDatabase } from 'rxdb';"],
    ['src/shared/domain/x.ts', "export { z } from 'left-pad';"],
    ['src/renderer/app/x.ts', "import { ipcRenderer } from 'electron';"],
    ['src/renderer/app/x.ts', "import { createStationServices } from '../../main/services/station-services';"],
    ['src/renderer/app/x.ts', "import { createCentralServer } from '../../server/app';"],
    ['src/renderer/app/x.ts', "import { join } from 'node:path';"],
    ['src/renderer/app/x.ts', "import Fastify from 'fastify';"],
    ['src/renderer/app/x.ts', "const m = await import('pdfkit');"],
    ['src/main/services/x.ts', "import { App } from '../../renderer/app/App';"],
    ['src/main/services/x.ts', "import { app } from 'electron';"],
    ['src/main/services/x.ts', "import { createCentralServer } from '../../server/app';"],
    ['src/preload/x.ts', "import { readFileSync } from 'node:fs';"],
    ['src/server/x.ts', "import { createStationServices } from '../main/services/station-services';"],
    ['src/server/x.ts', "import React from 'react';"],
    ['src/server/x.ts', "import { expect } from 'vitest';"],
    ['src/server/x.ts', "import PDFDocument from 'pdfkit';"],
    ['src/documents/x.ts', "import { createCentralServer } from '../server/app';"],
    ['src/documents/x.ts', "import { createStationServices } from '../main/services/station-services';"],
    ['src/shared/labels/x.ts', "import { renderPdf } from '../../documents/render-pdf';"],
    ['src/renderer/app/x.ts', "import { renderPdf } from '../../documents/render-pdf';"],
  ])('%s may not: %s', async (file, code) => {
    expect(await errorsFor(file, code)).not.toEqual([]);
  });

  it.each([
    ['src/renderer/app/x.ts', "import { foldStationView } from '../../shared/sync/fold-view';"],
    ['src/renderer/app/x.ts', "import { create } from 'zustand';"],
    ['src/shared/sync/x.ts', "import type { StationEvent } from '../events/station-events';"],
    ['src/shared/sync/x.ts', "import { z } from 'zod';"],
    ['src/server/x.ts', "import { orderMachine } from '../shared/domain/order-status';"],
    ['src/server/x.test.ts', "import { expect } from 'vitest';"],
    ['src/main/services/x.ts', "import { readFileSync } from 'node:fs';"],
    ['src/main/electron/x.ts', "import { app } from 'electron';"],
    ['src/preload/x.ts', "import { contextBridge } from 'electron';"],
    ['src/documents/x.ts', "import PDFDocument from 'pdfkit';"],
    ['src/server/x.ts', "import { renderPdf } from '../documents/render-pdf';"],
    ['src/main/printing/x.ts', "import { renderPdf } from '../../documents/render-pdf';"],
  ])('%s may: %s', async (file, code) => {
    expect(await errorsFor(file, code)).toEqual([]);
  });
});

import type { PrintJob } from '../printing';
import { randomUuid } from '../../random-uuid';

/**
 * A print job as main keeps it, queued and never sent, for tests: each test names what matters to
 * it (its printer, state, title) and leaves the rest. In src/shared so the main and renderer tests
 * build it alike (the renderer may not import from main).
 */
export function printJob(overrides: Partial<PrintJob> = {}): PrintJob {
  return {
    id: randomUuid(),
    template: 'test-label',
    printerId: randomUuid(),
    printerName: 'Zebra 1',
    format: 'zpl',
    state: 'queued',
    attempts: 0,
    attemptStartedAt: null,
    attemptConnectedAt: null,
    mayHavePrinted: false,
    unsureCause: null,
    printAgainAt: null,
    duplicateVoidedAt: null,
    answered: null,
    lastError: null,
    sscc: null,
    reference: null,
    reprintOf: null,
    createdAt: new Date().toISOString(),
    printedAt: null,
    nextAttemptAt: null,
    title: 'Test label',
    voidedAt: null,
    purpose: null,
    purposeRecordedAt: null,
    ...overrides,
  };
}

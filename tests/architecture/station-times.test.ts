import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The station shows times in its own locale and time zone (station settings), through
 * src/renderer/app/station-format.ts. Date's toLocale…String uses the computer's zone instead,
 * so a station set to another zone would show two different clocks.
 */
const DATE_IN_COMPUTER_ZONE = /\.toLocale(Time|Date)String\(|new Date\([^)]*\)\.toLocaleString\(/;

function sourcesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name))
    .map((e) => join(e.parentPath, e.name));
}

describe('times on the station screens', () => {
  it("are written by the station's formatter, never in the computer's time zone", () => {
    const offenders = sourcesUnder('src/renderer').flatMap((file) =>
      readFileSync(file, 'utf8')
        .split('\n')
        .flatMap((line, i) => (DATE_IN_COMPUTER_ZONE.test(line) ? [`${file}:${i + 1}: ${line.trim()}`] : [])),
    );
    expect(offenders).toEqual([]);
  });
});

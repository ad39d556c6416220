import { readFileSync } from 'node:fs';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../testing/test-server';

/**
 * schema.ts is the query builder's view of the tables; row types derive from it. It is written
 * beside the migrations, so this test keeps it true: every table and column it names exists in
 * the migrated database, and every column of a table it names is in it (a new column goes in both).
 */
function declaredTables(): Map<string, Set<string>> {
  const path = new URL('./schema.ts', import.meta.url);
  const source = ts.createSourceFile('schema.ts', readFileSync(path, 'utf8'), ts.ScriptTarget.Latest, true);
  const tables = new Map<string, Set<string>>();
  source.forEachChild((node) => {
    if (!ts.isInterfaceDeclaration(node) || node.name.text !== 'DB') return;
    for (const member of node.members) {
      if (!ts.isPropertySignature(member) || !member.type || !ts.isTypeLiteralNode(member.type)) continue;
      const columns = member.type.members.filter(ts.isPropertySignature).map((c) => c.name.getText(source));
      tables.set(member.name.getText(source), new Set(columns));
    }
  });
  return tables;
}

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t?.close());

describe('the query builder schema (schema.ts)', () => {
  it('names only tables and columns the migrations made, and every column of the tables it names', async () => {
    const declared = declaredTables();
    expect(declared.size).toBeGreaterThan(20);
    const rows = await t.server.db.query<{ table_name: string; column_name: string }>(
      `select table_name, column_name from information_schema.columns
        where table_schema = current_schema() order by table_name, ordinal_position`,
    );
    const actual = new Map<string, Set<string>>();
    for (const r of rows) actual.set(r.table_name, (actual.get(r.table_name) ?? new Set()).add(r.column_name));

    const drift: string[] = [];
    for (const [table, columns] of declared) {
      const real = actual.get(table);
      if (!real) {
        drift.push(`${table}: no such table`);
        continue;
      }
      for (const c of columns) if (!real.has(c)) drift.push(`${table}.${c}: declared, not in the database`);
      for (const c of real) if (!columns.has(c)) drift.push(`${table}.${c}: in the database, not declared`);
    }
    expect(drift).toEqual([]);
  });
});

import fc from 'fast-check';
import { hostileValue } from './hostile-values';

/** A JSON Schema (2020-12, as the OpenAPI document holds it); only the keywords the generator reads. */
export type JsonSchema = Record<string, any>;

export interface SchemaWorld {
  /** #/components/schemas of the OpenAPI document, for $ref. */
  components: Record<string, JsonSchema>;
  /** Ids that exist on the server (a valid-ish uuid is often one of them), read at generation time. */
  knownIds: () => readonly string[];
}

const MAX_DEPTH = 6;
const SAFE = Number.MAX_SAFE_INTEGER;

/**
 * Values shaped after a schema: mostly valid, often at the edges (bounds, empty, optional fields
 * left out), so that requests reach the handlers and not only the validator.
 */
export function fromSchema(schema: JsonSchema | boolean | undefined, world: SchemaWorld, depth = 0): fc.Arbitrary<unknown> {
  if (schema === undefined || schema === true || schema === false || depth > MAX_DEPTH) return fc.constantFrom<unknown>('x', 1, null);
  if (schema.$ref)
    return fc.constant(null).chain(() => fromSchema(world.components[String(schema.$ref).split('/').pop()!], world, depth + 1));
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum) return fc.constantFrom<unknown>(...schema.enum);
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives) return fc.oneof(...alternatives.map((s: JsonSchema) => fromSchema(s, world, depth + 1)));
  if (schema.allOf) return fromSchema(Object.assign({}, ...schema.allOf), world, depth);
  const type = Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : inferType(schema);
  if (type.length > 1) return fc.oneof(...type.map((t: string) => fromSchema({ ...schema, type: t }, world, depth)));
  switch (type[0]) {
    case 'string':
      return stringFor(schema, world);
    case 'integer':
      return integerFor(schema);
    case 'number':
      return fc.oneof(
        integerFor(schema),
        fc.double({ min: schema.minimum ?? -1e6, max: schema.maximum ?? 1e6, noNaN: true, noDefaultInfinity: true }),
      );
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array':
      return fc.array(fromSchema(schema.items, world, depth + 1), {
        minLength: schema.minItems ?? 0,
        maxLength: Math.max(schema.minItems ?? 0, Math.min(schema.maxItems ?? 3, 3)),
      });
    case 'object':
      return objectFor(schema, world, depth);
    default:
      return fc.constantFrom<unknown>('x', 1, true, null, {});
  }
}

function inferType(schema: JsonSchema): string[] {
  if (schema.properties || schema.additionalProperties) return ['object'];
  if (schema.items) return ['array'];
  return [];
}

function stringFor(schema: JsonSchema, world: SchemaWorld): fc.Arbitrary<unknown> {
  const min = schema.minLength ?? 0;
  const max = Math.min(schema.maxLength ?? 40, 60);
  switch (schema.format) {
    case 'uuid':
      return fc
        .oneof(
          { arbitrary: fc.constant(null).map(() => world.knownIds()), weight: 3 },
          { arbitrary: fc.constant([] as string[]), weight: 1 },
        )
        .chain((ids) => (ids.length ? fc.constantFrom(...ids) : fc.uuid({ version: 4 })));
    case 'date-time':
      return fc
        .date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2030-01-01T00:00:00Z'), noInvalidDate: true })
        .map((d) => d.toISOString());
    case 'email':
      return fc.emailAddress();
    case 'uri':
      return fc.constantFrom(
        'https://hooks.example.com/dockside',
        'http://127.0.0.1:1/hook',
        'ftp://example.com/x',
        'https://example.com/' + 'p'.repeat(50),
      );
  }
  if (schema.pattern)
    return fc.oneof(
      fc.constantFrom('SKU-MUG', 'SKU-TEE', 'GBP', 'EUR', 'web', 'LON-1', 'ORD-20260101-00001', 'RMA-20260101-00001', '5012345678900'),
      matching(schema.pattern),
    );
  const any = fc.string({ minLength: min, maxLength: Math.max(min, max) });
  // Words the API knows (a SKU, a currency, a channel) reach further than random text, where they fit.
  const words = ['SKU-MUG', 'SKU-TEE', 'GBP', 'web', 'LON-1', 'Ada Lovelace'].filter(
    (s) => s.length >= min && s.length <= (schema.maxLength ?? Infinity),
  );
  return words.length ? fc.oneof({ arbitrary: fc.constantFrom(...words), weight: 2 }, { arbitrary: any, weight: 3 }) : any;
}

function matching(pattern: string): fc.Arbitrary<unknown> {
  try {
    return fc.stringMatching(new RegExp(pattern)).filter((s) => s.length <= 200);
  } catch {
    return fc.string({ maxLength: 20 });
  }
}

function integerFor(schema: JsonSchema): fc.Arbitrary<number> {
  const min = Math.max(schema.minimum ?? -1_000, -SAFE);
  const max = Math.min(schema.maximum ?? 100_000, SAFE);
  if (min > max) return fc.constant(min);
  return fc.oneof(fc.constantFrom(min, max), fc.integer({ min, max }));
}

function objectFor(schema: JsonSchema, world: SchemaWorld, depth: number): fc.Arbitrary<unknown> {
  const properties: Record<string, JsonSchema> = schema.properties ?? {};
  const required = new Set<string>(schema.required ?? []);
  const keys = Object.keys(properties);
  if (!keys.length && schema.additionalProperties) {
    const value =
      schema.additionalProperties === true ? fc.jsonValue({ maxDepth: 2 }) : fromSchema(schema.additionalProperties, world, depth + 1);
    return fc.dictionary(fc.string({ minLength: 1, maxLength: 12 }), value, { maxKeys: 3 });
  }
  const model: Record<string, fc.Arbitrary<unknown>> = {};
  for (const k of keys) model[k] = fromSchema(properties[k], world, depth + 1);
  return fc.record(model, { requiredKeys: keys.filter((k) => required.has(k)) });
}

/** Where in a JSON value a mutation lands: every container path, the root included. */
function containers(value: unknown, path: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  if (value && typeof value === 'object') {
    out.push(path);
    for (const [k, v] of Object.entries(value)) containers(v, [...path, Array.isArray(value) ? Number(k) : k], out);
  }
  return out;
}

export type Mutation =
  | { kind: 'replace-field'; pick: number; value: unknown }
  | { kind: 'unknown-field'; pick: number; value: unknown }
  | { kind: 'drop-field'; pick: number }
  | { kind: 'wrong-root'; value: unknown };

export const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  { arbitrary: fc.record({ kind: fc.constant('replace-field' as const), pick: fc.nat(), value: hostileValue }), weight: 6 },
  { arbitrary: fc.record({ kind: fc.constant('unknown-field' as const), pick: fc.nat(), value: hostileValue }), weight: 2 },
  { arbitrary: fc.record({ kind: fc.constant('drop-field' as const), pick: fc.nat() }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant('wrong-root' as const), value: hostileValue }), weight: 1 },
);

/** `value` with one hostile change (a deep copy; the original is left alone). */
export function mutate(value: unknown, m: Mutation): unknown {
  if (m.kind === 'wrong-root') return m.value;
  const copy = structuredClone(value);
  const places = containers(copy);
  if (!places.length) return m.kind === 'drop-field' ? undefined : m.value;
  const target = places[m.pick % places.length]!.reduce<any>((node, key) => node[key], copy);
  const keys = Object.keys(target);
  if (m.kind === 'unknown-field') {
    if (Array.isArray(target)) target.push(m.value);
    else target[`unexpected${m.pick % 7}`] = m.value;
  } else if (!keys.length) {
    if (m.kind === 'replace-field' && !Array.isArray(target)) target.field = m.value;
  } else {
    const key = keys[m.pick % keys.length]!;
    if (m.kind === 'drop-field') delete target[key];
    else target[key] = m.value;
  }
  return copy;
}

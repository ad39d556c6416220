import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Problem, sendProblem } from './problem';

/** Deeper JSON than this is not an order, it is an attack on the stack of whatever walks it. */
export const MAX_JSON_DEPTH = 64;

/** U+0000 (PostgreSQL text cannot hold it) or a UTF-16 surrogate without its pair (not Unicode). */
const BAD_TEXT = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export function hasBadText(s: string): boolean {
  return BAD_TEXT.test(s);
}

/**
 * Finds the first problem in a parsed JSON value without recursion (a 20,000-deep body must not
 * overflow the stack here either): too deep, or a string or key that is not storable text.
 */
type Finding = { code: 'json_too_deep' | 'invalid_text' | 'forbidden_key'; path: string };

export function inspectJson(value: unknown, maxDepth = MAX_JSON_DEPTH, checkText = true): Finding | null {
  const stack: { v: unknown; depth: number; path: string }[] = [{ v: value, depth: 0, path: '' }];
  while (stack.length) {
    const { v, depth, path } = stack.pop()!;
    if (typeof v === 'string') {
      if (checkText && hasBadText(v)) return { code: 'invalid_text', path: path || 'body' };
      continue;
    }
    if (v === null || typeof v !== 'object') continue;
    if (depth >= maxDepth) return { code: 'json_too_deep', path: path || 'body' };
    if (Array.isArray(v)) v.forEach((item, i) => stack.push({ v: item, depth: depth + 1, path: `${path}[${i}]` }));
    else {
      for (const [k, item] of Object.entries(v)) {
        if (checkText && hasBadText(k)) return { code: 'invalid_text', path: `${path}.${k.replace(BAD_TEXT, '?')}` };
        // Fastify's own parser strips these too: merged later with Object.assign they poison prototypes.
        if (k === '__proto__' || k === 'constructor') return { code: 'forbidden_key', path: path ? `${path}.${k}` : k };
        stack.push({ v: item, depth: depth + 1, path: path ? `${path}.${k}` : k });
      }
    }
  }
  return null;
}

function textProblem(where: string, found: Finding): Problem {
  if (found.code === 'json_too_deep')
    return new Problem(
      400,
      'json_too_deep',
      'The body is nested too deeply',
      `${where} is nested deeper than ${MAX_JSON_DEPTH} levels (at ${found.path})`,
    );
  if (found.code === 'forbidden_key')
    return new Problem(400, 'forbidden_key', 'The body uses a reserved key', `${where} uses the reserved key ${found.path}`);
  return new Problem(
    400,
    'invalid_text',
    'The request holds text that cannot be stored',
    `${where} ${found.path} holds U+0000 or an unpaired UTF-16 surrogate`,
  );
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The route checks text itself, item by item (the station push rejects one bad event, not its batch). */
    checksOwnText?: boolean;
  }
}

/**
 * Every JSON body, path parameter and query string is checked before any handler sees it: no
 * nesting past MAX_JSON_DEPTH, no text the database cannot hold. Bad input is a 400 with a code,
 * never a 500 from deep inside.
 */
export function installRequestGuards(app: FastifyInstance): void {
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const text = body as string;
    if (text.trim() === '') return done(new Problem(400, 'malformed_body', 'The body is not valid JSON', 'the body is empty'), undefined);
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (err) {
      return done(new Problem(400, 'malformed_body', 'The body is not valid JSON', (err as Error).message), undefined);
    }
    const shape = inspectJson(value, MAX_JSON_DEPTH, false);
    if (shape) return done(textProblem('the body', shape), undefined);
    done(null, value);
  });
  app.addHook('preValidation', async (request) => {
    for (const [where, value] of [
      ['path parameter', request.params],
      ['query parameter', request.query],
    ] as const) {
      const found = inspectJson(value);
      if (found) throw textProblem(`the ${where}`, found);
    }
    if (request.routeOptions.config?.checksOwnText) return;
    const found = inspectJson(request.body);
    if (found) throw textProblem('the body at', found);
  });
}

/**
 * Fastify's router refuses some requests before any hook or error handler runs (a malformed
 * percent-escape in the path, a path parameter past its length limit). It answers them with its
 * own JSON unless given this (the `frameworkErrors` option): the same problem+json as every refusal.
 */
export function answerFrameworkError(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  let problem: Problem;
  if (error.code === 'FST_ERR_BAD_URL')
    problem = new Problem(
      400,
      'bad_encoding',
      'The path is not valid percent-encoded UTF-8',
      'the path holds a malformed percent-escape (a lone %, %zz, or bytes that are not UTF-8)',
    );
  else if (error.code === 'FST_ERR_MAX_PARAM_LENGTH')
    problem = new Problem(
      414,
      'uri_too_long',
      'A path parameter is too long',
      'a path parameter is longer than any id or code this API takes',
    );
  else problem = new Problem(400, 'bad_request', 'Bad request', error.message);
  void sendProblem(reply, request, problem);
}

import { createRequire } from 'node:module';
import type * as GraphQLJs from 'graphql';

/**
 * graphql-js, the one copy mercurius uses. graphql 16 ships CommonJS (main) and ESM (module):
 * Node (tsx) loads the CommonJS one for everybody, but vite (the tests) would give an `import`
 * the ESM one, a second copy whose classes fail graphql's own instanceof checks inside mercurius.
 */
export const graphqlJs = createRequire(import.meta.url)('graphql') as typeof GraphQLJs;

// Lint, and the import boundaries between runtimes: imports flow only toward src/shared.
import tseslint from 'typescript-eslint';

// Bare built-in names are matched exactly (as `paths`), so '../events/x' is not mistaken for 'events'.
const bareBuiltins = ['fs', 'path', 'net', 'http', 'https', 'crypto', 'os', 'child_process', 'stream', 'events', 'url', 'util', 'zlib', 'buffer'];
const builtinPaths = (message) => bareBuiltins.map((name) => ({ name, message }));
const layer = (name) => ({ group: [`**/${name}/**`, `**/${name}`], message: `this layer must not import src/${name}` });

export default tseslint.config(
  { ignores: ['out/**', 'node_modules/**', '.cache/**', 'test-results/**', 'playwright-report/**', 'bench/results/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    // Tests read loosely-typed JSON from real HTTP responses.
    files: ['**/*.test.ts', '**/*.test.tsx', 'e2e/**', 'bench/**', 'src/server/testing/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: ['src/shared/**'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'electron', message: 'src/shared is platform-neutral' }, ...builtinPaths('src/shared is platform-neutral: no node built-ins')],
        patterns: [layer('main'), layer('preload'), layer('renderer'), layer('server'),
          { group: ['node:*'], message: 'src/shared is platform-neutral: no node built-ins' },
          { group: ['react', 'react-dom', 'rxdb', 'rxdb/*', 'fastify', 'pg', '@electric-sql/*'], message: 'src/shared holds only pure domain code' }],
      }],
    },
  },
  {
    files: ['src/renderer/**'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'electron', message: 'the renderer reaches main only through the station client' }, ...builtinPaths('the renderer runs in a browser: no node built-ins')],
        patterns: [layer('main'), layer('preload'), layer('server'),
          { group: ['node:*'], message: 'the renderer runs in a browser: no node built-ins' }],
      }],
    },
  },
  {
    files: ['src/preload/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [layer('main'), layer('renderer'), layer('server')] }],
    },
  },
  {
    files: ['src/main/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [layer('renderer'), layer('server'), layer('preload')] }],
    },
  },
  {
    files: ['src/server/**'],
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: 'electron', message: 'the server is not electron' }], patterns: [layer('renderer'), layer('main'), layer('preload')] }],
    },
  },
);

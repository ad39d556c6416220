// Lint, and the import boundaries between runtimes: imports flow only toward src/shared.
import tseslint from 'typescript-eslint';
import { layerImports } from './eslint/layer-imports.js';

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
    files: ['**/*.test.ts', '**/*.test.tsx', 'e2e/**', 'bench/**', 'tests/**', 'src/server/testing/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    // Size: no function over 120 lines outside tests (an error); deep nesting and high
    // complexity are warnings, a prompt to split by concern before it grows further.
    files: ['src/**/*.ts', 'src/**/*.tsx', 'scripts/**/*.ts', 'bench/**/*.ts'],
    ignores: ['**/*.test.ts', '**/*.test.tsx', 'src/server/testing/**'],
    rules: {
      'max-lines-per-function': ['error', { max: 120, skipBlankLines: true, skipComments: true, IIFEs: true }],
      'max-depth': ['warn', 4],
      complexity: ['warn', 25],
    },
  },
  {
    // A handheld on the warehouse LAN loads the station over plain HTTP from a name: no secure
    // context, so no crypto.randomUUID or crypto.subtle in code a page runs.
    files: ['src/renderer/**/*.ts', 'src/renderer/**/*.tsx', 'src/shared/**/*.ts'],
    ignores: ['**/*.test.ts', '**/*.test.tsx'],
    rules: {
      'no-restricted-properties': [
        'error',
        {
          object: 'crypto',
          property: 'randomUUID',
          message: 'Not in a page served over plain HTTP: use randomUuid() (src/shared/random-uuid.ts).',
        },
        { object: 'crypto', property: 'subtle', message: 'Not in a page served over plain HTTP: see src/renderer/db/sha256.ts.' },
      ],
    },
  },
  {
    // Each layer imports only what its allow-list names (eslint/layer-imports.js).
    files: ['src/**/*.ts', 'src/**/*.tsx'],
    plugins: { local: { rules: { 'layer-imports': layerImports } } },
    rules: { 'local/layer-imports': 'error' },
  },
);

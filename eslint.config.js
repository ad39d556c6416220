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
    files: ['**/*.test.ts', '**/*.test.tsx', 'e2e/**', 'bench/**', 'src/server/testing/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    // Each layer imports only what its allow-list names (eslint/layer-imports.js).
    files: ['src/**/*.ts', 'src/**/*.tsx'],
    plugins: { local: { rules: { 'layer-imports': layerImports } } },
    rules: { 'local/layer-imports': 'error' },
  },
);

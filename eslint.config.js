// Lint: typescript-eslint's strict, type-aware rules for TypeScript, eslint-plugin-astro for .astro.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import astro from 'eslint-plugin-astro';
import globals from 'globals';

export default tseslint.config(
  {
    ignores: [
      'dist/',
      'dist-cli/',
      '.astro/',
      'node_modules/',
      'test-results/',
      'playwright-report/',
      'tests/.output/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.strict,
  ...astro.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      // With noUncheckedIndexedAccess every typed-array read may be undefined; inside a loop that
      // checked its bounds, `bytes[i]!` says what is known without a run-time cost.
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
);

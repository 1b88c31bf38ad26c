// Lint: TypeScript rules everywhere, plus the layer rules of CONVENTIONS.md §1:
// shared/ imports no runtime layer; main/, renderer/ and platform/ never import each other.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const layer = (patterns, message) => ({
  'no-restricted-imports': ['error', { patterns: patterns.map((group) => ({ group: [group], message })) }],
});

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      '.scratch/**',
      'release/**',
      '.tsbuild/**',
      'node_modules/**',
      'test-results/**',
      'e2e/artifacts/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      eqeqeq: ['error', 'always'],
      'no-console': 'off',
    },
  },
  {
    files: ['**/*.mjs', '**/*.js', '**/*.cjs'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    files: ['shared/**/*.ts'],
    ignores: ['shared/**/*.test.ts'],
    rules: layer(
      [
        '**/main/**',
        '**/renderer/**',
        '**/platform/**',
        'electron',
        'react',
        'react-dom',
        'rxdb',
        'rxdb/*',
        'node:*',
        'fs',
        'path',
      ],
      'shared/ is pure TypeScript: no runtime layer, no Node, no DOM frameworks.',
    ),
  },
  {
    files: ['main/**/*.ts'],
    rules: layer(
      ['**/renderer/**', '**/platform/**', 'react', 'rxdb', 'rxdb/*'],
      'main/ imports only shared/.',
    ),
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    languageOptions: { globals: { ...globals.browser } },
    rules: layer(['**/main/**', '**/platform/**', 'electron', 'node:*'], 'renderer/ imports only shared/.'),
  },
  {
    files: ['platform/**/*.ts'],
    rules: layer(['**/main/**', '**/renderer/**', 'electron', 'react'], 'platform/ imports only shared/.'),
  },
);

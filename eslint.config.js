// Lint: TypeScript rules everywhere, plus the layer rules of CONVENTIONS.md §1:
// shared/ imports no runtime layer; main/, renderer/ and platform/ never import each other.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';

/**
 * The layer rules of one root folder: imports of the root folders `roots` and of `packages` are
 * errors. The root folders are matched by the number of `../` that reach the repository root from
 * each folder depth: a glob like `**\/platform/**` would also forbid shared/platform (the platform's
 * wire types, meant for the workstation) and renderer/platform (the workstation's platform client).
 */
const layer = (folder, { roots, packages, message, extensions = 'ts', ignores }) =>
  [1, 2, 3, 4, 5, 6, 7, 8].map((depth) => ({
    files: [`${folder}/${'*/'.repeat(depth - 1)}*.${extensions}`],
    ...(ignores ? { ignores } : {}),
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...(packages.length > 0 ? [{ group: packages, message }] : []),
            { regex: `^(\\.\\./){${depth}}(${roots.join('|')})(/|$)`, message },
          ],
        },
      ],
    },
  }));

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
  // A promise nobody awaits fails silently: await it, give it a .catch that reports, or mark a
  // deliberate fire-and-forget with `void`. Needs the types, so each file is read with the
  // tsconfig that covers it.
  {
    files: ['{main,renderer,platform,shared,tests,e2e,bench}/**/*.{ts,tsx}'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: { '@typescript-eslint/no-floating-promises': 'error' },
  },
  // The rules of hooks, and effects that name everything they read.
  {
    files: ['renderer/**/*.{ts,tsx}'],
    ...reactHooks.configs.flat.recommended,
    rules: {
      ...reactHooks.configs.flat.recommended.rules,
      'react-hooks/rules-of-hooks': 'error',
      // useLive (renderer/sync/SyncContext.tsx) takes deps like useEffect: checked at its call sites.
      'react-hooks/exhaustive-deps': ['error', { additionalHooks: '^useLive$' }],
    },
  },
  ...layer('shared', {
    ignores: ['shared/**/*.test.ts'],
    roots: ['main', 'renderer', 'platform'],
    packages: ['electron', 'react', 'react-dom', 'rxdb', 'rxdb/*', 'node:*', 'fs', 'path'],
    message: 'shared/ is pure TypeScript: no runtime layer, no Node, no DOM frameworks.',
  }),
  ...layer('main', {
    roots: ['renderer', 'platform'],
    packages: ['react', 'rxdb', 'rxdb/*'],
    message: 'main/ imports only shared/.',
  }),
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    languageOptions: { globals: { ...globals.browser } },
  },
  ...layer('renderer', {
    extensions: '{ts,tsx}',
    roots: ['main', 'platform'],
    packages: ['electron', 'node:*'],
    message: 'renderer/ imports only shared/.',
  }),
  ...layer('platform', {
    roots: ['main', 'renderer'],
    packages: ['electron', 'react'],
    message: 'platform/ imports only shared/.',
  }),
);

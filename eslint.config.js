// Lint: typescript-eslint and eslint-plugin-svelte, Prettier owns the layout, and the layering the
// code follows is a rule here, not a habit:
//   src/shared     imports nothing of main, renderer, node or electron (it runs in every process)
//   src/main/*/    the domain folders import no electron (they run and are tested under plain Node)
//   src/renderer   imports no node, no electron and nothing of main (it talks only to the bridge)
//   src, bench     import nothing from the test tree
import js from '@eslint/js'
import prettier from 'eslint-config-prettier'
import svelte from 'eslint-plugin-svelte'
import globals from 'globals'
import ts from 'typescript-eslint'
import svelteConfig from './svelte.config.js'

const nodeBuiltins = { group: ['node:*'], message: 'This layer runs outside Node: use src/shared or ask main over the bridge.' }
const electron = { name: 'electron', message: 'Only index.ts, window.ts, ipc.ts and the preload talk to Electron.' }
const testTree = { group: ['**/test/**', '**/e2e/**'], message: 'Shipped code imports nothing from the test tree.' }
const restrict = (...patterns) => ({
  'no-restricted-imports': ['error', { paths: patterns.filter((p) => p.name), patterns: patterns.filter((p) => p.group) }],
})

export default ts.config(
  {
    ignores: ['node_modules/', 'out/', 'out-*/', 'dist/', 'test-results/', 'reports/', '.stryker-tmp*/', 'bench/data/', '**/*.tsbuildinfo'],
  },
  js.configs.recommended,
  ...ts.configs.recommended,
  ...svelte.configs['flat/recommended'],
  prettier,
  ...svelte.configs['flat/prettier'],
  {
    languageOptions: { globals: { ...globals.node }, ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      'no-console': 'off',
      // The file scanners and the search index match control characters on purpose.
      'no-control-regex': 'off',
      // A literal in braces is how Svelte keeps a leading space inside an element.
      'svelte/no-useless-mustaches': 'off',
    },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: { parserOptions: { parser: ts.parser, extraFileExtensions: ['.svelte'], svelteConfig } },
  },
  { files: ['src/renderer/**'], languageOptions: { globals: { ...globals.browser } } },
  {
    files: ['src/shared/**'],
    rules: restrict(nodeBuiltins, electron, testTree, {
      group: ['**/main/**', '**/renderer/**', '**/preload/**'],
      message: 'src/shared imports only src/shared.',
    }),
  },
  {
    files: ['src/renderer/**'],
    rules: restrict(nodeBuiltins, electron, testTree, {
      group: ['**/main/**', '**/preload/**'],
      message: 'The renderer talks to main only through the bridge.',
    }),
  },
  {
    files: ['src/main/*/**'],
    rules: restrict(electron, testTree, { group: ['**/renderer/**'], message: 'Main does not import the renderer.' }),
  },
  { files: ['src/main/*.ts', 'src/preload/**', 'bench/**'], rules: restrict(testTree) },
  {
    // Tests may reach into the test tree and use loose types for wire data.
    files: ['**/*.test.ts', 'test/**', 'e2e/**', 'bench/**'],
    rules: { 'no-restricted-imports': 'off', '@typescript-eslint/no-explicit-any': 'off' },
  },
)

import js from '@eslint/js'
import tseslint from 'typescript-eslint'

/** The files that wire the layers together: they alone may import every layer. */
const COMPOSITION_ROOT = ['src/app.ts', 'src/config.ts', 'src/server.ts', 'src/sandbox-mode.ts']

/** A pattern refusing imports of the top-level folders named (a relative path climbing into one of them). */
const below = (who, folders) => ({
  regex: `^(\\.\\./)+(${folders})/`,
  message: `${who} may not import this layer (see the layer rules in eslint.config.js)`,
})

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'openapi/', 'bench/results/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'error',
    },
  },
  {
    files: ['scripts/**', 'bench/**', 'sandbox/cli.ts'],
    rules: { 'no-console': 'off' },
  },
  // Layers that point down. The composition root (building the app, reading config, starting the server and
  // the sandbox) may import anything; the core below it never imports routes, adapters or the emulators.
  {
    files: ['src/**/*.ts'],
    ignores: COMPOSITION_ROOT,
    rules: {
      'no-restricted-imports': ['error', { patterns: [below('the core', 'adapters|routes|sandbox')] }],
    },
  },
  // Adapters and routes never reach the emulators; an adapter never reaches the routes.
  {
    files: ['adapters/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [below('an adapter', 'routes|sandbox')] }] },
  },
  {
    files: ['routes/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [below('a route', 'sandbox')] }] },
  },
  // An emulator agrees with an adapter only by their sources: it shares no code with the gateway.
  {
    files: ['sandbox/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [below('an emulator', 'src|adapters')] }] },
  },
)

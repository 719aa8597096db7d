import js from '@eslint/js'
import tseslint from 'typescript-eslint'

/** A pattern refusing imports of the top-level folders named (a relative path climbing into one of them). */
const below = (who, folders) => ({
  regex: `^(\\.\\./)+(${folders})/`,
  message: `${who} may not import this layer (see the layer rules in eslint.config.js)`,
})

const CORE = below('the core', 'app|adapters|event-sources|routes|sandbox')
/** From a piece of shared state (src/state/<piece>/), its assemblies: `../index.js` (or `..`) and `../redis-state.js`. */
const STATE_ASSEMBLIES = {
  regex: '^\\.\\.(/\\.\\./state)?(/(index|redis-state)(\\.js)?)?/?$',
  message:
    'a piece of shared state may not import its assemblies (src/state/index.ts, src/state/redis-state.ts)',
}

export default tseslint.config(
  {
    ignores: [
      'dist/',
      'node_modules/',
      'openapi/',
      'bench/results/',
      'clients/typescript/dist/',
      'clients/typescript/src/schema.ts', // generated (npm run client)
    ],
  },
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
  // Layers that point down. The composition root, app/ (building the app, reading config, starting the server and
  // the sandbox), may import anything; below it the routes, then the adapters, then the core (src/), which never
  // imports a layer above it nor the emulators.
  {
    files: ['src/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [CORE] }] },
  },
  // Shared state: the two assemblies (src/state/index.ts, in memory; src/state/redis-state.ts, on Redis) import
  // the pieces in its subfolders, never the other way. (A later block replaces the rule's patterns, so the
  // core's comes along.)
  {
    files: ['src/state/*/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [CORE, STATE_ASSEMBLIES] }] },
  },
  // Adapters and routes never reach the composition root or the emulators; an adapter never reaches the routes.
  {
    files: ['adapters/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [below('an adapter', 'app|event-sources|routes|sandbox')] },
      ],
    },
  },
  // The event sources read vendors through the adapters, below the routes (which take their callbacks).
  {
    files: ['event-sources/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [below('an event source', 'app|routes|sandbox')] }],
    },
  },
  {
    files: ['routes/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [below('a route', 'app|sandbox')] }] },
  },
  // An emulator agrees with an adapter only by their sources: it shares no code with the gateway.
  {
    files: ['sandbox/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [below('an emulator', 'src|adapters|event-sources|app|routes')] },
      ],
    },
  },
  // The TypeScript client ships to other apps alone: it knows the gateway by its OpenAPI document only.
  {
    files: ['clients/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [below('the client', 'app|src|routes|adapters|event-sources|sandbox|scripts|test')] },
      ],
    },
  },
)

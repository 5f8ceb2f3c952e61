import js from '@eslint/js'
import tseslint from 'typescript-eslint'

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'data/', 'test/artifacts/', '.wrangler/', 'templates/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: { process: 'readonly', console: 'readonly', Buffer: 'readonly', URL: 'readonly' },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/no-non-null-assertion': 'off',
      'no-empty': ['error', { allowEmptyCatch: true }],
    },
  },
  {
    // Only src/env.ts reads the environment; everything else receives configuration.
    files: ['src/**/*.ts', 'src/**/*.tsx', 'workers/**/*.ts'],
    ignores: ['src/env.ts'],
    rules: {
      'no-restricted-properties': [
        'error',
        { object: 'process', property: 'env', message: 'Read configuration through src/env.ts.' },
      ],
    },
  },
  ...layerRules(),
)

/**
 * The layer map (docs/architecture.md), enforced: a violation fails `npm test`.
 *
 *   entry (main, cli, entry/) → container, wiring/ → routes/, views/, workers/ → core/ → db/repositories
 *                                                  └→ adapters: mail/, feeds/, queue/, http/, files/
 *
 * Only `src/db/` builds queries. `core/` holds the rules and reaches data through repositories;
 * it imports no HTTP, queue, mail, database driver, wiring or views. Routes and views parse,
 * call the core and render; they never touch the database. Workers never load routes or views.
 */
function layerRules() {
  const QUERY_CALLS =
    'CallExpression[callee.property.name=/^(selectFrom|insertInto|updateTable|deleteFrom|replaceInto|mergeInto|selectNoFrom)$/]'
  const noQueries = {
    selector: QUERY_CALLS,
    message: 'Queries live in src/db/repositories; call a repository (through the core).',
  }
  const noSqlTag = {
    selector: "TaggedTemplateExpression[tag.name='sql']",
    message: 'Queries live in src/db/repositories; call a repository (through the core).',
  }
  const noDatabaseHandle = {
    selector:
      "MemberExpression[property.name=/^(db|reader)$/][object.property.name='database'], VariableDeclarator[id.type='ObjectPattern'][init.property.name='database']",
    message: 'Routes, views and workers reach data through the core, never the database handle.',
  }
  const drivers = ['kysely', 'pg', 'better-sqlite3']
  const edges = ['hono', 'hono/*', '@hono/*', 'bullmq', 'ioredis', 'nodemailer', 'pino']
  return [
    {
      files: ['src/**/*.ts', 'src/**/*.tsx', 'workers/**/*.ts'],
      ignores: ['src/db/**'],
      rules: { 'no-restricted-syntax': ['error', noQueries, noSqlTag] },
    },
    {
      files: ['src/core/**/*.ts'],
      ignores: ['src/core/**/*.test.ts'],
      rules: {
        '@typescript-eslint/no-restricted-imports': [
          'error',
          {
            patterns: [
              {
                group: [...drivers, ...edges],
                message: 'The core owns ports; adapters and repositories do the talking.',
              },
              {
                group: [
                  '**/app',
                  '**/app.js',
                  '**/app-*.js',
                  '**/container.js',
                  '**/wiring/**',
                  '**/entry/**',
                  '**/routes/**',
                  '**/views/**',
                  '**/workers/**',
                  '**/demo/**',
                  '**/queue/**',
                  '**/mail/**',
                  '**/feeds/**',
                  '**/http/**',
                  // The file-store adapter in src/files; core/files (the upload rules) is the core's own.
                  '**/files/storage*',
                  '**/content-version.js',
                  '**/db/*.js',
                  '**/db/migrations/**',
                ],
                message:
                  'core/ may import core/, db/repositories/ and clock.ts only (see the layer map in eslint.config.js).',
              },
              {
                group: ['**/db/repositories/**'],
                importNames: ['createRepositories'],
                message: 'The container and wiring build repositories; the core receives them.',
              },
            ],
          },
        ],
      },
    },
    {
      files: [
        'src/routes/**/*.ts',
        'src/routes/**/*.tsx',
        'src/views/**/*.ts',
        'src/views/**/*.tsx',
      ],
      ignores: ['**/*.test.ts'],
      rules: {
        'no-restricted-syntax': ['error', noQueries, noSqlTag, noDatabaseHandle],
        '@typescript-eslint/no-restricted-imports': [
          'error',
          {
            patterns: [
              {
                group: [...drivers, '**/db/**', '**/container.js', '**/workers/**'],
                message: 'Routes and views call the core; they never touch the database.',
              },
            ],
          },
        ],
      },
    },
    {
      files: ['workers/**/*.ts'],
      ignores: ['workers/**/*.test.ts'],
      rules: {
        'no-restricted-syntax': ['error', noQueries, noSqlTag, noDatabaseHandle],
        '@typescript-eslint/no-restricted-imports': [
          'error',
          {
            patterns: [
              {
                group: [...drivers, '**/routes/**', '**/views/**', '**/app*.js', '**/db/**'],
                message: 'Workers call the core through the wiring; they load no routes or views.',
              },
            ],
          },
        ],
      },
    },
  ]
}

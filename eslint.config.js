import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'data/', 'coverage/', 'test-artifacts/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    // main.ts is the composition root: it alone wires the API to everything else.
    files: ['src/**/*.ts'],
    ignores: ['src/api/**', 'src/main.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/api/**', '../api/*'], message: 'No module imports api/.' }] }],
    },
  },
  {
    // The access model has one door: resolvers reach plans and actions through ctx.records (api/access-policy.ts), never the read models.
    files: ['src/api/schema/**/*.ts', 'src/api/reports/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['**/projections/plans.js'], importNames: ['plansProjection'], message: 'Reach plans through ctx.records, which applies the access policy.' },
          { group: ['**/projections/actions.js'], importNames: ['actionsProjection'], message: 'Reach actions through ctx.records, which applies the access policy.' },
          { group: ['**/projections/asb-cases.js'], importNames: ['asbCasesProjection'], message: 'Reach ASB cases through ctx.records, which applies the access policy.' },
        ],
      }],
    },
  },
  {
    // The pages run in the browser as they were built: a module may import only its neighbours (nothing else is served
    // beside it), and markup is built from text nodes, never parsed from strings, so no record's text can become HTML.
    files: ['src/web/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ regex: '^(?!\\./[\\w-]+\\.js$)', message: 'A page imports only the modules beside it (./name.js): nothing else is served to the browser.' }] }],
      'no-restricted-properties': ['error',
        { property: 'innerHTML', message: 'Build elements with markup.ts: text never becomes HTML.' },
        { property: 'outerHTML', message: 'Build elements with markup.ts: text never becomes HTML.' },
        { property: 'insertAdjacentHTML', message: 'Build elements with markup.ts: text never becomes HTML.' },
        { object: 'document', property: 'write', message: 'Build elements with markup.ts: text never becomes HTML.' },
      ],
    },
  },
  {
    // The domain is pure: no I/O, no clock, no framework. The arrows point one way.
    files: ['src/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['node:*', 'fs', 'path', 'crypto', 'express', 'graphql*', '@pothos/*', 'better-sqlite3', '@eventstore/*', 'pino'], message: 'The domain is pure: no I/O or framework imports.' },
          { group: ['**/eventstore/**', '**/app/**', '**/projections/**', '**/api/**'], message: 'domain/ imports nothing of ours outside domain/.' },
        ],
      }],
      'no-restricted-globals': ['error', { name: 'Date', message: 'No clock in the domain: take `now` from the context.' }],
      'no-restricted-properties': ['error', { object: 'Math', property: 'random', message: 'No randomness in the domain.' }],
    },
  },
);

import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

export default defineConfig({
  resolve: {
    alias: [
      // Node resolves `graphql` (no "exports" field) to its CommonJS build, and so do yoga, Pothos and
      // graphql-armor. Vite would give our own sources the ESM build (`module` field): two GraphQLError
      // classes, and `instanceof GraphQLError` in src/api would fail under test but not in production.
      { find: /^graphql$/, replacement: require.resolve('graphql') },
    ],
  },
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
  },
});

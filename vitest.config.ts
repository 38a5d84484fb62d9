import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Generous: many tests boot real CLI processes; a loaded 2-core machine makes each take seconds.
    testTimeout: 180_000,
    hookTimeout: 120_000,
    // Integration tests share one Redis and one PostgreSQL server; each file isolates itself
    // (own database, own queue prefix), but two cores do not gain from more parallel files.
    fileParallelism: true,
    maxWorkers: 2,
  },
});

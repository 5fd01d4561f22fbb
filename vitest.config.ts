import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 20_000,
    hookTimeout: 30_000,
    pool: 'forks',
    // Vitest's default leaves one CPU to itself (one worker on a 2-CPU machine), but most of this suite waits on the
    // processes, servers and sockets it starts: a worker per CPU (at least two) took the suite from 420 to 256 s
    // on the 2-CPU CI machine. Every test that shares something makes its own (a port, a folder, a schema).
    maxWorkers: Math.max(2, availableParallelism()),
  },
});

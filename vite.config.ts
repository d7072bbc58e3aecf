import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  plugins: [sveltekit()],
  // The DuckDB native module must stay a runtime require, never bundled.
  ssr: { external: ['@duckdb/node-api', '@duckdb/node-bindings', 'exceljs', 'iconv-lite', 'pdfkit'] },
  optimizeDeps: { exclude: ['@duckdb/node-api', '@duckdb/node-bindings'] },
  test: {
    include: ['test/**/*.test.ts', 'src/**/*.test.ts'],
    pool: 'forks',
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});

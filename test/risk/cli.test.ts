// `duesight scores`, `alerts` and `backtest` from the command line: JSON alone on stdout, in the shapes of spec/interfaces.md.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { projectRoot } from '../../src/lib/server/paths.ts';

const dir = mkdtempSync(join(tmpdir(), 'duesight-risk-cli-'));
const dbPath = join(dir, 'book.duckdb');

function duesight(...args: string[]) {
  const run = spawnSync(process.execPath, ['bin/duesight.js', ...args, '--db', dbPath], { cwd: projectRoot, encoding: 'utf8', timeout: 120_000 });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe('risk commands', () => {
  beforeAll(() => {
    expect(duesight('demo', '--customers', '60', '--invoices', '3000').status).toBe(0);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('scores --json: one object per customer with the documented keys, riskiest first', () => {
    const run = duesight('scores', '--as-of', '2026-06-30', '--json');
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const scores = JSON.parse(run.stdout);
    expect(scores.length).toBeGreaterThan(30);
    for (const s of scores) {
      expect(Object.keys(s)).toEqual(['customer_id', 'name', 'score', 'payment_index', 'tier', 'thin_history', 'reasons', 'ar', 'overdue']);
      expect(s.thin_history ? s.score === null && s.tier === 'unrated' : s.score >= 0 && s.score <= 100).toBe(true);
      if (!s.thin_history) expect(s.reasons.length).toBeGreaterThanOrEqual(3);
      for (const r of s.reasons) expect(Object.keys(r)).toEqual(['code', 'text']);
    }
    const scored = scores.filter((s: { score: number | null }) => s.score !== null).map((s: { score: number }) => s.score);
    expect(scored).toEqual([...scored].sort((a, b) => a - b));
  });

  test('alerts --json: {customer_id, name, rule, severity, since, message, values}', () => {
    const run = duesight('alerts', '--as-of', '2026-06-30', '--json');
    expect(run.status).toBe(0);
    const alerts = JSON.parse(run.stdout);
    expect(alerts.length).toBeGreaterThan(0);
    for (const a of alerts) {
      expect(Object.keys(a)).toEqual(['customer_id', 'name', 'rule', 'severity', 'since', 'message', 'values']);
      expect(['low', 'medium', 'high']).toContain(a.severity);
      expect(a.since <= '2026-06-30').toBe(true);
    }
  });

  test('backtest --json: AUC, Gini, bad rates by tier and decile, and the warnings', () => {
    const run = duesight('backtest', '--as-of', '2026-03-31', '--horizon', '90', '--json');
    expect(run.status).toBe(0);
    const r = JSON.parse(run.stdout);
    expect(r).toMatchObject({ as_of: '2026-03-31', horizon_days: 90, outcome_complete: true });
    expect(r.gini).toBeCloseTo(2 * r.auc - 1, 12);
    expect(r.by_tier.map((t: { group: string }) => t.group)).toEqual(['vip', 'standard', 'watch', 'high_risk', 'unrated']);
    expect(r.by_decile).toHaveLength(10);
    expect(r.warnings.rows.map((w: { group: string }) => w.group)).toEqual(['warned', 'not warned']);
  });

  test('a bad date is one clear sentence and a non-zero exit', () => {
    const run = duesight('scores', '--as-of', '2026-02-30');
    expect(run.status).not.toBe(0);
    expect(run.stderr).toMatch(/as-of date "2026-02-30" is not a date/);
  });
});

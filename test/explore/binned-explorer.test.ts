// The page's state over server-side bins: a moving brush asks the server once it rests (debounced),
// one question is on its way at a time and the next asks for the newest selection, and leaving the
// page aborts the question on its way.
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import type { ExploreBins } from '../../src/lib/explore/binned.ts';
import { BinnedExplorer, BRUSH_DEBOUNCE_MS } from '../../src/lib/explore/binned-explorer.svelte.ts';
import { emptySelection } from '../../src/lib/explore/selection.ts';

/** An answer whose summary counts `count` invoices (the rest as small as a layout allows). */
function answer(count: number): ExploreBins {
  return {
    invoices: 100,
    y: 'days_to_pay',
    edges: { x: [1, 10], y: [0, 10], dbt: [0, 10, 20] },
    months: ['2024-01'],
    views: { dbt: [{ bin: '0', count, amount: count, total_count: 100, total_amount: 100 }] },
    summary: { count, amount: count, settled: count, dbt: 0, daysToPay: 0, onTimeRate: 1 },
  };
}

interface Asked {
  url: string;
  signal: AbortSignal;
  reply: (body: ExploreBins) => void;
}

describe('the explorer over server-side bins', () => {
  let asked: Asked[];
  beforeEach(() => {
    vi.useFakeTimers();
    asked = [];
    vi.stubGlobal('fetch', (url: string, init: { signal: AbortSignal }) =>
      new Promise<Response>((resolve, reject) => {
        init.signal.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
        asked.push({ url, signal: init.signal, reply: (body) => resolve(new Response(JSON.stringify(body))) });
      }),
    );
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  const flush = () => vi.advanceTimersByTimeAsync(0);

  test('moves are debounced; one question at a time, the next asking for the newest selection', async () => {
    const ex = new BinnedExplorer(new URLSearchParams('as_of=2024-04-20'), emptySelection(), answer(100));
    expect(ex.summary.count).toBe(100);

    // Three moves within the debounce: nothing is asked until the brush rests, then only the last.
    ex.brushDbt([0, 10], false);
    ex.brushDbt([0, 20], false);
    await vi.advanceTimersByTimeAsync(BRUSH_DEBOUNCE_MS - 1);
    ex.brushDbt([10, 20], false);
    await vi.advanceTimersByTimeAsync(BRUSH_DEBOUNCE_MS - 1);
    expect(asked).toHaveLength(0);
    expect(ex.pending).toBe(true);
    await vi.advanceTimersByTimeAsync(1);
    expect(asked.map((a) => a.url)).toEqual(['/explore/bins?as_of=2024-04-20&dbt=10..20']);

    // Two more changes while it is on its way (the brush's end, then a bar): neither is sent yet.
    ex.brushDbt([0, 20], true);
    ex.toggle('segment', 'SMB');
    await flush();
    expect(asked).toHaveLength(1);
    expect(asked[0].signal.aborted).toBe(false);

    // Its answer is drawn (still pending), then the newest selection is asked, the one in between never.
    asked[0].reply(answer(7));
    await flush();
    expect(ex.summary.count).toBe(7);
    expect(ex.pending).toBe(true);
    expect(asked.map((a) => a.url)).toEqual(['/explore/bins?as_of=2024-04-20&dbt=10..20', '/explore/bins?as_of=2024-04-20&dbt=0..20&pick_segment=SMB']);
    asked[1].reply(answer(42));
    await flush();
    expect([ex.summary.count, ex.pending]).toEqual([42, false]);
    expect(Array.from(ex.aggregatesOf('dbt').count)).toEqual([42, 0]);

    // A brush's end where its last move was answered asks nothing more.
    ex.toggle('segment', 'SMB');
    ex.toggle('segment', 'SMB');
    await flush();
    expect(asked).toHaveLength(2);
    expect(ex.pending).toBe(false);
  });

  test('leaving the page aborts the question on its way, and its answer is not drawn', async () => {
    const ex = new BinnedExplorer(new URLSearchParams(), emptySelection(), answer(100));
    ex.brushDbt([0, 10], true);
    await flush();
    ex.dispose();
    expect(asked[0].signal.aborted).toBe(true);
    asked[0].reply(answer(5));
    await flush();
    expect(ex.summary.count).toBe(100);
    expect(ex.problem).toBeNull();
  });

  test('a refusal is shown until the next answer', async () => {
    const ex = new BinnedExplorer(new URLSearchParams(), emptySelection(), answer(100));
    vi.stubGlobal('fetch', async () => new Response(JSON.stringify({ message: 'Unknown parameter "x".' }), { status: 400 }));
    ex.toggle('segment', 'SMB');
    await flush();
    await flush();
    expect(ex.problem).toBe('Unknown parameter "x".');
    expect(ex.pending).toBe(false);
  });
});

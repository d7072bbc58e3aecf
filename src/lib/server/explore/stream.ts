/** The explorer's invoices as an Arrow IPC stream, built batch by batch from DuckDB's result chunks. */
import { RecordBatchStreamWriter } from 'apache-arrow';
import type { ExploreColumn } from '../../explore/columns.ts';
import { TIERS } from '../../risk/types.ts';
import { assertRatesFound } from '../book-params.ts';
import type { Database } from '../db.ts';
import { DuesightError } from '../errors.ts';
import { execute, query, sqlText } from '../sql.ts';
import { ArrowBatcher } from './arrow-columns.ts';
import { prepareExplore, scopeParams } from './book.ts';
import { exploreRowLimit } from './row-limit.ts';
import type { ExploreScope } from './scope.ts';

/** The dictionaries of a scope and how many invoices it holds. */
export interface ExploreDictionaries {
  invoices: number;
  customers: string[];
  segments: string[];
  regions: string[];
  methods: string[];
  currencies: string[];
  tiers: string[];
  missing_rate: string | null;
}

/** A view too large to send as columns (the page asks for binned aggregates instead). */
export class TooManyInvoices extends DuesightError {
  constructor(
    readonly invoices: number,
    readonly limit: number,
  ) {
    super(`This view holds ${invoices} invoices, more than the ${limit} sent as columns: ask /explore/bins for binned aggregates, or narrow the view.`);
    this.name = 'TooManyInvoices';
  }
}

/** An Arrow stream on its way, and what it holds. */
export interface ExploreStream {
  invoices: number;
  body: ReadableStream<Uint8Array>;
}

/**
 * Opens the Arrow IPC stream of `columns` for `scope`. Resolves once the dictionaries are known
 * (a missing FX rate fails here as a DuesightError, a view of more than `maxInvoices` as
 * TooManyInvoices); the batches then follow as DuckDB yields chunks, on a connection held until
 * the stream ends.
 */
export function openExploreStream(db: Database, scope: ExploreScope, columns: readonly ExploreColumn[], maxInvoices = exploreRowLimit()): Promise<ExploreStream> {
  return new Promise<ExploreStream>((resolve, reject) => {
    let started = false;
    db.read(async (conn) => {
      await prepareExplore(conn);
      await execute(conn, 'explore_fill', await scopeParams(db, scope));
      await execute(conn, 'explore_codes', { tier_order: [...TIERS] });
      const [dicts] = await query<ExploreDictionaries>(conn, 'explore_dictionaries');
      assertRatesFound(dicts.missing_rate);
      if (dicts.invoices > maxInvoices) throw new TooManyInvoices(dicts.invoices, maxInvoices);
      const result = await conn.stream(sqlText('explore_columns_read'));
      const batcher = new ArrowBatcher(columns, result.columnNames(), {
        customer: dicts.customers,
        segment: dicts.segments,
        region: dicts.regions,
        method: dicts.methods,
        currency: dicts.currencies,
        tier: dicts.tiers,
      });
      const writer = new RecordBatchStreamWriter();
      writer.reset(undefined, batcher.schema);
      started = true;
      resolve({ invoices: dicts.invoices, body: writer.toDOMStream() });
      try {
        for (let chunk = await result.fetchChunk(); chunk && chunk.rowCount > 0; chunk = await result.fetchChunk()) {
          for (const batch of batcher.push(chunk)) writer.write(batch);
        }
        const last = batcher.flush();
        if (last) writer.write(last);
        writer.finish();
      } catch (err) {
        writer.abort(err);
      }
    }).catch((err) => {
      if (!started) reject(err);
    });
  });
}

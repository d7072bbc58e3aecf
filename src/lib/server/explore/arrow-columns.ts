/** Turns DuckDB result chunks into Arrow record batches, column by column, without going through row objects. */
import type { DuckDBDataChunk, DuckDBVector } from '@duckdb/node-api';
import {
  DateDay,
  Dictionary,
  Field,
  Float64,
  Int16,
  Int32,
  makeData,
  RecordBatch,
  Schema,
  Struct,
  Utf8,
  vectorFromArray,
  type Data,
  type DataType,
  type Vector,
} from 'apache-arrow';
import { EXPLORE_COLUMN_TYPES, type ExploreColumn } from '../../explore/columns.ts';

type Kind = 'utf8' | 'float64' | 'int32' | 'date' | 'dict32' | 'dict16';

const KINDS: Record<ExploreColumn, Kind> = {
  invoice_id: 'utf8',
  customer: 'dict32',
  amount: 'float64',
  days_to_pay: 'int32',
  days_beyond_terms: 'int32',
  invoice_month: 'date',
  invoice_date: 'date',
  due_date: 'date',
  settle_date: 'date',
  terms: 'int32',
  segment: 'dict16',
  region: 'dict16',
  method: 'dict16',
  currency: 'dict16',
  tier: 'dict16',
};

/** One column being filled for the current batch. */
interface ColumnBuffer {
  name: ExploreColumn;
  kind: Kind;
  type: DataType;
  /** Position of the column in the DuckDB result. */
  source: number;
  values: Int32Array | Int16Array | Float64Array | (string | null)[];
  validity: Uint8Array;
  nulls: number;
  dictionary?: Vector;
}

function typeOf(kind: Kind, id: number): DataType {
  switch (kind) {
    case 'utf8':
      return new Utf8();
    case 'float64':
      return new Float64();
    case 'int32':
      return new Int32();
    case 'date':
      return new DateDay();
    case 'dict32':
      return new Dictionary(new Utf8(), new Int32(), id);
    case 'dict16':
      return new Dictionary(new Utf8(), new Int16(), id);
  }
}

/** Collects rows of DuckDB chunks into Arrow record batches of the chosen columns. */
export class ArrowBatcher {
  readonly schema: Schema;
  private readonly columns: ColumnBuffer[];
  private filled = 0;

  /**
   * @param names the columns to send, in order
   * @param resultNames the DuckDB result's column names (to find each one)
   * @param dictionaries the strings of each dictionary column, in code order
   * @param batchRows rows per record batch
   */
  constructor(
    names: readonly ExploreColumn[],
    resultNames: readonly string[],
    dictionaries: Partial<Record<ExploreColumn, readonly string[]>>,
    private readonly batchRows = 65_536,
  ) {
    this.columns = names.map((name, i) => {
      const kind = KINDS[name];
      const source = resultNames.indexOf(name);
      if (source < 0) throw new Error(`The explorer query has no column ${name}.`);
      const column: ColumnBuffer = { name, kind, type: typeOf(kind, i), source, values: [], validity: new Uint8Array(0), nulls: 0 };
      if (kind === 'dict16' || kind === 'dict32') column.dictionary = vectorFromArray([...(dictionaries[name] ?? [])], new Utf8());
      this.reset(column);
      return column;
    });
    this.schema = new Schema(
      this.columns.map((c) => new Field(c.name, c.type, true)),
      new Map([['duesight.columns', JSON.stringify(Object.fromEntries(names.map((n) => [n, EXPLORE_COLUMN_TYPES[n]])))]]),
    );
  }

  private reset(c: ColumnBuffer): void {
    const n = this.batchRows;
    c.values = c.kind === 'utf8' ? [] : c.kind === 'float64' ? new Float64Array(n) : c.kind === 'dict16' ? new Int16Array(n) : new Int32Array(n);
    c.validity = new Uint8Array(Math.ceil(n / 8));
    c.nulls = 0;
  }

  /** Copies one column of a chunk's rows [from, to) into the buffers at `at`. */
  private copy(c: ColumnBuffer, vector: DuckDBVector, from: number, to: number, at: number): void {
    const { validity } = c;
    for (let i = from, j = at; i < to; i++, j++) {
      const item = vector.getItem(i);
      if (item === null) {
        c.nulls++;
        if (c.kind === 'utf8') (c.values as (string | null)[])[j] = null;
        continue;
      }
      validity[j >> 3] |= 1 << (j & 7);
      if (c.kind === 'utf8') (c.values as (string | null)[])[j] = item as string;
      else if (c.kind === 'date') (c.values as Int32Array)[j] = (item as { days: number }).days;
      else (c.values as Int32Array | Int16Array | Float64Array)[j] = item as number;
    }
  }

  /** Adds a chunk's rows; returns the batches that filled up. */
  push(chunk: DuckDBDataChunk): RecordBatch[] {
    const out: RecordBatch[] = [];
    const rows = chunk.rowCount;
    const vectors = this.columns.map((c) => chunk.getColumnVector(c.source));
    let from = 0;
    while (from < rows) {
      const take = Math.min(rows - from, this.batchRows - this.filled);
      this.columns.forEach((c, k) => this.copy(c, vectors[k], from, from + take, this.filled));
      this.filled += take;
      from += take;
      if (this.filled === this.batchRows) out.push(this.flush()!);
    }
    return out;
  }

  /** The rows collected since the last batch, as a batch (null when there are none). */
  flush(): RecordBatch | null {
    const length = this.filled;
    if (length === 0) return null;
    const children: Data[] = this.columns.map((c) => {
      const nullBitmap = c.nulls > 0 ? c.validity.slice(0, Math.ceil(length / 8)) : undefined;
      if (c.kind === 'utf8') {
        const strings = (c.values as (string | null)[]).slice(0, length);
        return vectorFromArray(strings, new Utf8()).data[0];
      }
      const data = (c.values as Int32Array | Int16Array | Float64Array).slice(0, length);
      const props = { type: c.type, length, nullCount: c.nulls, nullBitmap, data };
      // makeData is overloaded per type; the column's kind fixes which one applies.
      return c.dictionary ? makeData({ ...props, dictionary: c.dictionary } as never) : makeData(props as never);
    });
    for (const c of this.columns) this.reset(c);
    this.filled = 0;
    const struct = makeData({ type: new Struct(this.schema.fields), length, nullCount: 0, children });
    return new RecordBatch(this.schema, struct);
  }
}

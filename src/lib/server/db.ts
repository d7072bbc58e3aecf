/** The one DuckDB database of a process: a connection per unit of work, writes serialised. */
import { AsyncLocalStorage } from 'node:async_hooks';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { query, queryText, sqlText } from './sql.ts';
import { DuesightError } from './errors.ts';
import { AnswerCache } from './answer-cache.ts';

/**
 * The version of queries/schema.sql. Raise it with every change to a table, so that a database
 * made by an older Duesight is refused with a clear sentence rather than failing mid-query.
 */
export const SCHEMA_VERSION = 3;

/** Refuses a database whose tables come from another schema version. */
async function checkSchemaVersion(conn: DuckDBConnection, path: string): Promise<void> {
  const [state] = await query<{ has_tables: number; has_settings: number }>(conn, 'schema_version');
  if (!state.has_tables) return;
  const found = state.has_settings
    ? (await queryText<{ value: string }>(conn, `SELECT value FROM settings WHERE key = 'schema_version'`))[0]?.value
    : undefined;
  if (found !== String(SCHEMA_VERSION)) {
    throw new DuesightError(
      `The database ${path} was made by ${found ? `schema version ${found}` : 'an older Duesight'}, and this Duesight uses schema version ${SCHEMA_VERSION}: ` +
        'keep it aside, then build a new one (duesight demo, or import your files again into a new --db).',
    );
  }
}

export interface OpenOptions {
  /** Open without the right to write (exports, dashboards on a shared file). */
  readOnly?: boolean;
  /** Keep answers between writes (Database.remember); off for benchmarks, which time the work itself. */
  rememberAnswers?: boolean;
  /** DuckDB memory_limit, e.g. '2GB'. */
  memoryLimit?: string;
  threads?: number;
  /**
   * When given, DuckDB may read and write files only inside these folders (and its own database
   * and temp files): external access is switched off for good, so no query can read, write or
   * attach any other path, install extensions or change the temp folder. The web app opens its
   * database this way.
   */
  allowedDirectories?: readonly string[];
}

/** Switches DuckDB's external access off except for `folders` (one way: it cannot be switched back on). */
async function restrictFileAccess(conn: DuckDBConnection, folders: readonly string[]): Promise<void> {
  // SET takes no bound parameters; these are the server's own folders, quoted as SQL strings.
  const list = folders.map((f) => `'${(f.endsWith('/') ? f : `${f}/`).replaceAll("'", "''")}'`).join(', ');
  await conn.run(`SET allowed_directories = [${list}]`);
  await conn.run('SET enable_external_access = false');
}

/** How a write touches the data. */
export interface WriteOptions {
  /**
   * Whether it may change the book (customers, invoices, events, rates, settings that figures
   * depend on): then the remembered answers are forgotten and the after-write listeners run.
   * False for logins, sessions and audit entries. Default true.
   */
  book?: boolean;
}

/** A Duesight database file (or ':memory:'), with its schema applied. */
export class Database {
  private writes: Promise<unknown> = Promise.resolve();
  private readonly writeListeners: (() => unknown)[] = [];
  /** What the listeners of the latest write are doing. */
  private listenersWork: Promise<unknown> = Promise.resolve();
  /** Set while `refreshing` runs: the answers remembered inside are published. */
  private readonly refreshScope = new AsyncLocalStorage<boolean>();
  /** Writes that may change the book, queued or running. */
  private readonly bookWrites = new Set<Promise<unknown>>();

  private constructor(
    readonly path: string,
    private readonly instance: DuckDBInstance,
    private readonly answers: AnswerCache,
  ) {}

  /** Opens (creating if needed) the database at `path` and makes sure the schema exists. */
  static async open(path: string, options: OpenOptions = {}): Promise<Database> {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    const config: Record<string, string> = {};
    if (options.readOnly) config.access_mode = 'READ_ONLY';
    if (options.memoryLimit) config.memory_limit = options.memoryLimit;
    if (options.threads) config.threads = String(options.threads);
    let instance: DuckDBInstance;
    try {
      instance = await DuckDBInstance.create(path, config);
    } catch (err) {
      const message = String((err as Error).message ?? err);
      if (/lock/i.test(message)) {
        throw new DuesightError(
          `The database ${path} is in use by another Duesight process (${message.split('\n')[0]}); stop it or use another --db.`,
        );
      }
      throw new DuesightError(`Cannot open the database ${path}: ${message}`);
    }
    const db = new Database(path, instance, new AnswerCache(options.rememberAnswers === false ? 0 : undefined));
    const conn = await instance.connect();
    try {
      await checkSchemaVersion(conn, path);
      if (!options.readOnly) {
        await conn.run(sqlText('schema'));
        await conn.run(sqlText('macros'));
        await queryText(conn, `INSERT OR REPLACE INTO settings VALUES ('schema_version', $v)`, { v: String(SCHEMA_VERSION) });
      }
      if (options.allowedDirectories) await restrictFileAccess(conn, options.allowedDirectories);
    } catch (err) {
      conn.closeSync();
      instance.closeSync();
      throw err;
    }
    conn.closeSync();
    return db;
  }

  /** Runs `fn` on a fresh connection, closed afterwards. For reads; DuckDB gives it a consistent snapshot per statement. */
  async read<T>(fn: (conn: DuckDBConnection) => Promise<T>): Promise<T> {
    const conn = await this.instance.connect();
    try {
      return await fn(conn);
    } finally {
      conn.closeSync();
    }
  }

  /**
   * The answer to a read that depends only on the data (`name` and `params` say which), computed
   * by `compute` once and shared until the next write. Answers are frozen: copy before changing.
   */
  remember<T>(name: string, params: unknown, compute: () => Promise<T>): Promise<T> {
    return this.answers.get(name, params, compute, this.refreshScope.getStore() === true);
  }

  /**
   * Moves on whenever the figures a page shows may have changed: after every write that changes
   * the book, and when a refresh publishes new answers. What is made only from the data and
   * remembered answers may be kept while it stays the same.
   */
  get figuresVersion(): number {
    return this.answers.figuresVersion;
  }

  /** Whether `remember(name, params, …)` would answer now without computing. */
  remembers(name: string, params: unknown): boolean {
    return this.answers.has(name, params, this.refreshScope.getStore() === true);
  }

  /**
   * Runs `fn` so that the answers it remembers are published: kept across writes, and computed
   * again by the next `refreshing` run while visitors go on being served the ones from before the
   * write. When `fn` ends, what it computed replaces them all at once; if no write landed
   * meanwhile, published answers it did not ask for again are forgotten.
   */
  async refreshing<T>(fn: () => Promise<T>): Promise<T> {
    const version = this.answers.dataVersion;
    try {
      return await this.refreshScope.run(true, fn);
    } finally {
      this.answers.publish(this.answers.dataVersion === version);
    }
  }

  /**
   * Calls `listener` after every write's commit that changes the book (the web app refreshes its
   * default views); what it returns is awaited by `afterWritesSettled`.
   */
  afterEachWrite(listener: () => unknown): void {
    this.writeListeners.push(listener);
  }

  /** Resolves when what the listeners started after the latest write has finished (never rejects). */
  async afterWritesSettled(): Promise<void> {
    await this.listenersWork;
  }

  /**
   * Runs `fn` in one transaction, after every earlier write of this process has finished.
   * Either all of it lands or none of it does; once it has, remembered answers are forgotten
   * (published ones are kept until refreshed).
   */
  write<T>(fn: (conn: DuckDBConnection) => Promise<T>, options: WriteOptions = {}): Promise<T> {
    const changesBook = options.book ?? true;
    const run = async () =>
      this.read(async (conn) => {
        await conn.run('BEGIN TRANSACTION');
        try {
          const result = await fn(conn);
          try {
            await conn.run('COMMIT');
          } finally {
            // Even a failed COMMIT may have changed what readers see: never keep an answer across it.
            if (changesBook) {
              this.answers.advance();
              this.listenersWork = Promise.allSettled(this.writeListeners.map(async (listener) => listener()));
            }
          }
          return result;
        } catch (err) {
          await conn.run('ROLLBACK').catch(() => undefined);
          throw err;
        }
      });
    const next = this.writes.then(run, run);
    this.writes = next.catch(() => undefined);
    if (changesBook) {
      this.bookWrites.add(next);
      const done = () => void this.bookWrites.delete(next);
      next.then(done, done);
    }
    return next;
  }

  /**
   * Resolves once no write that may change the book is queued or running (never rejects): work
   * whose answers such a write would make stale can wait for it rather than compete with it.
   */
  async bookWritesSettled(): Promise<void> {
    while (this.bookWrites.size > 0) await Promise.allSettled([...this.bookWrites]);
  }

  /** Writes the WAL into the file and releases it. */
  async close(): Promise<void> {
    await this.writes;
    await this.read((conn) => conn.run('CHECKPOINT')).catch(() => undefined);
    this.instance.closeSync();
  }
}

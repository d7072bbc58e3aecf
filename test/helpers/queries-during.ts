/** Counting the queries a piece of work runs, to tell a remembered answer from a computed one. */
import type { Database } from '../../src/lib/server/db.ts';

/** How many queries `db` runs while `fn` runs (each goes through db.read). */
export async function queriesDuring(db: Database, fn: () => Promise<unknown>): Promise<number> {
  const read = db.read.bind(db);
  let reads = 0;
  db.read = ((f: Parameters<Database['read']>[0]) => {
    reads++;
    return read(f);
  }) as Database['read'];
  try {
    await fn();
  } finally {
    db.read = read;
  }
  return reads;
}

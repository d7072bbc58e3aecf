/** The token of the data's state the explorer's kept answers (Arrow payloads, binned books) are valid for. */
import type { Database } from '../db.ts';

/** The token of the data's current state: a new object after every write (which clears remembered answers). */
export function dataGeneration(db: Database): Promise<object> {
  return db.remember('exploreGeneration', null, async () => ({}));
}

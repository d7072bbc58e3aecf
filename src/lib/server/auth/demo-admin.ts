/** The first login of a fresh install (`npm start`): an administrator with a random password, shown once. */
import { randomBytes } from 'node:crypto';
import { cliAuditActor } from '../audit.ts';
import type { Database } from '../db.ts';
import { addUser, userCount } from './users.ts';

/** The demo administrator's name. */
export const DEMO_ADMIN = 'admin';

/** Creates `admin` with a random password when the database has no login at all; returns the password then, else null. */
export async function ensureDemoAdmin(db: Database): Promise<{ name: string; password: string } | null> {
  if ((await userCount(db)) > 0) return null;
  const password = randomBytes(12).toString('base64url');
  await addUser(db, { name: DEMO_ADMIN, role: 'admin', password }, cliAuditActor());
  return { name: DEMO_ADMIN, password };
}

/** The audit log for auditors: its entries, newest first, a page at a time, and whether the hash chain is intact. */
import { error } from '@sveltejs/kit';
import { appDb } from '$lib/server/app-db';
import { recentAuditEntries, verifyAuditChain } from '$lib/server/audit';
import { requirePermission } from '$lib/server/auth/guard';
import type { PageServerLoad } from './$types';

/** Entries on one page. */
const PAGE_SIZE = 50;

export const load: PageServerLoad = async ({ locals, url }) => {
  requirePermission(locals, 'audit');
  const raw = url.searchParams.get('before');
  if (raw !== null && !/^\d{1,15}$/.test(raw)) error(400, `"before" must be an entry number (got "${raw.slice(0, 40)}").`);
  const before = raw === null ? Number.MAX_SAFE_INTEGER : Number(raw);
  const db = await appDb();
  const [entries, chain] = await Promise.all([db.read((conn) => recentAuditEntries(conn, PAGE_SIZE + 1, before)), verifyAuditChain(db)]);
  const shown = entries.slice(0, PAGE_SIZE);
  return {
    audit: {
      chain,
      entries: shown,
      newer: raw === null ? null : before + PAGE_SIZE,
      older: entries.length > PAGE_SIZE ? shown[shown.length - 1].seq - 1 : null,
    },
  };
};

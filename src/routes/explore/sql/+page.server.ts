/** The read-only SQL console: the data tables' columns, and a form action that runs one SELECT (checked, capped, timed, audited). */
import { fail } from '@sveltejs/kit';
import { appDb } from '$lib/server/app-db';
import { requirePermission } from '$lib/server/auth/guard';
import { DuesightError } from '$lib/server/errors';
import { auditConsoleQuery } from '$lib/server/explore/sql-audit';
import { CONSOLE_ROW_CAP, CONSOLE_TIME_LIMIT_MS, consoleSchema, runConsoleQuery } from '$lib/server/explore/sql-console';
import { CONSOLE_MAX_SQL_LENGTH } from '$lib/server/explore/sql-guard';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
  requirePermission(locals, 'sql');
  const db = await appDb();
  return {
    schema: await consoleSchema(db),
    limits: { rows: CONSOLE_ROW_CAP, seconds: CONSOLE_TIME_LIMIT_MS / 1000, length: CONSOLE_MAX_SQL_LENGTH },
  };
};

export const actions: Actions = {
  /** Runs the statement; a refusal or a failure comes back as the form's message, the text kept. */
  run: async ({ locals, request }) => {
    const user = requirePermission(locals, 'sql');
    const sql = String((await request.formData()).get('sql') ?? '');
    const db = await appDb();
    try {
      const result = await runConsoleQuery(db, sql);
      await auditConsoleQuery(db, user, sql, { rows: result.rows.length, truncated: result.truncated, ms: result.ms });
      return { sql, result };
    } catch (err) {
      await auditConsoleQuery(db, user, sql, { error: err });
      if (err instanceof DuesightError) return fail(400, { sql, message: err.message });
      throw err;
    }
  },
};

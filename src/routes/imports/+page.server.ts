/** The imports page: the upload form (for those who may import) and the import history (for everyone who may view). */
import { fail, redirect } from '@sveltejs/kit';
import { can } from '$lib/auth-roles';
import { appDb } from '$lib/server/app-db';
import { requirePermission } from '$lib/server/auth/guard';
import { DuesightError } from '$lib/server/errors';
import { importHistory } from '$lib/server/import/history';
import { uploadLimitBytes } from '$lib/server/import/uploads';
import { declaredTooLarge, readUploadForm, uploadAndStart, type UploadProblem } from '$lib/server/import/web';
import { IMPORT_KINDS } from '$lib/types';
import type { Actions, PageServerLoad } from './$types';

const limitMb = () => Math.round(uploadLimitBytes() / 1024 / 1024);

export const load: PageServerLoad = async ({ locals, url }) => {
  const user = requirePermission(locals, 'view');
  const db = await appDb();
  const history = await importHistory(db, Number(url.searchParams.get('page') ?? 1));
  return { history, canImport: can(user, 'import'), kinds: IMPORT_KINDS, limitMb: limitMb() };
};

export const actions: Actions = {
  /** Saves the file and starts its check (dry run) or import, then shows it on its own page. */
  upload: async ({ locals, request }) => {
    const user = requirePermission(locals, 'import');
    if (declaredTooLarge(request)) {
      const problem: UploadProblem = { field: 'file', key: 'imports.problem.tooLarge', values: { name: '', mb: limitMb() } };
      return fail(413, { problem, kind: '' });
    }
    const form = await request.formData();
    const kind = String(form.get('kind') ?? '');
    const checked = await readUploadForm(form);
    if ('field' in checked) return fail(400, { problem: checked, kind });
    let uploadId: string;
    try {
      uploadId = (await uploadAndStart(await appDb(), checked, user.name)).upload.id;
    } catch (err) {
      if (!(err instanceof DuesightError)) throw err;
      const problem: UploadProblem = { field: 'file', message: err.message };
      return fail(400, { problem, kind });
    }
    redirect(303, `/imports/${uploadId}`);
  },
};

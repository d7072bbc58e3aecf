/** One uploaded file: its check (preview and rejected rows), the import, and their progress. */
import { error, fail, redirect } from '@sveltejs/kit';
import { appDb } from '$lib/server/app-db';
import { requirePermission } from '$lib/server/auth/guard';
import { DuesightError } from '$lib/server/errors';
import { startImportJob, uploadJobs, type ImportJob } from '$lib/server/import/jobs';
import { findUpload } from '$lib/server/import/uploads';
import { jobView, rejectionsPage } from '$lib/server/import/job-view';
import type { Actions, PageServerLoad } from './$types';

async function uploadOr404(id: string) {
  const upload = await findUpload(id);
  if (!upload) error(404, 'There is no such upload (uploads are kept on the server that received them).');
  return upload;
}

export const load: PageServerLoad = async ({ locals, params, url }) => {
  requirePermission(locals, 'import');
  const upload = await uploadOr404(params.upload);
  const jobs = uploadJobs(upload.id);
  // The rejected rows shown are those of the latest finished job: the import's when there is one.
  const latest: ImportJob | null = jobs.import?.result ? jobs.import : jobs.check?.result ? jobs.check : null;
  return {
    upload: {
      id: upload.id, kind: upload.kind, name: upload.originalName, size: upload.size,
      uploadedBy: upload.uploadedBy, uploadedAt: upload.uploadedAt, hasMapping: upload.mapping !== null,
    },
    check: jobView(jobs.check),
    imported: jobView(jobs.import),
    rejections: rejectionsPage(latest, Number(url.searchParams.get('page') ?? 1)),
  };
};

/** Starts a job of `mode` for the upload named in the URL, then shows the upload again. */
async function start(locals: App.Locals, id: string, request: Request, mode: 'check' | 'import') {
  const user = requirePermission(locals, 'import');
  const upload = await uploadOr404(id);
  const form = await request.formData();
  try {
    startImportJob(await appDb(), upload, mode, form.get('accept_valid') === 'on', user.name);
  } catch (err) {
    if (err instanceof DuesightError) return fail(409, { message: err.message });
    throw err;
  }
  redirect(303, `/imports/${upload.id}`);
}

export const actions: Actions = {
  /** The real import (through importFile, as `duesight import`), with or without --accept-valid. */
  import: ({ locals, params, request }) => start(locals, params.upload, request, 'import'),
  /** A dry run again (after a server restart forgot the first, or to see the rows once more). */
  check: ({ locals, params, request }) => start(locals, params.upload, request, 'check'),
};

/** Where the check and the import of one upload stand, as JSON, for the page to poll while they run. */
import { error, json } from '@sveltejs/kit';
import { requirePermission } from '$lib/server/auth/guard';
import { jobProgress } from '$lib/server/import/job-view';
import { uploadJobs } from '$lib/server/import/jobs';
import { isUploadId } from '$lib/server/import/uploads';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = ({ locals, params }) => {
  requirePermission(locals, 'import');
  if (!isUploadId(params.upload)) error(404, 'There is no such upload.');
  const jobs = uploadJobs(params.upload);
  return json({ check: jobProgress(jobs.check), import: jobProgress(jobs.import) }, { headers: { 'cache-control': 'no-store' } });
};

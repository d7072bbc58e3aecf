/** A test-only pause just before an import commits, so a test can kill the process mid-import deterministically. */

/**
 * When DUESIGHT_TEST_PAUSE_BEFORE_COMMIT is a number of milliseconds, says so on stderr and
 * waits that long with every row written but nothing committed. Does nothing otherwise.
 */
export async function pauseBeforeCommit(): Promise<void> {
  const ms = Number(process.env.DUESIGHT_TEST_PAUSE_BEFORE_COMMIT);
  if (!Number.isFinite(ms) || ms <= 0) return;
  process.stderr.write('duesight: test pause before commit\n');
  await new Promise((resolve) => setTimeout(resolve, ms));
}

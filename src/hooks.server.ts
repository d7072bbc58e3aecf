// Server hooks: the database opens when the server starts (so a second server on the same
// file fails at once, saying why) and closes cleanly on shutdown.
import type { Handle, ServerInit } from '@sveltejs/kit';
import { appDb, closeAppDb } from '$lib/server/app-db.ts';

export const init: ServerInit = async () => {
  await appDb();
  process.once('sveltekit:shutdown', () => void closeAppDb());
};

export const handle: Handle = async ({ event, resolve }) => {
  const response = await resolve(event);
  response.headers.set('X-Content-Type-Options', 'nosniff');
  response.headers.set('Referrer-Policy', 'same-origin');
  response.headers.set('X-Frame-Options', 'DENY');
  return response;
};

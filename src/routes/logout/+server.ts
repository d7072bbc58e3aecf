/** Sign out (POST only, from the header's button): the session ends on the server, the cookie goes, the login page follows. */
import { redirect } from '@sveltejs/kit';
import { appDb } from '$lib/server/app-db';
import { clientAddress } from '$lib/server/auth/client-address';
import { clearSessionCookie, readSessionCookie } from '$lib/server/auth/cookie';
import { requirePermission } from '$lib/server/auth/guard';
import { signOut } from '$lib/server/auth/sign-in';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = async (event) => {
  const user = requirePermission(event.locals, 'view');
  await signOut(await appDb(), user, readSessionCookie(event.cookies, event.url), clientAddress(event));
  clearSessionCookie(event.cookies, event.url);
  redirect(303, '/login');
};

/** The login page: the one page open to everyone. Its action checks the name and password (throttled, audited) and opens a session. */
import { fail, redirect } from '@sveltejs/kit';
import { appDb } from '$lib/server/app-db';
import { clientAddress } from '$lib/server/auth/client-address';
import { readSessionCookie, writeSessionCookie } from '$lib/server/auth/cookie';
import { safeNext } from '$lib/server/auth/public-routes';
import { signIn } from '$lib/server/auth/sign-in';
import type { Actions, PageServerLoad } from './$types';

/** Longest name and password read from the form (longer ones are not logins anyway). */
const MAX_NAME = 200;
const MAX_PASSWORD = 1024;

export const load: PageServerLoad = ({ locals, url }) => {
  const next = safeNext(url.searchParams.get('next'));
  if (locals.user) redirect(303, next);
  return { next };
};

export const actions: Actions = {
  default: async (event) => {
    const form = await event.request.formData();
    const text = (key: string, max: number) => {
      const value = form.get(key);
      return typeof value === 'string' ? value.slice(0, max) : '';
    };
    const name = text('name', MAX_NAME).trim();
    const password = text('password', MAX_PASSWORD);
    const next = safeNext(text('next', 2048));
    if (!name || !password) return fail(400, { name, problem: 'missing' as const, retryMinutes: 0 });
    const result = await signIn(await appDb(), {
      name,
      password,
      address: clientAddress(event),
      previousToken: readSessionCookie(event.cookies, event.url),
    });
    if (!result.ok) {
      if (result.reason === 'throttled') {
        return fail(429, { name, problem: 'throttled' as const, retryMinutes: Math.ceil(result.retryAfterSeconds / 60) });
      }
      return fail(400, { name, problem: 'invalid' as const, retryMinutes: 0 });
    }
    writeSessionCookie(event.cookies, event.url, result.session.token, result.session.expires);
    redirect(303, next);
  },
};

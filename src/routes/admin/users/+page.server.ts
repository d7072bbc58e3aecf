/** Logins, for administrators: the list, and actions to add one and to disable one (each audited). */
import { fail } from '@sveltejs/kit';
import { appDb } from '$lib/server/app-db';
import { requirePermission } from '$lib/server/auth/guard';
import { addUser, disableUser, listUsers } from '$lib/server/auth/users';
import { DuesightError } from '$lib/server/errors';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
  const me = requirePermission(locals, 'admin');
  return { users: await listUsers(await appDb()), me: me.name };
};

/** A form field as text, at most `max` characters. */
function field(form: FormData, key: string, max = 200): string {
  const value = form.get(key);
  return typeof value === 'string' ? value.slice(0, max) : '';
}

export const actions: Actions = {
  add: async ({ locals, request }) => {
    const me = requirePermission(locals, 'admin');
    const form = await request.formData();
    const name = field(form, 'name').trim();
    const role = field(form, 'role');
    try {
      await addUser(await appDb(), { name, role, password: field(form, 'password', 1100) }, { actor: me.name, role: me.role, via: 'web' });
    } catch (err) {
      if (err instanceof DuesightError) return fail(400, { action: 'add' as const, name, role, message: err.message });
      throw err;
    }
    return { action: 'add' as const, done: name };
  },
  disable: async ({ locals, request }) => {
    const me = requirePermission(locals, 'admin');
    const name = field(await request.formData(), 'name');
    if (name === me.name) return fail(400, { action: 'disable' as const, name, message: 'You cannot disable your own login.' });
    try {
      await disableUser(await appDb(), name, { actor: me.name, role: me.role, via: 'web' });
    } catch (err) {
      if (err instanceof DuesightError) return fail(400, { action: 'disable' as const, name, message: err.message });
      throw err;
    }
    return { action: 'disable' as const, done: name };
  },
};

/** The check every load, action and endpoint makes: a signed-in user holding the permission, or 401/403. */
import { error } from '@sveltejs/kit';
import { can, type Permission, type SessionUser } from '../../auth-roles.ts';

/**
 * The signed-in user of `locals` when they hold `permission`. Throws a 401 for an anonymous
 * request and a 403 for a user whose role lacks the permission.
 */
export function requirePermission(locals: App.Locals, permission: Permission): SessionUser {
  const user = locals.user;
  if (!user) error(401, 'Sign in to see this page.');
  if (!can(user, permission)) error(403, `Your role (${user.role}) does not give access to this (it needs the “${permission}” permission).`);
  return user;
}

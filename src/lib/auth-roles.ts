/** Who may do what: the four roles and the permissions each holds, in one table (server and pages read it). */

export const ROLES = ['admin', 'analyst', 'cfo', 'auditor'] as const;
export type Role = (typeof ROLES)[number];

/**
 * What a request may ask for. `view`: pages and figures; `explore`: the explorer's invoice-level
 * data; `sql`: the read-only SQL console; `import`: load files; `export`: download reports;
 * `audit`: read the audit log; `admin`: users and settings.
 */
export const PERMISSIONS = ['view', 'explore', 'sql', 'import', 'export', 'audit', 'admin'] as const;
export type Permission = (typeof PERMISSIONS)[number];

/** The permissions of each role. Deny is the default: a pair not listed here is refused. */
export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  admin: ['view', 'explore', 'sql', 'import', 'export', 'audit', 'admin'],
  analyst: ['view', 'explore', 'sql', 'import', 'export'],
  cfo: ['view', 'export'],
  auditor: ['view', 'export', 'audit'],
};

/** The signed-in person a request acts for. */
export interface SessionUser {
  name: string;
  role: Role;
}

/** Whether `user` holds `permission` (false for nobody). */
export function can(user: SessionUser | null | undefined, permission: Permission): boolean {
  return !!user && ROLE_PERMISSIONS[user.role].includes(permission);
}

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

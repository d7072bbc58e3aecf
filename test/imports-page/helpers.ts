/** Drives the imports routes' loads and actions directly, as SvelteKit would, with a signed-in user and a temp database. */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { isActionFailure, isHttpError, isRedirect } from '@sveltejs/kit';
import type { SessionUser } from '../../src/lib/auth-roles.ts';

/** The repository root. */
export const root = resolve(import.meta.dirname, '../..');

/** A file under test/fixtures/imports-page/ as a browser would send it. */
export function fixtureFile(name: string, sentAs = name): File {
  return new File([readFileSync(join(root, 'test', 'fixtures', 'imports-page', name))], sentAs);
}

/** The bytes of a fixture. */
export function fixtureBytes(name: string): Buffer {
  return readFileSync(join(root, 'test', 'fixtures', 'imports-page', name));
}

/** A multipart POST of `fields` to `path`, like a browser submitting the form. */
export function formPost(path: string, fields: Record<string, string | File>): Request {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  return new Request(`http://127.0.0.1${path}`, { method: 'POST', body: form });
}

/** The pieces of a RequestEvent the imports routes read. */
export function event(user: SessionUser | null, opts: { path?: string; request?: Request; params?: Record<string, string> } = {}) {
  const url = new URL(`http://127.0.0.1${opts.path ?? '/imports'}`);
  return { locals: { user }, url, request: opts.request ?? new Request(url), params: opts.params ?? {} } as never;
}

/** What an action or load ended with: a redirect's location, a failure's status and data, an HTTP error's status, or the value. */
export async function outcome<T>(run: () => T | Promise<T>): Promise<
  { redirect: string } | { fail: number; data: Record<string, unknown> } | { error: number; message: string } | { value: T }
> {
  try {
    const value = await run();
    if (isActionFailure(value)) return { fail: value.status, data: value.data as unknown as Record<string, unknown> };
    return { value };
  } catch (err) {
    if (isRedirect(err)) return { redirect: err.location };
    if (isHttpError(err)) return { error: err.status, message: err.body.message };
    throw err;
  }
}

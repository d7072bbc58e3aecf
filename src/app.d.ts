// See https://svelte.dev/docs/kit/types#app.d.ts
import type { SessionUser } from '$lib/auth-roles';

declare global {
  namespace App {
    interface Locals {
      /** The signed-in user, set by hooks.server.ts; null for an anonymous request. */
      user: SessionUser | null;
    }
    // interface PageData {}
  }
}
export {};

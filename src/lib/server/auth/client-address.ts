/** The address a request comes from, for login throttling and the audit log. */
import type { RequestEvent } from '@sveltejs/kit';

/** The client's IP address as the adapter sees it (`unknown` where it cannot tell, e.g. in tests). */
export function clientAddress(event: Pick<RequestEvent, 'getClientAddress'>): string {
  try {
    return event.getClientAddress();
  } catch {
    return 'unknown';
  }
}

/** GET forms that navigate in place: the URL keeps only non-empty fields, focus and scroll stay put. */
import { goto } from '$app/navigation';
import { formQuery } from '../url-state.ts';

/**
 * An `onsubmit` handler for a GET form. Without JavaScript the form still works (the browser
 * submits it); with it, empty fields are left out of the URL and the page updates in place.
 * `adjust` may change the query before navigating.
 */
export function submitGet(adjust?: (params: URLSearchParams) => void) {
  return (event: SubmitEvent) => {
    const form = event.currentTarget as HTMLFormElement;
    event.preventDefault();
    const params = new URLSearchParams(formQuery(form, event.submitter));
    adjust?.(params);
    const action = new URL(form.getAttribute('action') || location.pathname, location.href);
    const query = params.toString();
    void goto(`${action.pathname}${query ? `?${query}` : ''}`, { keepFocus: true, noScroll: true });
  };
}

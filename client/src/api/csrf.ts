/**
 * The double-submit CSRF token: the server sets a `csrf` cookie this script can read, and every
 * request that changes something echoes it in the x-csrf-token header.
 */
export function csrfToken(): string {
  return document.cookie.match(/(?:^|;\s*)csrf=([^;]+)/)?.[1] ?? '';
}

export function csrfHeaders(): Record<string, string> {
  return { 'x-csrf-token': decodeURIComponent(csrfToken()) };
}

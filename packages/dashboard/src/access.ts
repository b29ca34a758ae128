import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { DashboardError } from './errors';

/** True for the addresses that only this machine reaches. */
export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host);
}

/** A fresh access token (printed once at start). */
export function newToken(): string {
  return randomBytes(18).toString('base64url');
}

const LOCAL_NAMES = /^(localhost|127(\.\d{1,3}){3}|\[::1\])(:\d+)?$/i;

/**
 * Who may talk to the server. Bound to the loopback interface: no token, but the Host header
 * must name the loopback (a page of another site that resolved its own name to 127.0.0.1 —
 * DNS rebinding — could otherwise pause or stop the run). Bound elsewhere: every request carries
 * the token, as `?token=` (the page adds it; EventSource cannot set headers) or
 * `Authorization: Bearer`.
 */
export function checkAccess(req: IncomingMessage, url: URL, token: string | null): void {
  if (token === null) {
    const host = req.headers.host ?? '';
    if (!LOCAL_NAMES.test(host)) {
      throw new DashboardError(
        'DASHBOARD_FORBIDDEN_HOST',
        `Host "${host}" is not this machine's loopback address; open the URL the server printed`,
      );
    }
    return;
  }
  const auth = req.headers.authorization ?? '';
  const given = url.searchParams.get('token') ?? (auth.startsWith('Bearer ') ? auth.slice(7) : '');
  if (!sameToken(given, token)) {
    throw new DashboardError(
      'DASHBOARD_UNAUTHORIZED',
      'missing or wrong access token: open the URL with ?token= that the server printed at start',
    );
  }
}

function sameToken(given: string, token: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

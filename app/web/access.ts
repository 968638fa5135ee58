/**
 * Who may talk to the web host. It listens on 127.0.0.1, but any web page the
 * user visits can reach 127.0.0.1 too, so each request must prove it came from
 * the URL we printed (a per-run token, kept afterwards in an HttpOnly cookie,
 * as Jupyter does), name our own host (against DNS rebinding) and, for the
 * WebSocket, come from our own origin (browsers do not apply CORS to sockets).
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export interface Access {
  readonly token: string;
  /** The cookie that carries the token after the first visit; named per port, as cookies ignore ports. */
  readonly cookieName: string;
  /** Why the request is refused, or undefined when it may proceed. */
  refusal(request: IncomingMessage, kind: 'http' | 'websocket'): string | undefined;
  /** True when the request's query carries the right token (it then gets the cookie). */
  hasTokenInQuery(url: URL): boolean;
  setCookieHeader(): string;
}

export function createAccess(port: number, token = randomBytes(24).toString('hex')): Access {
  const cookieName = `trellis-token-${port}`;
  const allowedHosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  const tokenMatches = (candidate: string | undefined) => candidate !== undefined && sameText(candidate, token);

  return {
    token,
    cookieName,
    refusal(request, kind) {
      const host = request.headers.host;
      if (host === undefined || !allowedHosts.has(host.toLowerCase())) return 'Forbidden: unexpected Host header';
      if (kind === 'websocket' && request.headers.origin !== `http://${host.toLowerCase()}`) return 'Forbidden: unexpected Origin';
      const url = requestUrl(request);
      if (tokenMatches(readCookie(request.headers.cookie, cookieName)) || tokenMatches(url?.searchParams.get('token') ?? undefined)) {
        return undefined;
      }
      return 'Forbidden: open Trellis with the URL it printed (it carries the access token)';
    },
    hasTokenInQuery: (url) => tokenMatches(url.searchParams.get('token') ?? undefined),
    setCookieHeader: () => `${cookieName}=${token}; HttpOnly; SameSite=Strict; Path=/`,
  };
}

/** The request's URL, or undefined when it cannot be parsed. */
export function requestUrl(request: IncomingMessage): URL | undefined {
  try {
    return new URL(request.url ?? '/', 'http://127.0.0.1');
  } catch {
    return undefined;
  }
}

function readCookie(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const separator = part.indexOf('=');
    if (separator > 0 && part.slice(0, separator).trim() === name) return part.slice(separator + 1).trim();
  }
  return undefined;
}

/** Constant-time comparison, so the token cannot be guessed one character at a time. */
function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

export const parseCookies = (cookies: readonly string[]): Record<string, string> => {
  const result: Record<string, string> = {};
  for (const cookie of cookies) {
    for (const pair of cookie.split(';')) {
      const index = pair.indexOf('=');
      if (index <= 0) continue;
      const name = pair.slice(0, index).trim();
      const value = pair.slice(index + 1).trim();
      try {
        result[name] = decodeURIComponent(value);
      } catch {
        // A malformed cookie is ignored, like a browser would.
      }
    }
  }
  return result;
};

export interface CookieOptions {
  readonly maxAgeSeconds: number;
  readonly path: string;
}

/** Always HttpOnly, Secure and SameSite=Strict: the dashboard is same-origin behind CloudFront. */
export const serializeCookie = (
  name: string,
  value: string,
  { maxAgeSeconds, path }: CookieOptions,
): string =>
  `${name}=${encodeURIComponent(value)}; Max-Age=${maxAgeSeconds}; Path=${path}; HttpOnly; Secure; SameSite=Strict`;

import { optionalEnv } from '../config/env';
import { loadSecret, SecretNotSetError } from '../config/secrets';
import * as z from '../schema/zod';

/**
 * How Portico reaches Google. In AWS the OAuth client comes from Secrets Manager and every URL is
 * Google's own. The local cloud points the same client libraries at its stand-in through the
 * `GOOGLE_*_URL` / `GOOGLE_API_ROOT` variables and labels it as such (`GOOGLE_STAND_IN`).
 */
export interface GoogleConfig {
  readonly clientId: string;
  readonly clientSecret: string;
  /** Calendar API root; undefined means Google's. */
  readonly apiRoot?: string;
  readonly endpoints: {
    readonly oauth2AuthBaseUrl?: string;
    readonly oauth2TokenUrl?: string;
    readonly oauth2RevokeUrl?: string;
  };
  /** True when the local stand-in answers instead of Google. */
  readonly standIn: boolean;
}

const oauthClient = z.object({
  clientId: z.string().check(z.minLength(1)),
  clientSecret: z.string().check(z.minLength(1)),
});

const urls = {
  apiRoot: optionalEnv('GOOGLE_API_ROOT'),
  oauth2AuthBaseUrl: optionalEnv('GOOGLE_OAUTH_AUTH_URL'),
  oauth2TokenUrl: optionalEnv('GOOGLE_OAUTH_TOKEN_URL'),
  oauth2RevokeUrl: optionalEnv('GOOGLE_OAUTH_REVOKE_URL'),
};
const standIn = optionalEnv('GOOGLE_STAND_IN') === '1';

/** Milliseconds one Google request may take before Portico gives up on it. */
export const googleTimeoutMs = Number(optionalEnv('GOOGLE_TIMEOUT_MS') ?? 8000);

let cached: GoogleConfig | null | undefined;

/**
 * The Google configuration, or null while the operator has not put an OAuth client into the secret
 * (booking then says "not configured" instead of failing on every call). A Secrets Manager outage
 * throws, and the next call tries again.
 */
export const googleConfig = async (): Promise<GoogleConfig | null> => {
  if (cached !== undefined) return cached;
  let raw: string;
  try {
    raw = await loadSecret('GOOGLE_OAUTH_CLIENT');
  } catch (error) {
    if (!(error instanceof SecretNotSetError)) throw error;
    cached = null;
    return cached;
  }
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    json = undefined;
  }
  const parsed = oauthClient.safeParse(json);
  const { apiRoot, ...endpoints } = urls;
  cached = parsed.success ? { ...parsed.data, apiRoot, endpoints, standIn } : null;
  return cached;
};

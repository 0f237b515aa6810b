import { CodeChallengeMethod, OAuth2Client } from 'google-auth-library/build/src/auth/oauth2client';
import { decodeJwt } from 'jose';
import { type GoogleConfig, googleTimeoutMs } from './config';
import { classifyGoogleError, GoogleNotFoundError } from './errors';

/**
 * Google OAuth 2.0 for every Portico connection (the operator's calendar, each organization's Google
 * Workspace): the consent URL (authorization code with PKCE, offline access), the code exchange, the
 * revocation, and an OAuth client acting for a stored grant. Token calls have a timeout and no automatic
 * retry; failures come out as the errors in `errors.ts`.
 */

/** Runs one Google API call and returns its body; a failure comes out classified. */
export const callGoogle = async <T>(request: () => Promise<{ data: T }>): Promise<T> => {
  try {
    return (await request()).data;
  } catch (error) {
    throw classifyGoogleError(error);
  }
};

/** Per-request options of every Google API call: bounded, and retried by Portico's own rules, not gaxios'. */
export const requestOptions = { timeout: googleTimeoutMs, retry: false } as const;

export const oauthClient = (config: GoogleConfig, redirectUri?: string) =>
  new OAuth2Client({
    clientId: config.clientId,
    clientSecret: config.clientSecret,
    redirectUri,
    endpoints: config.endpoints,
    // A 401 with a token we believed valid gets one refresh and one retry before it counts.
    forceRefreshOnFailure: true,
    // Token calls (exchange, refresh, revoke) do not take per-request options: bound them here. Node's own
    // fetch: gaxios would load node-fetch and its polyfills otherwise (see `infra/bundling.ts`).
    transporterOptions: { timeout: googleTimeoutMs, retry: false, fetchImplementation: fetch },
  });

/** An OAuth client acting for a grant: it refreshes its access token from the refresh token by itself. */
export const authorizedClient = (config: GoogleConfig, refreshToken: string): OAuth2Client => {
  const auth = oauthClient(config);
  auth.setCredentials({ refresh_token: refreshToken });
  return auth;
};

export interface AuthorizationRequest {
  readonly url: string;
  /** Kept server-side until the callback; never leaves the backend. */
  readonly codeVerifier: string;
}

export interface AuthorizationOptions {
  readonly scopes: readonly string[];
  /**
   * Keep scopes granted before (incremental authorization).
   * @default false
   */
  readonly includeGrantedScopes?: boolean;
}

export const authorizationRequest = async (
  config: GoogleConfig,
  redirectUri: string,
  state: string,
  options: AuthorizationOptions,
): Promise<AuthorizationRequest> => {
  const client = oauthClient(config, redirectUri);
  const { codeVerifier, codeChallenge } = await client.generateCodeVerifierAsync();
  const url = client.generateAuthUrl({
    access_type: 'offline',
    // Always ask again, so Google issues a refresh token even to an account that granted access before.
    prompt: 'consent',
    scope: [...options.scopes],
    ...(options.includeGrantedScopes ? { include_granted_scopes: true } : {}),
    state,
    code_challenge: codeChallenge,
    code_challenge_method: CodeChallengeMethod.S256,
  });
  return { url, codeVerifier };
};

export interface ExchangedTokens {
  readonly refreshToken: string | undefined;
  readonly scopes: string[];
  /**
   * The account's address, when `openid email` was asked for. Read from the ID token without checking its
   * signature: it comes straight from Google's token endpoint over TLS (OpenID Connect Core 3.1.3.7).
   */
  readonly email: string | undefined;
}

const emailOf = (idToken: string | null | undefined): string | undefined => {
  if (!idToken) return undefined;
  try {
    const claims = decodeJwt(idToken);
    return typeof claims.email === 'string' ? claims.email : undefined;
  } catch {
    return undefined;
  }
};

/** Trades the authorization code for tokens; only the refresh token is kept. */
export const exchangeCode = async (
  config: GoogleConfig,
  redirectUri: string,
  code: string,
  codeVerifier: string,
): Promise<ExchangedTokens> => {
  const client = oauthClient(config, redirectUri);
  try {
    const { tokens } = await client.getToken({ code, codeVerifier, redirect_uri: redirectUri });
    return {
      refreshToken: tokens.refresh_token ?? undefined,
      scopes: (tokens.scope ?? '').split(' '),
      email: emailOf(tokens.id_token),
    };
  } catch (error) {
    throw classifyGoogleError(error);
  }
};

/** Tells Google to forget the grant; an already revoked token is not an error. */
export const revokeToken = async (config: GoogleConfig, refreshToken: string): Promise<void> => {
  try {
    await oauthClient(config).revokeToken(refreshToken);
  } catch (error) {
    const classified = classifyGoogleError(error);
    if (!(classified instanceof GoogleNotFoundError) && (error as { status?: number }).status !== 400)
      throw classified;
  }
};

/**
 * Where a Google API lives: the stand-in's root locally, `https://<service>.googleapis.com/` otherwise
 * (Calendar's discovery document names `https://www.googleapis.com/`).
 */
export const apiUrl = (
  config: GoogleConfig,
  service: 'gmail' | 'sheets' | 'calendar',
  path: string,
): string =>
  new URL(
    path,
    config.apiRoot ?? `https://${service === 'calendar' ? 'www' : service}.googleapis.com/`,
  ).toString();

import { createHash, randomBytes } from 'node:crypto';
import { ttlIn } from '../db/ttl';
import type { GoogleConfig } from './config';
import { type AuthorizationOptions, authorizationRequest } from './oauth';
import { type ItemKey, putOAuthState, takeOAuthState } from './repository';
import { decryptToken, encryptToken } from './token-cipher';

/**
 * The consent's `state`: random, single use, ten minutes, bound to the person who started it and to the
 * organization the grant is for. Only its hash is a key; the PKCE verifier is stored sealed. A stolen
 * callback URL, a replay, or a state started for another organization connects nothing.
 */

/** Who a consent is for. */
export interface ConsentBinding {
  readonly userId: string;
  /** null for the operator's own grant (booking). */
  readonly orgId: string | null;
}

/** Where a module keeps its states, by the state's hash. */
export type StateKey = (stateHash: string) => ItemKey;

const lifetimeSeconds = 10 * 60;

const hashState = (state: string) => createHash('sha256').update(state).digest('hex');

/** Creates the state, keeps it, and returns Google's consent URL that carries it. */
export const startConsent = async (
  config: GoogleConfig,
  options: AuthorizationOptions & {
    readonly redirectUri: string;
    readonly binding: ConsentBinding;
    readonly stateKey: StateKey;
  },
): Promise<{ authorizationUrl: string }> => {
  const state = randomBytes(32).toString('base64url');
  const request = await authorizationRequest(config, options.redirectUri, state, options);
  await putOAuthState(options.stateKey(hashState(state)), {
    userId: options.binding.userId,
    orgId: options.binding.orgId,
    sealedCodeVerifier: await encryptToken(request.codeVerifier),
    redirectUri: options.redirectUri,
    ttl: ttlIn(lifetimeSeconds),
  });
  return { authorizationUrl: request.url };
};

/**
 * Takes the state (it works once, whoever presents it) and returns its verifier and redirect URI, or
 * undefined when it is unknown, expired, used, or bound to another person or organization.
 */
export const redeemConsent = async (
  stateKey: StateKey,
  state: string,
  binding: ConsentBinding,
): Promise<{ codeVerifier: string; redirectUri: string } | undefined> => {
  const item = await takeOAuthState(stateKey(hashState(state)));
  if (!item || item.userId !== binding.userId || (item.orgId ?? null) !== binding.orgId) return undefined;
  return { codeVerifier: await decryptToken(item.sealedCodeVerifier), redirectUri: item.redirectUri };
};

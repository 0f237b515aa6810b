import { createHash, randomBytes } from 'node:crypto';
import { importJWK, type JWK, jwtVerify, SignJWT } from 'jose';
import { loadSecret } from '../config/secrets';

/** The one algorithm we sign with and the only one we accept; `alg: none` and HMAC never pass. */
export const accessTokenAlgorithm = 'EdDSA';
export const accessTokenIssuer = 'portico';
export const accessTokenAudience = 'portico-api';
export const accessTokenType = 'at+jwt';
export const accessTokenTtlSeconds = 10 * 60;

/**
 * Loads a key once per container; a failed load is tried again on the next call instead of being kept.
 */
const once = <T>(load: () => Promise<T>): (() => Promise<T>) => {
  let loaded: Promise<T> | undefined;
  return () => {
    loaded ??= load().catch((error: unknown) => {
      loaded = undefined;
      throw error;
    });
    return loaded;
  };
};

/** The private key: only the function that issues tokens (identity) may read its secret. */
const signingKey = once(async () => {
  const jwk = JSON.parse(await loadSecret('JWT_PRIVATE_JWK')) as JWK;
  return { privateKey: await importJWK(jwk, accessTokenAlgorithm), kid: jwk.kid ?? 'portico' };
});

/** Thrown when the public key's secret holds a private key, which every verifying function could read. */
export class PrivateKeyInPublicSecretError extends Error {
  constructor() {
    super('JWT_PUBLIC_JWK holds a private key ("d"): put the public JWK there, without "d"');
    this.name = 'PrivateKeyInPublicSecretError';
  }
}

/** The public key every function that checks tokens reads. */
const verificationKey = once(async () => {
  const jwk = JSON.parse(await loadSecret('JWT_PUBLIC_JWK')) as JWK;
  if (jwk.d !== undefined) throw new PrivateKeyInPublicSecretError();
  return importJWK(jwk, accessTokenAlgorithm);
});

export interface AccessClaims {
  readonly userId: string;
  /** Bumped by "sign out everywhere" and deactivation; older tokens stop working at once. */
  readonly tokenVersion: number;
}

export const signAccessToken = async ({ userId, tokenVersion }: AccessClaims): Promise<string> => {
  const { privateKey, kid } = await signingKey();
  return new SignJWT({ tv: tokenVersion })
    .setProtectedHeader({ alg: accessTokenAlgorithm, typ: accessTokenType, kid })
    .setSubject(userId)
    .setIssuer(accessTokenIssuer)
    .setAudience(accessTokenAudience)
    .setIssuedAt()
    .setJti(randomBytes(12).toString('base64url'))
    .setExpirationTime(`${accessTokenTtlSeconds}s`)
    .sign(privateKey);
};

/** Returns the claims, or undefined for anything forged, expired, mis-addressed or malformed. */
export const verifyAccessToken = async (token: string): Promise<AccessClaims | undefined> => {
  const publicKey = await verificationKey();
  try {
    const { payload } = await jwtVerify(token, publicKey, {
      algorithms: [accessTokenAlgorithm],
      issuer: accessTokenIssuer,
      audience: accessTokenAudience,
      typ: accessTokenType,
      requiredClaims: ['sub', 'exp', 'iat', 'tv'],
    });
    if (typeof payload.sub !== 'string' || typeof payload.tv !== 'number') return undefined;
    return { userId: payload.sub, tokenVersion: payload.tv };
  } catch {
    return undefined;
  }
};

/** A random opaque secret for links and cookies, and the hash we store instead of it. */
export const newOpaqueToken = (): { token: string; hash: string } => {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: hashOpaqueToken(token) };
};

export const hashOpaqueToken = (token: string): string =>
  createHash('sha256').update(token).digest('base64url');

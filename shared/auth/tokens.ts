import { createHash, randomBytes } from 'node:crypto';
import { importJWK, type JWK, jwtVerify, SignJWT } from 'jose';
import { loadSecret } from '../config/secrets';

/** The one algorithm we sign with and the only one we accept; `alg: none` and HMAC never pass. */
export const accessTokenAlgorithm = 'EdDSA';
export const accessTokenIssuer = 'portico';
export const accessTokenAudience = 'portico-api';
export const accessTokenType = 'at+jwt';
export const accessTokenTtlSeconds = 10 * 60;

interface SigningKeys {
  readonly privateKey: CryptoKey | Uint8Array;
  readonly publicKey: CryptoKey | Uint8Array;
  readonly kid: string;
}

let keys: Promise<SigningKeys> | undefined;
const signingKeys = (): Promise<SigningKeys> => {
  keys ??= (async () => {
    const jwk = JSON.parse(await loadSecret('JWT_PRIVATE_JWK')) as JWK;
    const { d: _private, ...publicJwk } = jwk;
    return {
      privateKey: await importJWK(jwk, accessTokenAlgorithm),
      publicKey: await importJWK(publicJwk, accessTokenAlgorithm),
      kid: jwk.kid ?? 'portico',
    };
  })();
  return keys;
};

export interface AccessClaims {
  readonly userId: string;
  /** Bumped by "sign out everywhere" and deactivation; older tokens stop working at once. */
  readonly tokenVersion: number;
}

export const signAccessToken = async ({ userId, tokenVersion }: AccessClaims): Promise<string> => {
  const { privateKey, kid } = await signingKeys();
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
  const { publicKey } = await signingKeys();
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

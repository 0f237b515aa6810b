import { exportJWK, generateKeyPair } from 'jose';
import { beforeEach, describe, expect, it, vi } from 'vitest';

/** A fresh tokens module (keys load once per container) over the given environment. */
const tokensWith = async (env: Record<string, string | undefined>) => {
  vi.resetModules();
  for (const [name, value] of Object.entries(env)) vi.stubEnv(name, value);
  return import('./tokens');
};

const keyPair = async () => {
  const { privateKey, publicKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
  return {
    privateJwk: JSON.stringify({ ...(await exportJWK(privateKey)), kid: 'k1' }),
    publicJwk: JSON.stringify({ ...(await exportJWK(publicKey)), kid: 'k1' }),
  };
};

beforeEach(() => {
  vi.unstubAllEnvs();
});

describe('access tokens', () => {
  it('verify with the public key alone', async () => {
    // Prepare
    const { privateJwk, publicJwk } = await keyPair();
    const signer = await tokensWith({ JWT_PRIVATE_JWK: privateJwk, JWT_PUBLIC_JWK: undefined });
    const token = await signer.signAccessToken({ userId: 'U1', tokenVersion: 2 });

    // Act
    const verifier = await tokensWith({ JWT_PRIVATE_JWK: undefined, JWT_PUBLIC_JWK: publicJwk });

    // Assess
    expect(await verifier.verifyAccessToken(token)).toEqual({ userId: 'U1', tokenVersion: 2 });
  });

  it('refuse another key pair’s token', async () => {
    const signing = await keyPair();
    const other = await keyPair();
    const signer = await tokensWith({ JWT_PRIVATE_JWK: signing.privateJwk });
    const token = await signer.signAccessToken({ userId: 'U1', tokenVersion: 2 });

    const verifier = await tokensWith({ JWT_PUBLIC_JWK: other.publicJwk });

    expect(await verifier.verifyAccessToken(token)).toBeUndefined();
  });

  it('refuse to verify at all while the public key’s secret holds the private key', async () => {
    const { privateJwk } = await keyPair();
    const tokens = await tokensWith({ JWT_PRIVATE_JWK: privateJwk, JWT_PUBLIC_JWK: privateJwk });
    const token = await tokens.signAccessToken({ userId: 'U1', tokenVersion: 2 });

    await expect(tokens.verifyAccessToken(token)).rejects.toBeInstanceOf(
      tokens.PrivateKeyInPublicSecretError,
    );
  });
});

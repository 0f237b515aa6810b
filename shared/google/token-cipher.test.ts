import { randomBytes } from 'node:crypto';
import { DecryptCommand, EncryptCommand, KMSClient } from '@aws-sdk/client-kms';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it, vi } from 'vitest';

/** The cipher reads its key settings at load, so each case loads it afresh under its own env. */
const load = async (env: Record<string, string | undefined>) => {
  vi.resetModules();
  for (const [name, value] of Object.entries(env)) vi.stubEnv(name, value ?? '');
  return import('./token-cipher');
};

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('token cipher', () => {
  it('seals with AES-GCM locally: never the plaintext, a fresh nonce each time, and it opens again', async () => {
    const { encryptToken, decryptToken } = await load({
      KMS_KEY_ID: undefined,
      TOKEN_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    });
    const first = await encryptToken('1//refresh-token');
    const second = await encryptToken('1//refresh-token');
    expect(first).toMatch(/^aes:/);
    expect(first).not.toContain('refresh-token');
    expect(first).not.toBe(second);
    expect(await decryptToken(first)).toBe('1//refresh-token');
  });

  it('refuses a tampered ciphertext', async () => {
    const { encryptToken, decryptToken } = await load({
      KMS_KEY_ID: undefined,
      TOKEN_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    });
    const sealed = Buffer.from((await encryptToken('secret')).slice(4), 'base64');
    sealed[sealed.length - 1]! ^= 1;
    await expect(decryptToken(`aes:${sealed.toString('base64')}`)).rejects.toThrow();
  });

  it('refuses to seal without a key rather than store a token in the clear', async () => {
    const { encryptToken } = await load({ KMS_KEY_ID: undefined, TOKEN_ENCRYPTION_KEY: undefined });
    await expect(encryptToken('secret')).rejects.toThrow(/TOKEN_ENCRYPTION_KEY/);
  });

  it('uses KMS with the refresh-token encryption context in AWS', async () => {
    const kms = mockClient(KMSClient);
    kms.on(EncryptCommand).resolves({ CiphertextBlob: new Uint8Array([1, 2, 3]) });
    kms.on(DecryptCommand).resolves({ Plaintext: new TextEncoder().encode('1//refresh-token') });
    const { encryptToken, decryptToken } = await load({ KMS_KEY_ID: 'key-123' });
    const sealed = await encryptToken('1//refresh-token');
    expect(sealed).toBe('kms:AQID');
    expect(kms.commandCalls(EncryptCommand)[0]!.args[0].input).toMatchObject({
      KeyId: 'key-123',
      EncryptionContext: { purpose: 'google-refresh-token' },
    });
    expect(await decryptToken(sealed)).toBe('1//refresh-token');
    expect(kms.commandCalls(DecryptCommand)[0]!.args[0].input.EncryptionContext).toEqual({
      purpose: 'google-refresh-token',
    });
    kms.restore();
  });
});

import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { optionalEnv } from '../config/env';

/**
 * Encrypts Google refresh tokens before they reach the table. In AWS with the customer-managed KMS key
 * (`KMS_KEY_ID`), bound to an encryption context, so IAM can allow exactly this use of the key. Locally
 * with AES-256-GCM under `TOKEN_ENCRYPTION_KEY`, a key the local cloud generates into its data folder.
 * Either way the plaintext is never written anywhere.
 */
export const tokenContextKey = 'purpose';
export const tokenContextValue = 'google-refresh-token';

const kmsKeyId = optionalEnv('KMS_KEY_ID');
const localKey = optionalEnv('TOKEN_ENCRYPTION_KEY');

export class TokenCipherUnavailableError extends Error {
  constructor() {
    super('Neither KMS_KEY_ID nor TOKEN_ENCRYPTION_KEY is set: refresh tokens cannot be stored');
    this.name = 'TokenCipherUnavailableError';
  }
}

const kms = async () => {
  const { KMSClient, EncryptCommand, DecryptCommand } = await import('@aws-sdk/client-kms');
  const { clientOptions } = await import('../aws/endpoints');
  return { client: new KMSClient(clientOptions('KMS')), EncryptCommand, DecryptCommand };
};
let kmsParts: ReturnType<typeof kms> | undefined;

const context = { [tokenContextKey]: tokenContextValue };

const aesKey = (): Buffer => {
  const key = Buffer.from(localKey ?? '', 'base64');
  if (key.length !== 32) throw new TokenCipherUnavailableError();
  return key;
};

/** `kms:<base64>` or `aes:<base64 of iv | tag | ciphertext>`. */
export const encryptToken = async (plaintext: string): Promise<string> => {
  if (kmsKeyId) {
    kmsParts ??= kms();
    const { client, EncryptCommand } = await kmsParts;
    const result = await client.send(
      new EncryptCommand({
        KeyId: kmsKeyId,
        Plaintext: Buffer.from(plaintext, 'utf8'),
        EncryptionContext: context,
      }),
    );
    return `kms:${Buffer.from(result.CiphertextBlob!).toString('base64')}`;
  }
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', aesKey(), iv);
  cipher.setAAD(Buffer.from(tokenContextValue));
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return `aes:${Buffer.concat([iv, cipher.getAuthTag(), ciphertext]).toString('base64')}`;
};

export const decryptToken = async (sealed: string): Promise<string> => {
  const [scheme, payload = ''] = sealed.split(':', 2) as [string, string | undefined];
  const bytes = Buffer.from(payload, 'base64');
  if (scheme === 'kms') {
    kmsParts ??= kms();
    const { client, DecryptCommand } = await kmsParts;
    const result = await client.send(
      new DecryptCommand({ CiphertextBlob: bytes, EncryptionContext: context }),
    );
    return Buffer.from(result.Plaintext!).toString('utf8');
  }
  if (scheme !== 'aes') throw new Error('Unknown token encryption scheme');
  const decipher = createDecipheriv('aes-256-gcm', aesKey(), bytes.subarray(0, 12));
  decipher.setAAD(Buffer.from(tokenContextValue));
  decipher.setAuthTag(bytes.subarray(12, 28));
  return Buffer.concat([decipher.update(bytes.subarray(28)), decipher.final()]).toString('utf8');
};

import { randomBytes, scrypt as scryptCallback, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';

const scrypt = promisify(scryptCallback) as (
  password: string,
  salt: Buffer,
  keylen: number,
  options: { N: number; r: number; p: number; maxmem: number },
) => Promise<Buffer>;

/** OWASP ASVS 5.0 minimum for scrypt: N = 2^17, r = 8, p = 1. */
const current = { N: 2 ** 17, r: 8, p: 1 } as const;
const keyLength = 32;
const maxmem = 256 * 1024 * 1024;

/** `scrypt$N$r$p$salt$hash`, both base64url; parameters travel with the hash so they can be raised later. */
export const hashPassword = async (password: string): Promise<string> => {
  const salt = randomBytes(16);
  const hash = await scrypt(password.normalize('NFKC'), salt, keyLength, { ...current, maxmem });
  return [
    'scrypt',
    current.N,
    current.r,
    current.p,
    salt.toString('base64url'),
    hash.toString('base64url'),
  ].join('$');
};

export interface PasswordCheck {
  readonly valid: boolean;
  /** True when the stored hash uses weaker parameters than today's: store a fresh hash. */
  readonly needsRehash: boolean;
}

export const verifyPassword = async (password: string, stored: string): Promise<PasswordCheck> => {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !hash) return { valid: false, needsRehash: false };
  const params = { N: Number(n), r: Number(r), p: Number(p) };
  const expected = Buffer.from(hash, 'base64url');
  const actual = await scrypt(password.normalize('NFKC'), Buffer.from(salt, 'base64url'), expected.length, {
    ...params,
    maxmem,
  });
  const valid = actual.length === expected.length && timingSafeEqual(actual, expected);
  const needsRehash = params.N !== current.N || params.r !== current.r || params.p !== current.p;
  return { valid, needsRehash };
};

/** A hash of a random password, computed once, so unknown emails cost the same time as known ones. */
let decoy: Promise<string> | undefined;
export const spendDecoyVerification = async (password: string): Promise<void> => {
  decoy ??= hashPassword(randomBytes(12).toString('base64url'));
  await verifyPassword(password, await decoy);
};

import { describe, expect, it, vi } from 'vitest';

const claim = { orgId: '01J0000000000000000000000A', list: 'customer' as const, address: 'Ada@Example.com' };

describe('unsubscribe tokens', () => {
  it('carry the organization, list and lower-cased address, and verify', async () => {
    const { signUnsubscribeToken, verifyUnsubscribeToken, unsubscribeUrl } = await import('./unsubscribe');
    const token = await signUnsubscribeToken(claim);
    expect(token).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/);
    expect(await verifyUnsubscribeToken(token)).toEqual({ ...claim, address: 'ada@example.com' });
    expect(await unsubscribeUrl(claim)).toBe(`https://portico.test/api/unsubscribe?token=${token}`);
  });

  it('refuse a token whose claim or signature was changed, or that is malformed', async () => {
    const { signUnsubscribeToken, verifyUnsubscribeToken } = await import('./unsubscribe');
    const token = await signUnsubscribeToken(claim);
    const [, signature] = token.split('.');
    const forgedClaim = Buffer.from(
      JSON.stringify([1, claim.orgId, 'digest', 'someone-else@example.com']),
    ).toString('base64url');
    expect(await verifyUnsubscribeToken(`${forgedClaim}.${signature}`)).toBeUndefined();
    expect(await verifyUnsubscribeToken(`${token.slice(0, -2)}AA`)).toBeUndefined();
    expect(await verifyUnsubscribeToken('nonsense')).toBeUndefined();
    expect(await verifyUnsubscribeToken(`${token}.extra`)).toBeUndefined();
  });

  it('are only valid under the key that signed them', async () => {
    const { signUnsubscribeToken } = await import('./unsubscribe');
    const token = await signUnsubscribeToken(claim);
    vi.stubEnv('UNSUBSCRIBE_KEY', 'another-deployment');
    vi.resetModules();
    const { verifyUnsubscribeToken } = await import('./unsubscribe');
    expect(await verifyUnsubscribeToken(token)).toBeUndefined();
    vi.unstubAllEnvs();
    vi.resetModules();
  });
});

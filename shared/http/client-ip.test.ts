import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { describe, expect, it, vi } from 'vitest';

const eventWith = (headers: Record<string, string>) =>
  ({ headers, requestContext: { http: { sourceIp: '130.176.0.1' } } }) as unknown as APIGatewayProxyEventV2;

describe('clientIp', () => {
  it('trusts the viewer address only on requests that carry the origin secret', async () => {
    vi.stubEnv('ORIGIN_VERIFY_SECRET', 'from-cloudfront');
    vi.resetModules();
    const { clientIp } = await import('./client-ip');

    expect(
      clientIp(
        eventWith({
          'cloudfront-viewer-address': '203.0.113.7:51234',
          'x-portico-origin': 'from-cloudfront',
        }),
      ),
    ).toBe('203.0.113.7');
    expect(
      clientIp(
        eventWith({
          'cloudfront-viewer-address': '2001:db8::7:51234',
          'x-portico-origin': 'from-cloudfront',
        }),
      ),
    ).toBe('2001:db8::7');
    // Called on the API's own URL with a forged header: the real source address counts.
    expect(
      clientIp(eventWith({ 'cloudfront-viewer-address': '203.0.113.7:1', 'x-portico-origin': 'guess' })),
    ).toBe('130.176.0.1');
    expect(clientIp(eventWith({ 'cloudfront-viewer-address': '203.0.113.7:1' }))).toBe('130.176.0.1');
    vi.unstubAllEnvs();
  });

  it('uses the source address when no origin secret is configured (locally)', async () => {
    vi.stubEnv('ORIGIN_VERIFY_SECRET', '');
    vi.resetModules();
    const { clientIp } = await import('./client-ip');
    expect(
      clientIp(eventWith({ 'cloudfront-viewer-address': '203.0.113.7:1', 'x-portico-origin': '' })),
    ).toBe('130.176.0.1');
    vi.unstubAllEnvs();
  });
});

import { timingSafeEqual } from 'node:crypto';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';

/** Header CloudFront adds to every API request it forwards (see infra/constructs/site.ts). */
export const originVerifyHeaderName = 'x-portico-origin';

const originVerifySecret = process.env.ORIGIN_VERIFY_SECRET;

const sameSecret = (presented: string | undefined): boolean => {
  if (!originVerifySecret || !presented) return false;
  const a = Buffer.from(presented);
  const b = Buffer.from(originVerifySecret);
  return a.length === b.length && timingSafeEqual(a, b);
};

/**
 * The caller's IP. Behind CloudFront, API Gateway's `sourceIp` is an edge server shared by many users,
 * so per-IP limits read `CloudFront-Viewer-Address` — but only on requests that carry the origin
 * secret, because anybody can call the API's own URL with a forged header.
 */
export const clientIp = (event: APIGatewayProxyEventV2): string => {
  const viewer = event.headers['cloudfront-viewer-address'];
  if (viewer && sameSecret(event.headers[originVerifyHeaderName])) {
    // `1.2.3.4:port` or `2001:db8::1:port`: the port follows the last colon.
    const ip = viewer.slice(0, viewer.lastIndexOf(':'));
    if (ip) return ip;
  }
  return event.requestContext.http.sourceIp;
};

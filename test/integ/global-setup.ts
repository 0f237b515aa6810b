import { randomBytes } from 'node:crypto';
import { exportJWK, generateKeyPair } from 'jose';
import type { TestProject } from 'vitest/node';
import { type StackInfo, startStack } from './local-stack';

declare module 'vitest' {
  export interface ProvidedContext {
    stack: StackInfo;
    /** The stack's real signing key, so tests can forge expired or mis-addressed tokens with it. */
    jwtPrivateJwk: string;
    /**
     * The stack's CloudFront origin secret: with it, a test's `CloudFront-Viewer-Address` is trusted, so
     * tests can be visitors from many IPs.
     */
    originVerifySecret: string;
  }
}

/** One local cloud for the whole integration run. */
export default async function setup(project: TestProject) {
  const { privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
  const jwk = JSON.stringify({ ...(await exportJWK(privateKey)), kid: 'integ' });
  const originVerifySecret = randomBytes(24).toString('base64url');
  const { info, stop } = await startStack({
    JWT_PRIVATE_JWK: jwk,
    GOOGLE_TIMEOUT_MS: '1500',
    ORIGIN_VERIFY_SECRET: originVerifySecret,
  });
  // Rate limits count on a clock pinned at the start of the run, so no test meets a window's end.
  const pinned = await fetch(`${info.url}/_local/clock`, {
    method: 'POST',
    body: JSON.stringify({ at: new Date().toISOString() }),
  });
  if (!pinned.ok) throw new Error(`Pinning the rate-limit clock failed: ${pinned.status}`);
  project.provide('stack', info);
  project.provide('jwtPrivateJwk', jwk);
  project.provide('originVerifySecret', originVerifySecret);
  return stop;
}

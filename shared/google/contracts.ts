import { z } from 'zod';

/** What every Google connection's consent routes take and answer (booking's, each organization's). */

export const authorizationView = z.object({ authorizationUrl: z.string() });

/** Google's code and Portico's state, handed on by the dashboard's callback page. */
export const oauthCallbackInput = z.strictObject({
  code: z.string().min(1).max(2048),
  state: z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'Not a state issued by Portico'),
});

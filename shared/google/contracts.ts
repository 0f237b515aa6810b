import * as z from '../schema/zod';

/** What every Google connection's consent routes take and answer (booking's, each organization's). */

export const authorizationView = z.object({ authorizationUrl: z.string() });

/** Google's code and Portico's state, handed on by the dashboard's callback page. */
export const oauthCallbackInput = z.strictObject({
  /** Google's codes are printable ASCII. */
  code: z.string().check(z.regex(/^[\x21-\x7E]{1,2048}$/, 'Not an authorization code from Google')),
  state: z.string().check(z.regex(/^[A-Za-z0-9_-]{43}$/, 'Not a state issued by Portico')),
});

import { calendar } from '@googleapis/calendar';
import { CodeChallengeMethod } from 'google-auth-library';
import { describe, expect, it } from 'vitest';
import {
  authorize,
  base,
  calendarScopes,
  connect,
  consentForm,
  control,
  decide,
  failure,
  oauthClient,
  redirectUri,
  serveStandIn,
  skewClock,
} from './harness';
import { localGoogleAccount, localGoogleClientId } from './index';

serveStandIn();

describe('LocalGoogle OAuth', () => {
  it('completes the authorization-code flow with PKCE through the real OAuth2Client', async () => {
    const auth = oauthClient();
    const { codeVerifier, codeChallenge } = await auth.generateCodeVerifierAsync();
    const url = auth.generateAuthUrl({
      access_type: 'offline',
      prompt: 'consent',
      scope: calendarScopes,
      state: 'a"b<c>&d',
      code_challenge: codeChallenge,
      code_challenge_method: CodeChallengeMethod.S256,
    });
    expect(url.startsWith(`${base}/_google/o/oauth2/v2/auth?`)).toBe(true);

    const page = await fetch(url);
    const html = await page.text();
    expect(page.status).toBe(200);
    expect(html).toContain('Local Google stand-in');
    expect(html).toContain(localGoogleAccount);
    expect(html).toContain('https://www.googleapis.com/auth/calendar.events');
    expect(html).not.toContain('a"b<c>');

    const response = await decide(consentForm(html), 'allow');
    expect(response.status).toBe(302);
    const location = new URL(response.headers.get('location')!);
    expect(`${location.origin}${location.pathname}`).toBe(redirectUri);
    expect(location.searchParams.get('state')).toBe('a"b<c>&d');

    const { tokens } = await auth.getToken({ code: location.searchParams.get('code')!, codeVerifier });
    expect(tokens).toMatchObject({
      access_token: expect.stringMatching(/^ya29\./),
      refresh_token: expect.stringMatching(/^1\/\//),
      scope: calendarScopes.join(' '),
      token_type: 'Bearer',
    });
    expect(tokens.expiry_date).toBeGreaterThan(Date.now() + 3500_000);
  });

  it('refuses a code exchanged with the wrong verifier', async () => {
    const auth = oauthClient();
    const { code } = await authorize(auth);
    const { codeVerifier: wrong } = await auth.generateCodeVerifierAsync();
    const error = await failure(auth.getToken({ code, codeVerifier: wrong }));
    expect(error.status).toBe(400);
    expect(error.response?.data).toEqual({
      error: 'invalid_grant',
      error_description: 'Invalid code verifier.',
    });
  });

  it('accepts each code once and for ten minutes only', async () => {
    const auth = oauthClient();
    const first = await authorize(auth);
    await auth.getToken({ code: first.code, codeVerifier: first.codeVerifier });
    const reused = await failure(auth.getToken({ code: first.code, codeVerifier: first.codeVerifier }));
    expect(reused.message).toBe('invalid_grant');

    const second = await authorize(auth);
    skewClock(10 * 60 * 1000 + 1000);
    const late = await failure(auth.getToken({ code: second.code, codeVerifier: second.codeVerifier }));
    expect(late.message).toBe('invalid_grant');
  });

  it('refuses a wrong client secret and a redirect URI that differs from the authorization request', async () => {
    const { code, codeVerifier } = await authorize(oauthClient());
    const badSecret = await failure(oauthClient({ clientSecret: 'guess' }).getToken({ code, codeVerifier }));
    expect(badSecret.status).toBe(401);
    expect(badSecret.response?.data).toMatchObject({ error: 'invalid_client' });

    const other = await authorize(oauthClient());
    const mismatch = await failure(
      oauthClient({ redirectUri: 'http://127.0.0.1:9/elsewhere' }).getToken({
        code: other.code,
        codeVerifier: other.codeVerifier,
      }),
    );
    expect(mismatch.response?.data).toMatchObject({ error: 'redirect_uri_mismatch' });
  });

  it('issues no refresh token without offline access', async () => {
    const { tokens } = await connect({}, { accessType: 'online' });
    expect(tokens.access_token).toBeTruthy();
    expect(tokens.refresh_token).toBeUndefined();
  });

  it('shows an error page for an invalid authorization request', async () => {
    const good = new URLSearchParams({
      client_id: localGoogleClientId,
      redirect_uri: redirectUri,
      response_type: 'code',
      scope: calendarScopes.join(' '),
      code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
      code_challenge_method: 'S256',
    });
    const variant = (changes: Record<string, string | null>) => {
      const params = new URLSearchParams(good);
      for (const [name, value] of Object.entries(changes))
        value === null ? params.delete(name) : params.set(name, value);
      return fetch(`${base}/_google/o/oauth2/v2/auth?${params}`);
    };
    expect((await variant({})).status).toBe(200);
    const invalid: Record<string, string | null>[] = [
      { client_id: 'someone-else' },
      { redirect_uri: null },
      { response_type: 'token' },
      { code_challenge_method: null },
      { code_challenge_method: 'plain' },
      { code_challenge: null },
    ];
    for (const changes of invalid) {
      const response = await variant(changes);
      expect(response.status, JSON.stringify(changes)).toBe(400);
      expect(response.headers.get('content-type')).toContain('text/html');
      expect(await response.text()).toContain('Local Google stand-in');
    }
  });

  it('redirects with access_denied when the user denies', async () => {
    const auth = oauthClient();
    const { codeChallenge } = await auth.generateCodeVerifierAsync();
    const page = await fetch(
      auth.generateAuthUrl({
        scope: calendarScopes,
        state: 'xyz',
        code_challenge: codeChallenge,
        code_challenge_method: CodeChallengeMethod.S256,
      }),
    );
    const response = await decide(consentForm(await page.text()), 'deny');
    const location = new URL(response.headers.get('location')!);
    expect(response.status).toBe(302);
    expect(location.searchParams.get('error')).toBe('access_denied');
    expect(location.searchParams.get('state')).toBe('xyz');
    expect(location.searchParams.has('code')).toBe(false);
  });

  it('revokes a refresh token and the access tokens issued from it', async () => {
    const { auth, api, tokens } = await connect();
    await auth.revokeToken(tokens.refresh_token!);
    const call = await failure(api.calendarList.list());
    expect(call.status).toBe(401);
    const refresh = await failure(auth.refreshAccessToken());
    expect(refresh.message).toBe('invalid_grant');

    const unknown = await failure(auth.revokeToken(tokens.refresh_token!));
    expect(unknown.status).toBe(400);
    expect(unknown.response?.data).toMatchObject({ error: 'invalid_token' });
  });

  it('revokes the whole grant when the app revokes its access token', async () => {
    const { auth, tokens } = await connect();
    await auth.revokeCredentials();
    const fresh = oauthClient();
    fresh.setCredentials({ refresh_token: tokens.refresh_token });
    expect((await failure(fresh.getAccessToken())).message).toBe('invalid_grant');
  });
});

describe('LocalGoogle expired and revoked access', () => {
  it('lets a client with forceRefreshOnFailure recover from expired access tokens by refreshing', async () => {
    const { auth, api, tokens } = await connect({ forceRefreshOnFailure: true });
    await api.calendarList.list();
    expect((await control('POST', '/expire-access-tokens')).status).toBe(200);
    const { data } = await api.calendarList.list();
    expect(data.items).toHaveLength(3);
    expect(auth.credentials.access_token).not.toBe(tokens.access_token);
  });

  it('surfaces the 401 to a client that trusts its token’s expiry date and has no forceRefreshOnFailure', async () => {
    const { api } = await connect();
    await control('POST', '/expire-access-tokens');
    expect((await failure(api.calendarList.list())).status).toBe(401);
  });

  it('surfaces invalid_grant after the user removes the app’s access', async () => {
    const { api, tokens } = await connect({ forceRefreshOnFailure: true });
    await control('POST', '/revoke-all');
    const error = await failure(api.calendarList.list());
    expect(error.message).toBe('invalid_grant');
    expect(error.status).toBe(400);
    expect(error.response?.data).toEqual({
      error: 'invalid_grant',
      error_description: 'Token has been expired or revoked.',
    });

    // A client built from the stored refresh token alone fails the same way on its first call.
    const stored = oauthClient();
    stored.setCredentials({ refresh_token: tokens.refresh_token });
    const fresh = calendar({ version: 'v3', auth: stored, rootUrl: `${base}/_google/` });
    expect((await failure(fresh.calendarList.list())).message).toBe('invalid_grant');
  });
});

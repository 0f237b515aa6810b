import type { IncomingHttpHeaders } from 'node:http';
import { escapeHtml } from '../../../shared/email/render';
import type { EmulatorResponse } from '../ses';
import { GoogleApiError, html, invalidCredentials, json, oauthError, page } from './http';
import {
  type AccessGrant,
  accessTokenSeconds,
  codeLifetimeMs,
  type GoogleOperation,
  localGoogleAccount,
  localGoogleClientId,
  localGoogleClientSecret,
  operationScopes,
  scope,
  scopeDescriptions,
  scopePrefix,
} from './state';
import type { GoogleStore } from './store';
import { idToken, isAddress, parseJson, s256, secret } from './values';

/** OAuth 2.0 as Google answers it: the consent page, the token endpoint, revocation and bearer tokens. */
export class LocalGoogleOAuth {
  constructor(private readonly store: GoogleStore) {}

  private readAuthRequest(params: URLSearchParams):
    | {
        readonly clientId: string;
        readonly redirectUri: string;
        readonly scopes: string[];
        readonly challenge: string;
        readonly offline: boolean;
        readonly loginHint: string | null;
      }
    | { readonly error: string; readonly description: string } {
    const clientId = params.get('client_id');
    if (!clientId) return { error: 'invalid_request', description: 'Missing required parameter: client_id' };
    if (clientId !== localGoogleClientId)
      return { error: 'invalid_client', description: 'The OAuth client was not found.' };
    const redirectUri = params.get('redirect_uri');
    if (!redirectUri)
      return { error: 'invalid_request', description: 'Missing required parameter: redirect_uri' };
    let redirect: URL;
    try {
      redirect = new URL(redirectUri);
    } catch {
      return { error: 'invalid_request', description: 'Invalid parameter value for redirect_uri' };
    }
    if (!/^https?:$/.test(redirect.protocol) || redirect.hash)
      return { error: 'invalid_request', description: 'Invalid parameter value for redirect_uri' };
    const responseType = params.get('response_type');
    if (responseType !== 'code')
      return {
        error: 'unsupported_response_type',
        description: `Invalid response_type: ${responseType ?? '(missing)'}; the stand-in issues authorization codes only`,
      };
    const scopes = (params.get('scope') ?? '').split(/\s+/).filter(Boolean);
    if (scopes.length === 0)
      return { error: 'invalid_request', description: 'Missing required parameter: scope' };
    const unknown = scopes.filter(
      (s) => !s.startsWith(scopePrefix) && !['openid', 'email', 'profile'].includes(s),
    );
    if (unknown.length > 0)
      return {
        error: 'invalid_scope',
        description: `Some requested scopes were invalid: ${unknown.join(' ')}`,
      };
    const method = params.get('code_challenge_method');
    const challenge = params.get('code_challenge');
    if (method !== 'S256')
      return {
        error: 'invalid_request',
        description: `code_challenge_method must be S256 (got ${method ?? 'none'}); the stand-in requires PKCE`,
      };
    if (!challenge || !/^[A-Za-z0-9_-]{43,128}$/.test(challenge))
      return {
        error: 'invalid_request',
        description: 'Invalid code_challenge: expected base64url of a SHA-256',
      };
    const hint = params.get('login_hint');
    return {
      clientId,
      redirectUri,
      scopes,
      challenge,
      offline: params.get('access_type') === 'offline',
      loginHint: hint && isAddress(hint) ? hint : null,
    };
  }

  consentPage(params: URLSearchParams): EmulatorResponse {
    const request = this.readAuthRequest(params);
    if ('error' in request) return this.authErrorPage(400, `${request.error}: ${request.description}`);
    const hidden = [...params.entries()]
      .map(([name, value]) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`)
      .join('\n');
    const scopes = request.scopes
      .map(
        (s) =>
          `<li>${escapeHtml(scopeDescriptions[s] ?? 'Access to a Google API')}<br><code>${escapeHtml(s)}</code></li>`,
      )
      .join('\n');
    const redirectHost = new URL(request.redirectUri).host;
    return html(
      200,
      page(
        'Sign in with Google · Local Google stand-in',
        `<p class="badge">Local Google stand-in · nothing on this page talks to Google</p>
<h1>Portico (local) wants to access your Google Account</h1>
<form method="post" action="/_google/o/oauth2/v2/auth/decision">
<p class="account"><label>Signed in as <input type="email" name="account" required value="${escapeHtml(request.loginHint ?? localGoogleAccount)}"></label>
<span class="meta">(any address: the stand-in has no passwords)</span></p>
<p>This will allow Portico to:</p>
<ul class="scopes">${scopes}</ul>
<p class="meta">${request.offline ? 'Offline access: Portico keeps access when you are not using it (a refresh token is issued).' : 'Online access only: no refresh token is issued.'}
After your choice you return to <strong>${escapeHtml(redirectHost)}</strong>.</p>
${hidden}
<div class="buttons"><button type="submit" name="decision" value="deny" class="secondary">Deny</button>
<button type="submit" name="decision" value="allow">Allow</button></div>
</form>`,
      ),
    );
  }

  decide(form: URLSearchParams): EmulatorResponse {
    const request = this.readAuthRequest(form);
    if ('error' in request) return this.authErrorPage(400, `${request.error}: ${request.description}`);
    const decision = form.get('decision');
    if (decision !== 'allow' && decision !== 'deny')
      return this.authErrorPage(400, 'invalid_request: decision must be allow or deny');
    const account = (form.get('account') ?? '').trim().toLowerCase() || localGoogleAccount;
    if (!isAddress(account))
      return this.authErrorPage(400, 'invalid_request: the account must be an email address');
    const location = new URL(request.redirectUri);
    const state = form.get('state');
    if (decision === 'deny') {
      location.searchParams.set('error', 'access_denied');
    } else {
      const now = this.store.now();
      const code = secret('4/local-');
      // As Google does, `email` and `profile` are granted under their full names.
      const granted = request.scopes.map((s) =>
        s === 'email' || s === 'profile' ? scope(`userinfo.${s}`) : s,
      );
      this.store.state.codes = this.store.state.codes.filter((c) => c.expiresAt > now);
      this.store.state.codes.push({
        code,
        account,
        clientId: request.clientId,
        redirectUri: request.redirectUri,
        scope: granted.join(' '),
        challenge: request.challenge,
        offline: request.offline,
        expiresAt: now + codeLifetimeMs,
      });
      this.store.save();
      location.searchParams.set('code', code);
      location.searchParams.set('scope', granted.join(' '));
    }
    if (state !== null) location.searchParams.set('state', state);
    return { status: 302, headers: { location: location.toString(), 'cache-control': 'no-store' }, body: '' };
  }

  authErrorPage(status: number, detail: string): EmulatorResponse {
    return html(
      status,
      page(
        'Error · Local Google stand-in',
        `<p class="badge">Local Google stand-in</p>
<h1>Access blocked: this request is invalid</h1>
<p>Error ${status}: ${escapeHtml(detail)}</p>`,
      ),
    );
  }

  token(headers: IncomingHttpHeaders, body: Buffer): EmulatorResponse {
    const contentType = String(headers['content-type'] ?? '');
    const form = contentType.startsWith('application/json')
      ? new URLSearchParams(
          Object.entries(parseJson(body.toString('utf8')) ?? {}).map(
            ([k, v]) => [k, String(v)] as [string, string],
          ),
        )
      : new URLSearchParams(body.toString('utf8'));
    let clientId = form.get('client_id');
    let clientSecret = form.get('client_secret');
    const basic = /^Basic\s+(\S+)$/i.exec(String(headers.authorization ?? ''))?.[1];
    if (basic) {
      const [id, ...rest] = Buffer.from(basic, 'base64').toString('utf8').split(':');
      clientId = decodeURIComponent(id ?? '');
      clientSecret = decodeURIComponent(rest.join(':'));
    }
    if (clientId !== localGoogleClientId || clientSecret !== localGoogleClientSecret)
      return oauthError(401, 'invalid_client', 'The OAuth client was not found.');

    const grantType = form.get('grant_type');
    if (grantType === 'authorization_code') return this.exchangeCode(clientId, form);
    if (grantType === 'refresh_token') return this.refresh(clientId, form);
    return oauthError(400, 'unsupported_grant_type', `Invalid grant_type: ${grantType ?? ''}`);
  }

  private exchangeCode(clientId: string, form: URLSearchParams): EmulatorResponse {
    const value = form.get('code');
    if (!value) return oauthError(400, 'invalid_request', 'Missing required parameter: code');
    const now = this.store.now();
    const code = this.store.state.codes.find((c) => c.code === value);
    // Single use: whatever happens next, this code is spent.
    this.store.state.codes = this.store.state.codes.filter((c) => c.code !== value && c.expiresAt > now);
    this.store.save();
    if (!code || code.expiresAt <= now || code.clientId !== clientId)
      return oauthError(400, 'invalid_grant', 'Bad Request');
    if (form.get('redirect_uri') !== code.redirectUri)
      return oauthError(400, 'redirect_uri_mismatch', 'Bad Request');
    const verifier = form.get('code_verifier');
    if (!verifier) return oauthError(400, 'invalid_grant', 'Missing code verifier.');
    if (s256(verifier) !== code.challenge) return oauthError(400, 'invalid_grant', 'Invalid code verifier.');

    const refreshToken = code.offline ? secret('1//local-') : undefined;
    if (refreshToken)
      this.store.state.refreshTokens.push({
        token: refreshToken,
        account: code.account,
        clientId: code.clientId,
        scope: code.scope,
        createdAt: now,
      });
    const accessToken = this.issueAccessToken(code.account, code.clientId, code.scope, refreshToken);
    return json(
      200,
      {
        access_token: accessToken,
        expires_in: accessTokenSeconds,
        ...(refreshToken ? { refresh_token: refreshToken } : {}),
        scope: code.scope,
        token_type: 'Bearer',
        ...(code.scope.split(' ').includes('openid')
          ? { id_token: idToken(code.account, code.clientId, code.scope, now) }
          : {}),
      },
      { 'cache-control': 'no-store' },
    );
  }

  private refresh(clientId: string, form: URLSearchParams): EmulatorResponse {
    const value = form.get('refresh_token');
    if (!value) return oauthError(400, 'invalid_request', 'Missing required parameter: refresh_token');
    const grant = this.store.state.refreshTokens.find((g) => g.token === value);
    if (!grant || grant.clientId !== clientId)
      return oauthError(400, 'invalid_grant', 'Token has been expired or revoked.');
    const accessToken = this.issueAccessToken(
      grant.account ?? localGoogleAccount,
      grant.clientId,
      grant.scope,
      grant.token,
    );
    return json(
      200,
      { access_token: accessToken, expires_in: accessTokenSeconds, scope: grant.scope, token_type: 'Bearer' },
      { 'cache-control': 'no-store' },
    );
  }

  private issueAccessToken(
    account: string,
    clientId: string,
    scope: string,
    refreshToken: string | undefined,
  ): string {
    const now = this.store.now();
    const token = secret('ya29.local-');
    this.store.state.accessTokens = this.store.state.accessTokens.filter((t) => t.expiresAt > now);
    this.store.state.accessTokens.push({
      token,
      account,
      clientId,
      scope,
      expiresAt: now + accessTokenSeconds * 1000,
      ...(refreshToken ? { refreshToken } : {}),
    });
    this.store.save();
    return token;
  }

  /** As at Google, revoking an access token revokes the grant it came from, refresh token included. */
  revoke(url: URL, body: Buffer): EmulatorResponse {
    const value = url.searchParams.get('token') ?? new URLSearchParams(body.toString('utf8')).get('token');
    if (!value) return oauthError(400, 'invalid_request', 'Missing required parameter: token');
    const access = this.store.state.accessTokens.find(
      (t) => t.token === value && t.expiresAt > this.store.now(),
    );
    const refreshToken =
      this.store.state.refreshTokens.find((g) => g.token === value)?.token ?? access?.refreshToken;
    if (!access && !refreshToken) return oauthError(400, 'invalid_token', 'Token expired or revoked');
    this.store.state.refreshTokens = this.store.state.refreshTokens.filter((g) => g.token !== refreshToken);
    this.store.state.accessTokens = this.store.state.accessTokens.filter(
      (t) => t.token !== value && (refreshToken === undefined || t.refreshToken !== refreshToken),
    );
    this.store.save();
    return json(200, {});
  }

  authenticate(headers: IncomingHttpHeaders, operation: Exclude<GoogleOperation, 'token'>): AccessGrant {
    const header = headers.authorization;
    if (!header)
      throw new GoogleApiError(
        401,
        'Request is missing required authentication credential. Expected OAuth 2 access token, login cookie or other valid authentication credential.',
        'required',
        { itemMessage: 'Login Required.', location: 'Authorization', locationType: 'header' },
      );
    const value = /^Bearer\s+(\S+)$/i.exec(header)?.[1];
    const grant = this.store.state.accessTokens.find((t) => t.token === value);
    if (!grant || grant.expiresAt <= this.store.now()) throw invalidCredentials();
    const granted = grant.scope.split(' ');
    if (!operationScopes[operation].some((s) => granted.includes(s)))
      throw new GoogleApiError(
        403,
        'Request had insufficient authentication scopes.',
        'insufficientPermissions',
        {
          itemMessage: 'Insufficient Permission',
        },
      );
    return grant;
  }
}

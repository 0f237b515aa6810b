import { describe, expect, it } from 'vitest';
import { mimeEmail } from '../../../shared/email/send';
import type { GoogleConfig } from '../../../shared/google/config';
import {
  GoogleAccessRevokedError,
  GoogleForbiddenError,
  GoogleRequestRefusedError,
  GoogleUnavailableError,
} from '../../../shared/google/errors';
import { authorizationRequest, exchangeCode } from '../../../shared/google/oauth';
import {
  calendarEventsScope,
  connectWorkspace,
  gmailSendScope,
  sheetsScope,
  workspaceScopes,
} from '../../../shared/google/workspace';
import { base, calendarScopes, consentForm, control, decide, serveStandIn } from './harness';
import { localGoogleAccount, localGoogleClientId, localGoogleClientSecret } from './index';

serveStandIn();

describe('LocalGoogle Gmail and Sheets, through the clients organizations use', () => {
  const workspaceRedirect = 'http://127.0.0.1:5173/google-workspace/callback';
  const config = (): GoogleConfig => ({
    clientId: localGoogleClientId,
    clientSecret: localGoogleClientSecret,
    apiRoot: `${base}/_google/`,
    endpoints: {
      oauth2AuthBaseUrl: `${base}/_google/o/oauth2/v2/auth`,
      oauth2TokenUrl: `${base}/_google/token`,
      oauth2RevokeUrl: `${base}/_google/revoke`,
    },
    standIn: true,
  });

  /** Consent as `account` through Portico's own OAuth calls; returns the exchanged tokens. */
  const consentAs = async (account: string, scopes: readonly string[] = workspaceScopes) => {
    const request = await authorizationRequest(config(), workspaceRedirect, 'state-w', { scopes });
    const page = await (await fetch(request.url)).text();
    expect(page).toContain('name="account"');
    const form = consentForm(page);
    form.set('account', account);
    const response = await decide(form, 'allow');
    const location = new URL(response.headers.get('location')!);
    return exchangeCode(
      config(),
      workspaceRedirect,
      location.searchParams.get('code')!,
      request.codeVerifier,
    );
  };

  const mime = (from: string, to: string) =>
    mimeEmail(
      [to],
      {
        subject: 'Your quote from Brightside — grüße',
        text: 'Hello Ada',
        html: '<p>Hello Ada</p>',
        unsubscribeUrl: 'https://portico.test/api/unsubscribe?token=abc.def',
      },
      { senderName: 'Brightside Plumbing', fromAddress: from, replyTo: 'dana@brightside.example' },
    );

  it('issues an ID token naming the account chosen on the consent page, and grants `email` by its full name', async () => {
    const page = await (
      await fetch(
        (
          await authorizationRequest(config(), workspaceRedirect, 's', { scopes: workspaceScopes })
        ).url,
      )
    ).text();
    expect(page).toContain('Send email on your behalf');
    expect(page).toContain('See, edit, create and delete all your Google Sheets spreadsheets');

    const tokens = await consentAs('Office@Brightside.example');
    expect(tokens.email).toBe('office@brightside.example');
    expect(tokens.refreshToken).toMatch(/^1\/\//);
    expect(tokens.scopes).toEqual([
      'openid',
      'https://www.googleapis.com/auth/userinfo.email',
      gmailSendScope,
      sheetsScope,
      calendarEventsScope,
    ]);
    const state = (await control('GET', '/state.json')).body as { refreshTokens: { account: string }[] };
    expect(state.refreshTokens.map((grant) => grant.account)).toEqual(['office@brightside.example']);
  });

  it('sends a MIME message as the signed-in account, keeps it with its headers, and shows it on the page', async () => {
    const { refreshToken } = await consentAs('office@brightside.example');
    const client = connectWorkspace(config(), refreshToken!);

    const id = await client.sendMail(mime('office@brightside.example', 'ada@example.com'));

    expect(id).toMatch(/^[0-9a-f]{16}$/);
    const { messages } = (await control('GET', '/state.json')).body as {
      messages: {
        id: string;
        from: string;
        to: string[];
        subject: string;
        headers: Record<string, string>;
      }[];
    };
    expect(messages).toEqual([
      expect.objectContaining({
        id,
        from: 'Brightside Plumbing <office@brightside.example>',
        to: ['ada@example.com'],
        subject: 'Your quote from Brightside — grüße',
      }),
    ]);
    expect(messages[0]!.headers['list-unsubscribe']).toBe(
      '<https://portico.test/api/unsubscribe?token=abc.def>',
    );
    expect(messages[0]!.headers['list-unsubscribe-post']).toBe('List-Unsubscribe=One-Click');
    expect(messages[0]!.headers['reply-to']).toBe('dana@brightside.example');
    const page = await (await fetch(`${base}/_local/google`)).text();
    expect(page).toContain('Gmail: messages sent');
    expect(page).toContain('Your quote from Brightside — grüße');
    expect(page).toContain('ada@example.com');
  });

  it('sends from the signed-in account whatever the From header says', async () => {
    const { refreshToken } = await consentAs('office@brightside.example');
    await connectWorkspace(config(), refreshToken!).sendMail(mime('someone@else.example', 'ada@example.com'));
    const { messages } = (await control('GET', '/state.json')).body as { messages: { from: string }[] };
    expect(messages[0]!.from).toBe('Brightside Plumbing <office@brightside.example>');
  });

  it('refuses Gmail without the gmail.send scope, and a message without a recipient', async () => {
    const calendarOnly = await consentAs('office@brightside.example', ['openid', 'email', ...calendarScopes]);
    await expect(
      connectWorkspace(config(), calendarOnly.refreshToken!).sendMail(mime('x@y.example', 'ada@example.com')),
    ).rejects.toBeInstanceOf(GoogleForbiddenError);

    const { refreshToken } = await consentAs('office@brightside.example');
    const noRecipient = 'From: office@brightside.example\r\nSubject: Hi\r\n\r\nHello';
    const refused = await connectWorkspace(config(), refreshToken!)
      .sendMail(noRecipient)
      .catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(GoogleRequestRefusedError);
    expect((refused as Error).message).toBe('Google refused the request: Recipient address required');
    expect((await control('GET', '/state.json')).body.messages).toEqual([]);
  });

  it('appends rows after the last one, as text, and says which range it wrote', async () => {
    const { refreshToken } = await consentAs('office@brightside.example');
    const client = connectWorkspace(config(), refreshToken!);
    await control('POST', '/spreadsheets/sheet-1/sheets', {
      title: 'Lead list',
      account: 'office@brightside.example',
    });

    const first = await client.appendRow('sheet-1', "'Lead list'", ['2026-05-01 10:00', 'Ada', '=1+1']);
    const second = await client.appendRow('sheet-1', "'Lead list'!A:H", ['2026-05-01 11:00', 'Bob']);
    const firstSheet = await client.appendRow('sheet-1', 'A1', ['on the first sheet']);

    expect(first.updatedRange).toBe("'Lead list'!A1:C1");
    expect(second.updatedRange).toBe("'Lead list'!A2:B2");
    expect(firstSheet.updatedRange).toBe('Sheet1!A1:A1');
    const { spreadsheets } = (await control('GET', '/state.json')).body as {
      spreadsheets: { id: string; account: string; sheets: { title: string; rows: string[][] }[] }[];
    };
    expect(spreadsheets).toEqual([
      {
        id: 'sheet-1',
        account: 'office@brightside.example',
        sheets: [
          { title: 'Sheet1', rows: [['on the first sheet']] },
          {
            title: 'Lead list',
            rows: [
              ['2026-05-01 10:00', 'Ada', '=1+1'],
              ['2026-05-01 11:00', 'Bob'],
            ],
          },
        ],
      },
    ]);
    const page = await (await fetch(`${base}/_local/google`)).text();
    expect(page).toContain('Google Sheets');
    expect(page).toContain('=1+1');
  });

  it("refuses a sheet the spreadsheet does not have, and another account's spreadsheet", async () => {
    const office = await consentAs('office@brightside.example');
    const other = await consentAs('someone@northwind.example');
    await connectWorkspace(config(), office.refreshToken!).appendRow('sheet-2', 'Sheet1', ['first']);

    const badRange = await connectWorkspace(config(), office.refreshToken!)
      .appendRow('sheet-2', 'Leads', ['x'])
      .catch((error: unknown) => error);
    expect(badRange).toBeInstanceOf(GoogleRequestRefusedError);
    expect((badRange as Error).message).toContain('Unable to parse range: Leads');
    await expect(
      connectWorkspace(config(), other.refreshToken!).appendRow('sheet-2', 'Sheet1', ['x']),
    ).rejects.toBeInstanceOf(GoogleForbiddenError);
  });

  it('answers injected faults and one account’s revocation as the clients classify them', async () => {
    const office = await consentAs('office@brightside.example');
    const operator = await consentAs(localGoogleAccount);
    const client = connectWorkspace(config(), office.refreshToken!);
    await control('POST', '/faults', { operation: 'gmail.send', status: 503 });
    await control('POST', '/faults', { operation: 'sheets.append', status: 500 });

    await expect(client.sendMail(mime('office@brightside.example', 'a@example.com'))).rejects.toBeInstanceOf(
      GoogleUnavailableError,
    );
    await expect(client.appendRow('sheet-3', 'A1', ['x'])).rejects.toBeInstanceOf(GoogleUnavailableError);

    // Its refresh token, the exchange's access token and the one the client refreshed for itself.
    expect((await control('POST', '/revoke-all', { account: 'office@brightside.example' })).body).toEqual({
      revoked: 3,
    });
    await expect(client.sendMail(mime('office@brightside.example', 'a@example.com'))).rejects.toBeInstanceOf(
      GoogleAccessRevokedError,
    );
    // The other account's grant is untouched.
    await connectWorkspace(config(), operator.refreshToken!).appendRow('sheet-4', 'A1', ['still works']);
  });
});

import { randomBytes } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { parseMimeMessage } from '../mime-parse';
import type { EmulatorResponse } from '../ses';
import { badRequest, GoogleApiError, json, notFound } from './http';
import type { LocalGoogleOAuth } from './oauth';
import { keptMessages, localGoogleAccount } from './state';
import type { GoogleStore } from './store';
import { isAddress, readJsonBody } from './values';

/** Gmail v1 `messages.send`: a message is kept, not delivered. */
export class LocalGmail {
  constructor(
    private readonly store: GoogleStore,
    private readonly oauth: LocalGoogleOAuth,
  ) {}

  /** `users.messages.send`: the message is kept (and shown on the page), never delivered. */
  async handle(
    method: string,
    apiPath: string,
    headers: IncomingHttpHeaders,
    body: Buffer,
  ): Promise<EmulatorResponse> {
    const match = /^\/users\/([^/]+)\/messages\/send$/.exec(apiPath);
    if (!match || method !== 'POST') throw notFound();
    const faulted = await this.store.fault('gmail.send');
    if (faulted) return faulted;
    const grant = this.oauth.authenticate(headers, 'gmail.send');
    const account = grant.account ?? localGoogleAccount;
    const userId = decodeURIComponent(match[1]!);
    if (userId !== 'me' && userId.toLowerCase() !== account)
      throw new GoogleApiError(403, `Delegation denied for ${account}`, 'forbidden');
    const input = readJsonBody(body);
    if (typeof input.raw !== 'string' || input.raw === '')
      throw badRequest(
        "'raw' RFC822 payload message string or uploading message via /upload/* URL required",
        'invalidArgument',
      );
    // Google takes the URL-safe alphabet (and, leniently, the standard one); Node decodes both.
    const parsed = parseMimeMessage(Buffer.from(input.raw, 'base64').toString('utf8'));
    const to = ['to', 'cc', 'bcc'].flatMap((name) => mailboxes(parsed.headers[name] ?? ''));
    if (to.length === 0) throw badRequest('Recipient address required', 'invalidArgument');
    if (to.some((address) => !isAddress(address)))
      throw badRequest(`Invalid To header: ${parsed.headers.to ?? ''}`, 'invalidArgument');
    // Gmail sends from the signed-in account whatever the From header says (no send-as aliases here).
    const name = displayName(parsed.headers.from ?? '');
    const id = randomBytes(8).toString('hex');
    this.store.state.messages.push({
      id,
      threadId: id,
      account,
      from: name ? `${name} <${account}>` : account,
      to,
      subject: parsed.headers.subject ?? '',
      headers: parsed.headers,
      text: parsed.text,
      html: parsed.html,
      sentAt: this.store.now(),
    });
    this.store.state.messages = this.store.state.messages.slice(-keptMessages);
    this.store.save();
    return json(200, { id, threadId: id, labelIds: ['SENT'] });
  }
}

/** The addresses of an address-list header (`a@x, "B" <b@y>`). */
export const mailboxes = (header: string): string[] =>
  header
    .split(',')
    .map((part) => (/<([^<>]+)>/.exec(part)?.[1] ?? part).trim().toLowerCase())
    .filter(Boolean);

/** The display name of a `"Name" <address>` mailbox, or empty. */
export const displayName = (mailbox: string): string =>
  (/^\s*"?([^"<]*?)"?\s*</.exec(mailbox)?.[1] ?? '').trim();

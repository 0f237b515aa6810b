import { randomBytes } from 'node:crypto';
import { PermanentError } from '../events/errors';

/**
 * A MIME message (RFC 5322 + 2045–2047) for SES `SendRawEmail`: the one way SES v1 lets a sender set its
 * own headers, such as `List-Unsubscribe`. HTML and plain text travel as `multipart/alternative`, each part
 * base64-encoded, so any UTF-8 text survives 7-bit transports unchanged.
 */
export interface MimeMessage {
  /** `address` or `Name <address>`. */
  readonly from: string;
  readonly to: readonly string[];
  readonly subject: string;
  readonly text: string;
  readonly html: string;
  /** Extra headers; names and values must be single lines. */
  readonly headers?: Readonly<Record<string, string>>;
  readonly date?: Date;
  /** Fixed in tests; random otherwise. */
  readonly boundary?: string;
}

/** No retry can send it: the same value would hold the same line break. */
export class HeaderInjectionError extends PermanentError {
  constructor(name: string) {
    super(`The ${name} header holds a line break`);
    this.name = 'HeaderInjectionError';
  }
}

const isAscii = (value: string) => /^[\x20-\x7e]*$/.test(value);

/** RFC 2047 encoded words, split so no line grows past 76 characters and no UTF-8 sequence is cut. */
export const encodeWords = (value: string): string => {
  if (isAscii(value)) return value;
  const words: string[] = [];
  let chunk = '';
  for (const char of value) {
    if (Buffer.byteLength(chunk + char, 'utf8') > 39) {
      words.push(chunk);
      chunk = '';
    }
    chunk += char;
  }
  if (chunk) words.push(chunk);
  return words.map((word) => `=?UTF-8?B?${Buffer.from(word, 'utf8').toString('base64')}?=`).join('\r\n ');
};

/** `Name <address>` with the name quoted or encoded as needed; a bare address stays as is. */
export const formatAddress = (mailbox: string): string => {
  const match = /^\s*(.*?)\s*<([^<>\s]+@[^<>\s]+)>\s*$/.exec(mailbox);
  if (!match?.[1]) return mailbox.trim();
  const name = match[1].replace(/^"(.*)"$/, '$1');
  const display = isAscii(name) ? `"${name.replace(/(["\\])/g, '\\$1')}"` : encodeWords(name);
  return `${display} <${match[2]}>`;
};

const base64Lines = (value: string) =>
  (
    Buffer.from(value, 'utf8')
      .toString('base64')
      .match(/.{1,76}/g) ?? []
  ).join('\r\n');

const header = (name: string, value: string) => {
  if (/[\r\n]/.test(name) || /[\r\n]/.test(value)) throw new HeaderInjectionError(name);
  return `${name}: ${value}`;
};

export const buildMimeMessage = (message: MimeMessage): string => {
  const boundary = message.boundary ?? `portico-${randomBytes(12).toString('hex')}`;
  // Encoded words fold themselves, so the subject is checked before it is encoded.
  if (/[\r\n]/.test(message.subject)) throw new HeaderInjectionError('Subject');
  const lines = [
    header('From', formatAddress(message.from)),
    header('To', message.to.map(formatAddress).join(', ')),
    `Subject: ${encodeWords(message.subject)}`,
    header('Date', (message.date ?? new Date()).toUTCString().replace('GMT', '+0000')),
    'MIME-Version: 1.0',
    ...Object.entries(message.headers ?? {}).map(([name, value]) => header(name, value)),
    `Content-Type: multipart/alternative; boundary="${boundary}"`,
    '',
    `--${boundary}`,
    'Content-Type: text/plain; charset=UTF-8',
    'Content-Transfer-Encoding: base64',
    '',
    base64Lines(message.text),
    `--${boundary}`,
    'Content-Type: text/html; charset=UTF-8',
    'Content-Transfer-Encoding: base64',
    '',
    base64Lines(message.html),
    `--${boundary}--`,
    '',
  ];
  return lines.join('\r\n');
};

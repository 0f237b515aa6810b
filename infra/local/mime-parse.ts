export interface ParsedMessage {
  readonly headers: Record<string, string>;
  readonly text: string;
  readonly html: string;
}

const decodeWords = (value: string): string =>
  value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?([^?]+)\?([BbQq])\?([^?]*)\?=/g, (_, _charset: string, encoding: string, data: string) =>
      encoding.toUpperCase() === 'B'
        ? Buffer.from(data, 'base64').toString('utf8')
        : Buffer.from(
            data
              .replace(/_/g, ' ')
              .replace(/=([0-9A-Fa-f]{2})/g, (__, hex: string) =>
                String.fromCharCode(Number.parseInt(hex, 16)),
              ),
            'latin1',
          ).toString('utf8'),
    );

const splitHead = (raw: string): { head: string; body: string } => {
  const index = raw.search(/\r?\n\r?\n/);
  if (index < 0) return { head: raw, body: '' };
  const separator = /\r?\n\r?\n/.exec(raw.slice(index))![0];
  return { head: raw.slice(0, index), body: raw.slice(index + separator.length) };
};

const parseHeaders = (head: string): Record<string, string> => {
  const headers: Record<string, string> = {};
  for (const line of head.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    headers[line.slice(0, colon).trim().toLowerCase()] = decodeWords(line.slice(colon + 1).trim());
  }
  return headers;
};

const decodeBody = (body: string, encoding: string | undefined): string => {
  switch ((encoding ?? '7bit').toLowerCase()) {
    case 'base64':
      return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
    case 'quoted-printable':
      return Buffer.from(
        body
          .replace(/=\r?\n/g, '')
          .replace(/=([0-9A-Fa-f]{2})/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16))),
        'latin1',
      ).toString('utf8');
    default:
      return body;
  }
};

const boundaryOf = (contentType: string | undefined) => /boundary="?([^";]+)"?/i.exec(contentType ?? '')?.[1];

const collect = (raw: string, into: { text: string; html: string }) => {
  const { head, body } = splitHead(raw);
  const headers = parseHeaders(head);
  const type = (headers['content-type'] ?? 'text/plain').toLowerCase();
  const boundary = boundaryOf(headers['content-type']);
  if (type.startsWith('multipart/') && boundary) {
    const parts = body.split(`--${boundary}`).slice(1);
    for (const part of parts) {
      if (part.startsWith('--')) break;
      collect(part.replace(/^\r?\n/, ''), into);
    }
    return;
  }
  const content = decodeBody(body, headers['content-transfer-encoding']).replace(/\r?\n$/, '');
  if (type.startsWith('text/html')) into.html ||= content;
  else if (type.startsWith('text/plain')) into.text ||= content;
};

export const parseMimeMessage = (raw: string): ParsedMessage => {
  const { head } = splitHead(raw);
  const into = { text: '', html: '' };
  collect(raw, into);
  return { headers: parseHeaders(head), ...into };
};

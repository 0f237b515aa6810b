import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { escapeHtml } from '../../shared/email/render';

export interface OutboxMessage {
  readonly id: string;
  readonly from: string;
  readonly to: string[];
  readonly subject: string;
  readonly text: string;
  readonly html: string;
  /** Headers of a raw (MIME) message, names lower-cased; absent for `SendEmail`. */
  readonly headers?: Readonly<Record<string, string>>;
  readonly sentAt: string;
}

/** Every email the local SES accepted, newest first; kept in a file when the cloud keeps data. */
export class Outbox {
  private messages: OutboxMessage[];

  constructor(private readonly file: string | undefined) {
    this.messages =
      file && existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as OutboxMessage[]) : [];
  }

  add(message: Omit<OutboxMessage, 'id' | 'sentAt'>): OutboxMessage {
    const stored = { ...message, id: randomUUID(), sentAt: new Date().toISOString() };
    this.messages.unshift(stored);
    if (this.file) writeFileSync(this.file, JSON.stringify(this.messages, null, 1));
    return stored;
  }

  list(): readonly OutboxMessage[] {
    return this.messages;
  }

  /** The page a developer opens to read what Portico sent; each HTML body renders in a sandboxed frame. */
  renderPage(): string {
    const items = this.messages
      .map(
        (m) => `<article>
<h2>${escapeHtml(m.subject)}</h2>
<p class="meta">To ${escapeHtml(m.to.join(', '))} · from ${escapeHtml(m.from)} · <time>${escapeHtml(m.sentAt)}</time></p>${
          m.headers?.['list-unsubscribe']
            ? `\n<p class="meta">List-Unsubscribe: <code>${escapeHtml(m.headers['list-unsubscribe'])}</code>${
                m.headers['list-unsubscribe-post']
                  ? ` · List-Unsubscribe-Post: <code>${escapeHtml(m.headers['list-unsubscribe-post'])}</code>`
                  : ''
              }</p>`
            : ''
        }${
          m.headers
            ? `\n<details><summary>Headers</summary><pre>${escapeHtml(
                Object.entries(m.headers)
                  .map(([name, value]) => `${name}: ${value}`)
                  .join('\n'),
              )}</pre></details>`
            : ''
        }
<iframe title="${escapeHtml(m.subject)}" sandbox srcdoc="${escapeHtml(m.html)}"></iframe>
<details><summary>Plain text</summary><pre>${escapeHtml(m.text)}</pre></details>
</article>`,
      )
      .join('\n');
    return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Local outbox · Portico</title><style>
body{font-family:system-ui,sans-serif;max-width:900px;margin:0 auto;padding:24px;color:#1f2328}
article{border:1px solid #d0d7de;border-radius:8px;padding:16px;margin:16px 0}h2{margin:0 0 4px;font-size:18px}
.meta{color:#57606a;margin:0 0 12px}iframe{width:100%;height:360px;border:1px solid #eee;border-radius:4px}
pre{white-space:pre-wrap;background:#f6f8fa;padding:12px}</style></head><body>
<h1>Local outbox</h1><p>Emails sent through the local SES endpoint (${this.messages.length}). Nothing here leaves this machine. <a href="/_local/outbox.json">JSON</a></p>
${items || '<p>No emails yet.</p>'}</body></html>`;
  }
}

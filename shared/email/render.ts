export interface EmailBranding {
  readonly name: string;
  readonly color: string;
  readonly logoUrl: string | null;
}

export type Block =
  | { readonly kind: 'paragraph'; readonly text: string }
  | { readonly kind: 'button'; readonly label: string; readonly url: string }
  | { readonly kind: 'note'; readonly text: string }
  | { readonly kind: 'heading'; readonly text: string }
  | { readonly kind: 'list'; readonly items: readonly string[] }
  /** Label and value rows, e.g. a digest's figures. */
  | { readonly kind: 'facts'; readonly rows: readonly (readonly [label: string, value: string])[] };

export interface RenderedEmail {
  readonly subject: string;
  readonly html: string;
  readonly text: string;
  /** One-click unsubscribe link of this message; the sender puts it in the `List-Unsubscribe` header too. */
  readonly unsubscribeUrl?: string;
}

/** Mail that goes out on its own (automations, digests) says why it came and how to stop it. */
export interface FooterOptions {
  /** Why the reader gets this email, e.g. "You asked Brightside Plumbing for a quote." */
  readonly reason?: string;
  readonly unsubscribeUrl?: string;
}

const htmlBlock = (block: Block, color: string): string => {
  switch (block.kind) {
    case 'paragraph':
      return `<p style="margin:0 0 16px;line-height:1.5">${escapeHtml(block.text)}</p>`;
    case 'note':
      return `<p style="margin:0 0 16px;line-height:1.5;color:#555;font-size:13px">${escapeHtml(block.text)}</p>`;
    case 'heading':
      return `<h2 style="margin:24px 0 8px;font-size:16px;color:${color}">${escapeHtml(block.text)}</h2>`;
    case 'list':
      return `<ul style="margin:0 0 16px;padding-left:20px;line-height:1.5">${block.items.map((item) => `<li>${escapeHtml(item)}</li>`).join('')}</ul>`;
    case 'facts':
      return `<table role="presentation" style="margin:0 0 16px;border-collapse:collapse;width:100%">${block.rows
        .map(
          ([label, value]) =>
            `<tr><td style="padding:4px 12px 4px 0;color:#555">${escapeHtml(label)}</td><td style="padding:4px 0;font-weight:600;text-align:right">${escapeHtml(value)}</td></tr>`,
        )
        .join('')}</table>`;
    default:
      return `<p style="margin:24px 0"><a href="${escapeHtml(block.url)}" style="background:${color};color:#fff;padding:12px 20px;border-radius:6px;text-decoration:none;display:inline-block">${escapeHtml(block.label)}</a></p>`;
  }
};

const textBlock = (block: Block): string => {
  switch (block.kind) {
    case 'button':
      return `${block.label}: ${block.url}`;
    case 'heading':
      return `${block.text}\n${'-'.repeat(Math.min(block.text.length, 60))}`;
    case 'list':
      return block.items.map((item) => `- ${item}`).join('\n');
    case 'facts':
      return block.rows.map(([label, value]) => `${label}: ${value}`).join('\n');
    default:
      return block.text;
  }
};

export const escapeHtml = (value: string): string =>
  value.replace(
    /[&<>"']/g,
    (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char]!,
  );

const safeColor = (color: string) => (/^#[0-9a-fA-F]{6}$/.test(color) ? color : '#3b5bdb');

export const renderEmail = (
  subject: string,
  blocks: readonly Block[],
  branding: EmailBranding = { name: 'Portico', color: '#3b5bdb', logoUrl: null },
  footer: FooterOptions = {},
): RenderedEmail => {
  const color = safeColor(branding.color);
  const htmlBlocks = blocks.map((block) => htmlBlock(block, color)).join('\n');
  const logo = branding.logoUrl
    ? `<img src="${escapeHtml(branding.logoUrl)}" alt="${escapeHtml(branding.name)}" height="32">`
    : `<strong style="color:${color};font-size:18px">${escapeHtml(branding.name)}</strong>`;
  const footerParts = [
    ...(footer.reason ? [escapeHtml(footer.reason)] : []),
    ...(footer.unsubscribeUrl
      ? [`<a href="${escapeHtml(footer.unsubscribeUrl)}" style="color:#555">Unsubscribe</a>`]
      : []),
  ];
  const footerHtml = footerParts.length
    ? `\n<p style="margin:16px 0 0;color:#6e7781;font-size:12px;line-height:1.5;text-align:center">${footerParts.join(' · ')}</p>`
    : '';
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>
<body style="margin:0;background:#f4f5f7;font-family:system-ui,-apple-system,Segoe UI,sans-serif;color:#1f2328">
<div style="max-width:560px;margin:0 auto;padding:32px 24px">
<div style="margin-bottom:24px">${logo}</div>
<div style="background:#fff;border-radius:8px;padding:24px;border-top:4px solid ${color}">
${htmlBlocks}
</div>${footerHtml}</div></body></html>`;
  const text = blocks.map(textBlock).join('\n\n');
  const textFooter = [
    ...(footer.reason ? [footer.reason] : []),
    ...(footer.unsubscribeUrl ? [`Unsubscribe: ${footer.unsubscribeUrl}`] : []),
  ];
  return {
    subject,
    html,
    text: `${text}\n\n— ${branding.name}\n${textFooter.length ? `\n${textFooter.join('\n')}\n` : ''}`,
    ...(footer.unsubscribeUrl ? { unsubscribeUrl: footer.unsubscribeUrl } : {}),
  };
};

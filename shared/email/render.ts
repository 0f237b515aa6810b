/**
 * The one template system for every email: a branded HTML layout and a plain-text twin, built from the
 * same blocks. Every interpolated value is escaped; templates cannot inject markup by accident.
 */
export interface EmailBranding {
  readonly name: string;
  readonly color: string;
  readonly logoUrl: string | null;
}

export type Block =
  | { readonly kind: 'paragraph'; readonly text: string }
  | { readonly kind: 'button'; readonly label: string; readonly url: string }
  | { readonly kind: 'note'; readonly text: string };

export interface RenderedEmail {
  readonly subject: string;
  readonly html: string;
  readonly text: string;
}

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
): RenderedEmail => {
  const color = safeColor(branding.color);
  const htmlBlocks = blocks
    .map((block) => {
      switch (block.kind) {
        case 'paragraph':
          return `<p style="margin:0 0 16px;line-height:1.5">${escapeHtml(block.text)}</p>`;
        case 'note':
          return `<p style="margin:0 0 16px;line-height:1.5;color:#555;font-size:13px">${escapeHtml(block.text)}</p>`;
        default:
          return `<p style="margin:24px 0"><a href="${escapeHtml(block.url)}" style="background:${color};color:#fff;padding:12px 20px;border-radius:6px;text-decoration:none;display:inline-block">${escapeHtml(block.label)}</a></p>`;
      }
    })
    .join('\n');
  const logo = branding.logoUrl
    ? `<img src="${escapeHtml(branding.logoUrl)}" alt="${escapeHtml(branding.name)}" height="32">`
    : `<strong style="color:${color};font-size:18px">${escapeHtml(branding.name)}</strong>`;
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>
<body style="margin:0;background:#f4f5f7;font-family:system-ui,-apple-system,Segoe UI,sans-serif;color:#1f2328">
<div style="max-width:560px;margin:0 auto;padding:32px 24px">
<div style="margin-bottom:24px">${logo}</div>
<div style="background:#fff;border-radius:8px;padding:24px;border-top:4px solid ${color}">
${htmlBlocks}
</div></div></body></html>`;
  const text = blocks
    .map((block) => (block.kind === 'button' ? `${block.label}: ${block.url}` : block.text))
    .join('\n\n');
  return { subject, html, text: `${text}\n\n— ${branding.name}\n` };
};

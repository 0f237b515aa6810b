import { describe, expect, it } from 'vitest';
import { renderEmail } from './render';

describe('renderEmail', () => {
  it('escapes every interpolated value in the HTML and keeps the plain text readable', () => {
    const email = renderEmail('Hi <b>', [
      { kind: 'paragraph', text: '<script>alert(1)</script> & "quotes"' },
      { kind: 'button', label: 'Go', url: 'https://x.example/?a=1&b="2"' },
    ]);
    expect(email.html).not.toContain('<script>');
    expect(email.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quotes&quot;');
    expect(email.html).toContain('href="https://x.example/?a=1&amp;b=&quot;2&quot;"');
    expect(email.text).toContain('<script>alert(1)</script> & "quotes"');
    expect(email.text).toContain('Go: https://x.example/?a=1&b="2"');
  });

  it('uses the branding colour only when it is a colour', () => {
    const email = renderEmail('x', [], { name: 'Acme', color: 'red;background:url(evil)', logoUrl: null });
    expect(email.html).not.toContain('evil');
  });
});

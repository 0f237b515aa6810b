import { describe, expect, it } from 'vitest';
import { renderEmail } from './render';

describe('renderEmail for automated mail', () => {
  it('renders headings, lists and facts in HTML and plain text, escaping every value', () => {
    const email = renderEmail(
      'Digest',
      [
        { kind: 'heading', text: "Today's <jobs>" },
        { kind: 'list', items: ['09:30 Boiler & pipes', '<b>x</b>'] },
        { kind: 'facts', rows: [['New leads', '3']] },
      ],
      { name: 'Brightside', color: '#0b7285', logoUrl: null },
    );
    expect(email.html).toContain('Today&#39;s &lt;jobs&gt;');
    expect(email.html).toContain('<li>09:30 Boiler &amp; pipes</li><li>&lt;b&gt;x&lt;/b&gt;</li>');
    expect(email.html).toMatch(/New leads<\/td><td[^>]*>3<\/td>/);
    expect(email.text).toContain("Today's <jobs>\n--------------");
    expect(email.text).toContain('- 09:30 Boiler & pipes\n- <b>x</b>');
    expect(email.text).toContain('New leads: 3');
  });

  it('says why the mail came and links the unsubscribe page in both bodies', () => {
    const url = 'https://portico.test/api/unsubscribe?token=a.b';
    const email = renderEmail('Hi', [{ kind: 'paragraph', text: 'Hello' }], undefined, {
      reason: 'You contacted Brightside.',
      unsubscribeUrl: url,
    });
    expect(email.unsubscribeUrl).toBe(url);
    expect(email.html).toContain(`<a href="${url}" style="color:#555">Unsubscribe</a>`);
    expect(email.html).toContain('You contacted Brightside.');
    expect(email.text).toContain(`You contacted Brightside.\nUnsubscribe: ${url}`);
  });

  it('adds no footer to transactional mail', () => {
    const email = renderEmail('Reset', [{ kind: 'paragraph', text: 'Hello' }]);
    expect(email.unsubscribeUrl).toBeUndefined();
    expect(email.text).not.toContain('Unsubscribe');
  });
});

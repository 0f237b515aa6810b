import { describe, expect, it } from 'vitest';
import { createSpeakerInput, updateSpeakerInput } from '../../../shared/conferences/contracts';
import { validate } from '../lib/form';
import { type LinkRow, linkRowErrors, linksFromRows, placedLinkPaths, rowsFromLinks } from './speaker-links';

const row = (label: string, url: string, key = label): LinkRow => ({ key, label, url });

describe('the speaker form’s links', () => {
  it('sends every filled row, trimmed, in order, and leaves untouched empty rows out', () => {
    const { links, rowOf } = linksFromRows([
      row(' Website ', ' https://ada.example '),
      row('', '', 'blank'),
      row('Mastodon', 'https://social.example/@ada'),
    ]);
    expect(links).toEqual([
      { label: 'Website', url: 'https://ada.example' },
      { label: 'Mastodon', url: 'https://social.example/@ada' },
    ]);
    expect(rowOf).toEqual([0, 2]);
  });

  it('keeps a half-filled row, so the edit is checked like a new speaker’s links', () => {
    const rows = [
      row('Website', 'https://ada.example'),
      row('', '', 'blank'),
      row('Blog', 'http://ada.example'),
    ];
    const { links, rowOf } = linksFromRows(rows);
    const onEdit = validate(updateSpeakerInput, { version: 2, links });
    const onCreate = validate(createSpeakerInput, { name: 'Ada', links });
    expect(onEdit.ok).toBe(false);
    expect(onCreate.ok).toBe(false);
    if (onEdit.ok || onCreate.ok) return;
    expect(onEdit.errors['links.1.url']).toBe(onCreate.errors['links.1.url']);
    // The second sent link is the third row: its error shows there, not on the empty row.
    expect(linkRowErrors(onEdit.errors, rowOf, rows.length)).toEqual([
      {},
      {},
      { url: onEdit.errors['links.1.url'] },
    ]);
    expect(placedLinkPaths(rowOf)).toContain('links.1.url');
  });

  it('names a missing label on its row', () => {
    const rows = [row('', 'https://ada.example', 'unnamed')];
    const { links, rowOf } = linksFromRows(rows);
    const result = validate(updateSpeakerInput, { version: 2, links });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(linkRowErrors(result.errors, rowOf, 1)[0]?.label).toBeTruthy();
  });

  it('removes a link by sending the list without it, and clears all with an empty list', () => {
    const rows = rowsFromLinks([
      { label: 'Website', url: 'https://ada.example' },
      { label: 'Blog', url: 'https://blog.ada.example' },
    ]);
    expect(linksFromRows(rows.slice(1)).links).toEqual([{ label: 'Blog', url: 'https://blog.ada.example' }]);
    const cleared = validate(updateSpeakerInput, { version: 2, links: linksFromRows([]).links });
    expect(cleared).toEqual({ ok: true, data: { version: 2, links: [] } });
  });

  it('refuses more links than a speaker may have, on the edit as on creating', () => {
    const links = Array.from({ length: 9 }, (_, index) => ({
      label: `Link ${index}`,
      url: `https://l${index}.example`,
    }));
    const onEdit = validate(updateSpeakerInput, { version: 2, links });
    expect(onEdit).toEqual({ ok: false, errors: { links: 'At most 8 links' } });
    expect(validate(createSpeakerInput, { name: 'Ada', links })).toEqual(onEdit);
  });
});

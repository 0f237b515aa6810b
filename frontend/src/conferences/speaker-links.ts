import type { FieldErrors } from '../lib/form';

/** One row of the speaker form's links: what the organizer typed, with a key that stays with the row. */
export interface LinkRow {
  readonly key: string;
  readonly label: string;
  readonly url: string;
}

export const rowsFromLinks = (links: readonly { label: string; url: string }[]): LinkRow[] =>
  links.map((link) => ({ key: crypto.randomUUID(), label: link.label, url: link.url }));

export const emptyLinkRow = (): LinkRow => ({ key: crypto.randomUUID(), label: '', url: '' });

/**
 * The links a form's rows send: trimmed, and without rows left wholly empty (an added row nobody filled
 * is no link). `rowOf` maps each sent link back to its row, so the API's `links.<n>` errors land on it.
 */
export const linksFromRows = (rows: readonly LinkRow[]) => {
  const links: { label: string; url: string }[] = [];
  const rowOf: number[] = [];
  rows.forEach((row, index) => {
    const label = row.label.trim();
    const url = row.url.trim();
    if (!label && !url) return;
    links.push({ label, url });
    rowOf.push(index);
  });
  return { links, rowOf };
};

/** The errors of each row's label and URL, from errors keyed by the sent list's paths (`links.2.url`). */
export const linkRowErrors = (errors: FieldErrors, rowOf: readonly number[], rowCount: number) => {
  const byRow = Array.from({ length: rowCount }, () => ({}) as { label?: string; url?: string });
  for (const [path, message] of Object.entries(errors)) {
    const match = /^links\.(\d+)\.(label|url)$/.exec(path);
    const row = match ? rowOf[Number(match[1])] : undefined;
    if (row === undefined) continue;
    byRow[row]![match![2] as 'label' | 'url'] ??= message;
  }
  return byRow;
};

/** The error paths the rows show, so the form's summary lists only the rest. */
export const placedLinkPaths = (rowOf: readonly number[]) =>
  rowOf.flatMap((_, index) => [`links.${index}.label`, `links.${index}.url`]);

export const headerKey = (header: string): string =>
  header
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/ß/g, 'ss')
    .replace(/[^\p{L}\p{N}]/gu, '');

export interface MappableField {
  readonly name: string;
  readonly label: string;
  readonly synonyms: readonly string[];
}

/**
 * One entry per column: the field whose label or synonyms match the header, or null. A field is taken by
 * the first column that matches it, so a second "Email" column stays unmapped.
 */
export const guessMapping = (
  headers: readonly string[],
  fields: readonly MappableField[],
): (string | null)[] => {
  const taken = new Set<string>();
  const byKey = new Map<string, string>();
  for (const field of fields)
    for (const synonym of [field.name, field.label, ...field.synonyms]) {
      const key = headerKey(synonym);
      if (!byKey.has(key)) byKey.set(key, field.name);
    }
  return headers.map((header) => {
    const field = byKey.get(headerKey(header));
    if (!field || taken.has(field)) return null;
    taken.add(field);
    return field;
  });
};

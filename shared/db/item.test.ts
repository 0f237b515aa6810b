import { describe, expect, it } from 'vitest';
import * as z from '../schema/zod';
import { parseItem, StoredItemError } from './item';

const lead = z.object({ id: z.string(), name: z.string(), version: z.number().check(z.int()) });

describe('parseItem', () => {
  it('returns the item without its key and query-only attributes', () => {
    const stored = {
      pk: 'ORG#o1#',
      sk: 'LEAD#l1#',
      gsi1pk: 'x',
      id: 'l1',
      name: 'Ada',
      version: 2,
      searchText: 'ada',
    };
    expect(parseItem(lead, stored, ['searchText'])).toEqual({ id: 'l1', name: 'Ada', version: 2 });
  });

  it('answers undefined for a missing item', () => {
    expect(parseItem(lead, undefined)).toBeUndefined();
  });

  it('throws a StoredItemError naming the item and the attribute when the shape is wrong', () => {
    const stored = { pk: 'ORG#o1#', sk: 'LEAD#l1#', id: 'l1', name: 7, version: 1 };
    const error = (() => {
      try {
        parseItem(lead, stored);
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(StoredItemError);
    expect((error as StoredItemError).message).toContain('ORG#o1# LEAD#l1#');
    expect((error as StoredItemError).issues).toEqual([expect.objectContaining({ path: 'name' })]);
  });
});

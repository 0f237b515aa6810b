import { describe, expect, it } from 'vitest';
import { BadRequestError } from '../http/errors';
import { decodeCursor, encodeCursor } from './cursor';

describe('cursors', () => {
  it('round-trip a key of the expected partition', () => {
    const key = { pk: 'ORG#A#', sk: 'ACTIVITY#01#' };
    expect(decodeCursor(encodeCursor(key)!, { pk: 'ORG#A#' })).toEqual(key);
  });

  it('refuse a cursor pointing into another partition', () => {
    const foreign = encodeCursor({ pk: 'ORG#B#', sk: 'ACTIVITY#01#' })!;
    expect(() => decodeCursor(foreign, { pk: 'ORG#A#' })).toThrow(BadRequestError);
  });

  it('refuse garbage and non-string values', () => {
    expect(() => decodeCursor('not-base64-json', { pk: 'ORG#A#' })).toThrow(BadRequestError);
    expect(() => decodeCursor(encodeCursor({ pk: 'ORG#A#', sk: { S: 'x' } })!, { pk: 'ORG#A#' })).toThrow(
      BadRequestError,
    );
  });

  it('mean "first page" when absent', () => {
    expect(decodeCursor(undefined, { pk: 'ORG#A#' })).toBeUndefined();
    expect(encodeCursor(undefined)).toBeNull();
  });
});

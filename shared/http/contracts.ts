import * as z from '../schema/zod';
import { webUrl } from './text';

/** ULIDs: 26 Crockford base32 characters, sortable by time. */
export const id = z.string().check(z.regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, 'Must be an id'));

export const cursor = z.string().check(z.maxLength(2048), z.regex(/^[A-Za-z0-9_-]+$/, 'Not a valid cursor'));

/** Common list query: opaque cursor and page size. */
export const pageQuery = z.strictObject({
  cursor: z.optional(cursor),
  limit: z._default(z.coerce.number().check(z.int(), z.gte(1), z.lte(100)), 25),
});

export const page = <T extends z.ZodMiniType>(item: T) =>
  z.strictObject({ items: z.array(item), nextCursor: z.nullable(z.string()) });

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** Single-line text is the default: a field that may span lines says so with `multiLineText`. */
export {
  multiLineText,
  requiredMultiLineText,
  requiredSingleLineText as requiredText,
  singleLineText as text,
  webUrl,
} from './text';

export const httpsUrl = webUrl();

export const problemDetails = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().check(z.int()),
  detail: z.optional(z.string()),
  instance: z.optional(z.string()),
  errors: z.optional(z.array(z.object({ path: z.string(), message: z.string() }))),
  currentVersion: z.optional(z.number().check(z.int())),
  /** On a refused duplicate: the existing item the request would have duplicated. */
  duplicateOf: z.optional(z.string()),
});
export type ProblemDetails = z.infer<typeof problemDetails>;

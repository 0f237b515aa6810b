import * as z from 'zod';
import { webUrl } from './text';

/** ULIDs: 26 Crockford base32 characters, sortable by time. */
export const id = z.string().regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, 'Must be an id');

export const cursor = z
  .string()
  .max(2048)
  .regex(/^[A-Za-z0-9_-]+$/, 'Not a valid cursor');

/** Common list query: opaque cursor and page size. */
export const pageQuery = z.strictObject({
  cursor: cursor.optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
});

export const page = <T extends z.ZodType>(item: T) =>
  z.strictObject({ items: z.array(item), nextCursor: z.string().nullable() });

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
  status: z.number().int(),
  detail: z.string().optional(),
  instance: z.string().optional(),
  errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  currentVersion: z.number().int().optional(),
  /** On a refused duplicate: the existing item the request would have duplicated. */
  duplicateOf: z.string().optional(),
});
export type ProblemDetails = z.infer<typeof problemDetails>;

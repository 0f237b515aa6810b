import * as z from '../schema/zod';
import { builtOnce } from './built-once';

/**
 * Text as every route takes it, normalized once at the boundary: well-formed UTF-16 (a lone surrogate
 * cannot be encoded as UTF-8, so it breaks every email, export and Google call that meets it later),
 * Unicode NFC, trimmed, without control characters, and measured in characters (code points), not
 * UTF-16 units. Each field says how it may span lines:
 *
 * - `single-line`: names, titles, services, addresses, subjects. No line break of any kind: a CR or LF
 *   in a name ends up in an email header or a calendar title.
 * - `multi-line`: notes, messages, descriptions. Tab and line feed allowed; `\r\n`, a lone `\r` and
 *   the Unicode line and paragraph separators become `\n`.
 * - `document`: a whole file kept byte for byte (a markdown checklist): not normalized, not trimmed;
 *   tab, CR and LF allowed.
 *
 * The test that walks every route of the manifest reads this registry: a string field of a body or
 * query that is none of these, or does not refuse what its kind refuses, fails it.
 */
export type TextKind = 'single-line' | 'multi-line' | 'document';
export const textKinds = z.registry<{ readonly kind: TextKind }>();

// With the `u` flag a surrogate pair is one code point, so only a lone surrogate matches.
const loneSurrogate = /[\uD800-\uDFFF]/u;
/** Control characters (C0, DEL, C1), and the Unicode line and paragraph separators. */
const singleLineControls = /[\p{Cc}\u2028\u2029]/u;
/** The same, minus tab and line feed (CR and the separators are turned into line feeds first). */
const multiLineControls = /(?![\t\n])\p{Cc}/u;
/** Files keep their own line endings: tab, LF and CR pass. */
const documentControls = /(?![\t\n\r])\p{Cc}/u;

const messages = {
  malformed: 'Contains a broken character (a lone UTF-16 surrogate); send valid text',
  lineBreak: 'Must be one line: no line breaks or control characters',
  control: 'Contains control characters (such as NUL) that do not belong in text',
} as const;

/** Characters as people count them on screen, near enough: code points, so 😀 is one. */
export const characterCount = (value: string): number => {
  let count = 0;
  for (const _ of value) count++;
  return count;
};

// A schema costs a construction per chained call (each check clones it), and a function builds every schema
// of its contracts when it loads. So the checks are made once and shared (a check is immutable), each kind
// of text is one string schema with its checks attached in one call, and one schema serves every field
// of the same kind and length (`builtOnce`).
const checks = {
  wellFormed: z.refine<string>((value) => !loneSurrogate.test(value), {
    error: messages.malformed,
    abort: true,
  }),
  nfc: z.normalize('NFC'),
  trim: z.trim(),
  oneLineEnding: z.overwrite<string>((value) => value.replace(/\r\n?|[\u2028\u2029]/g, '\n')),
  noLineBreak: z.refine<string>((value) => !singleLineControls.test(value), messages.lineBreak),
  noMultiLineControl: z.refine<string>((value) => !multiLineControls.test(value), messages.control),
  noDocumentControl: z.refine<string>((value) => !documentControls.test(value), messages.control),
  required: z.minLength(1, 'Required'),
};

const atMost = (max: number) =>
  z.refine<string>((value) => characterCount(value) <= max, `At most ${max} characters`);

const text = (kind: TextKind, ...textChecks: z.core.$ZodCheck<string>[]) =>
  z
    .string()
    .check(checks.wellFormed, ...textChecks)
    .register(textKinds, { kind });

const singleLineChecks = (max: number) => [checks.nfc, checks.trim, checks.noLineBreak, atMost(max)];

/** One line of text, possibly empty: trimmed and NFC-normalized. */
export const singleLineText = builtOnce((max: number) => text('single-line', ...singleLineChecks(max)));

export const requiredSingleLineText = builtOnce((max: number) =>
  text('single-line', ...singleLineChecks(max), checks.required),
);

const multiLineChecks = [checks.oneLineEnding, checks.nfc, checks.trim, checks.noMultiLineControl];

/** Text that may span lines, possibly empty: line endings become `\n`, trimmed, NFC-normalized. */
export const multiLineText = builtOnce((max: number) => text('multi-line', ...multiLineChecks, atMost(max)));

export const requiredMultiLineText = builtOnce((max: number) =>
  text('multi-line', ...multiLineChecks, atMost(max), checks.required),
);

const wholeDocument = builtOnce((max: number, required: boolean) =>
  text(
    'document',
    ...(required ? [z.refine<string>((value) => value.length > 0, 'Required')] : []),
    checks.noDocumentControl,
    z.maxLength(max, `At most ${max} characters`),
  ),
);

/**
 * A whole text file, kept exactly as sent: only refused when it is not text, longer than `max` UTF-16
 * units (the service that stores it checks its size in bytes), or empty when required.
 */
export const documentText = (max: number, { required = false }: { required?: boolean } = {}) =>
  wholeDocument(max, required);

/**
 * A secret typed by a person (a password): kept exactly as typed, spaces included, so the same keys
 * always give the same secret, but still text on one line.
 */
export const secretText = builtOnce((min: number, max: number) =>
  text(
    'single-line',
    checks.noLineBreak,
    z.refine<string>(
      (value) => characterCount(value) >= min,
      min > 1 ? `At least ${min} characters` : 'Required',
    ),
    atMost(max),
  ),
);

/**
 * A link people click: parsed by the WHATWG URL parser (what browsers use), `https:` (or `http:` where
 * allowed), a host with a dot, no user name or password. Kept as typed, so it reads as the user wrote it.
 */
const link = builtOnce((allowHttp: boolean) =>
  text(
    'single-line',
    ...singleLineChecks(2048),
    checks.required,
    z.refine<string>(
      (value) => {
        const url = parseUrl(value);
        return (
          url !== undefined &&
          (url.protocol === 'https:' || (allowHttp && url.protocol === 'http:')) &&
          url.username === '' &&
          url.password === '' &&
          url.hostname.includes('.') &&
          !url.hostname.endsWith('.')
        );
      },
      allowHttp
        ? 'Must be a link starting with https:// or http://'
        : 'Must be a link starting with https://',
    ),
  ),
);

export const webUrl = ({ allowHttp = false }: { allowHttp?: boolean } = {}) => link(allowHttp);

/** The URL, or undefined when the WHATWG parser refuses it. */
export const parseUrl = (value: string): URL | undefined => {
  try {
    return new URL(value);
  } catch {
    return undefined;
  }
};

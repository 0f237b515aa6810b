import { z } from 'zod';

/**
 * Text fields of the event platform. Until the shared helpers in `http/contracts` grow the same rules,
 * these refuse what no person types: lone UTF-16 surrogates (they cannot be encoded, so they would break
 * JSON, email and calendar files downstream), NUL and other control characters, and line breaks in
 * single-line fields (a CR/LF in a title would split an `.ics` line or an email header).
 */
const isWellFormed = (value: string) => (value as string & { isWellFormed(): boolean }).isWellFormed();

const hasControl = (value: string, allowLineBreaks: boolean) =>
  [...value].some((char) => {
    const code = char.charCodeAt(0);
    if (allowLineBreaks && (code === 9 || code === 10 || code === 13)) return false;
    return code < 32 || (code >= 127 && code < 160);
  });

const base = (max: number, allowLineBreaks: boolean) =>
  z
    .string()
    .max(max * 2, `At most ${max} characters`)
    .refine(isWellFormed, 'Contains an unpaired surrogate (broken text)')
    .refine(
      (value) => !hasControl(value, allowLineBreaks),
      allowLineBreaks ? 'Contains control characters' : 'Must be one line without control characters',
    )
    .transform((value) => value.trim())
    .pipe(z.string().max(max, `At most ${max} characters`));

/** One line: a name, a title, a room. */
export const singleLineText = (max: number) => base(max, false);
export const requiredLine = (max: number) => base(max, false).pipe(z.string().min(1, 'Required'));

/** Paragraphs: descriptions and bios (tabs and line breaks allowed). */
export const multiLineText = (max: number) => base(max, true);

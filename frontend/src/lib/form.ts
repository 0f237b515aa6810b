import type * as z from '../../../shared/schema/zod';
import { ApiError } from './api';

/** Messages per field, keyed by the dotted path the API and zod both use (`branding.color`). */
export type FieldErrors = Readonly<Record<string, string>>;

export const issuesToFieldErrors = (issues: readonly z.core.$ZodIssue[]): FieldErrors => {
  const errors: Record<string, string> = {};
  for (const issue of issues) {
    const path = issue.path.map(String).join('.');
    errors[path] ??= issue.message;
  }
  return errors;
};

export type Validation<T> =
  | { readonly ok: true; readonly data: T }
  | { readonly ok: false; readonly errors: FieldErrors };

/** Checks a form's values with the same zod schema the API validates the request with. */
export const validate = <S extends z.ZodMiniType>(schema: S, value: unknown): Validation<z.output<S>> => {
  const result = schema.safeParse(value);
  return result.success
    ? { ok: true, data: result.data }
    : { ok: false, errors: issuesToFieldErrors(result.error.issues) };
};

/** Field errors from a failed call (a 400 lists each bad field), or none. */
export const apiFieldErrors = (error: unknown): FieldErrors =>
  error instanceof ApiError ? error.fieldErrors : {};

/**
 * Folds nested paths onto the inputs that show them: `allowedOrigins.2` belongs to the one-per-line
 * textarea, as "Line 3: …".
 */
export const foldListErrors = (errors: FieldErrors, listFields: readonly string[]): FieldErrors => {
  const folded: Record<string, string> = {};
  for (const [path, message] of Object.entries(errors)) {
    const field = listFields.find((name) => path.startsWith(`${name}.`));
    if (field) {
      const index = Number(path.slice(field.length + 1).split('.')[0]);
      folded[field] ??= Number.isInteger(index) ? `Line ${index + 1}: ${message}` : message;
    } else folded[path] ??= message;
  }
  return folded;
};

/** Field errors without a matching input on the form, shown in the form's summary instead. */
export const unplacedErrors = (errors: FieldErrors, fields: readonly string[]): string[] =>
  Object.entries(errors)
    .filter(([path]) => !fields.includes(path))
    .map(([path, message]) => (path ? `${path}: ${message}` : message));

/** The keys of a form's values that hold text (what a text input, textarea or select edits). */
type TextKeys<V> = { [K in keyof V]: V[K] extends string ? K : never }[keyof V] & string;

/**
 * Binds a form's text values to its fields: `field('name')` gives an input, textarea or select its name,
 * value, change handler and error. `errorPath` names the error when the API's path differs from the value's
 * key (`venue.name` for `venueName`).
 */
export const fieldBinder =
  <V>(values: V, set: <K extends keyof V>(key: K, value: V[K]) => void, errors: FieldErrors) =>
  <K extends TextKeys<V>>(key: K, errorPath: string = key) => ({
    name: key,
    value: values[key] as string,
    // Only text keys get here, and a select offers only the values its key's type allows.
    onChange: (event: { readonly target: { readonly value: string } }) =>
      set(key, event.target.value as V[K]),
    error: errors[errorPath],
  });

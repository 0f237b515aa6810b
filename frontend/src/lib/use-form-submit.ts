import { type FormEvent, useState } from 'react';
import { ApiError, errorMessage } from './api';
import { apiFieldErrors, type FieldErrors, type Validation } from './form';

/** How a form checks, sends and explains its values. Read afresh on every submit. */
export interface FormSubmitOptions<T> {
  /** Checks the values with the API's schema; `null` when there is nothing to send. */
  readonly check: () => Validation<T> | null;
  /** Sends the checked values and does what success means (navigate, close, show a result). */
  readonly send: (data: T) => Promise<void>;
  /**
   * The summary's title when the values do not pass the schema.
   * @default none: the fields say what is wrong
   */
  readonly invalidTitle?: string | ((errors: FieldErrors) => string | null);
  /**
   * The summary's title when sending fails; `errors` are the field errors the API named.
   * @default the API's own message
   */
  readonly failureTitle?: (caught: unknown, errors: FieldErrors) => string;
  /**
   * Moves field errors, the schema's and the API's alike, onto the inputs that show them.
   * @default as they come
   */
  readonly placeErrors?: (errors: FieldErrors) => FieldErrors;
  /**
   * The field a 409 without field errors is about (a unique email, a slug), and its message when the
   * API gives no detail.
   * @default none: a 409 is shown like any other failure
   */
  readonly taken?: { readonly field: string; readonly message: string };
  /**
   * Called instead of showing an error when the API refuses an edit of a stale version.
   * @default none: a version conflict is shown like any other failure
   */
  readonly onVersionConflict?: () => void;
}

const asPlaced = (errors: FieldErrors) => errors;

/**
 * The submit cycle of a form backed by one API call: clear the last failure, check the values with the
 * API's own schema, send them while busy, and on failure show field errors beside their inputs and a
 * summary above the buttons.
 */
export const useFormSubmit = <T>(options: FormSubmitOptions<T>) => {
  const [errors, setErrors] = useState<FieldErrors>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const {
      check,
      send,
      invalidTitle,
      failureTitle,
      placeErrors = asPlaced,
      taken,
      onVersionConflict,
    } = options;
    setFailure(null);
    const checked = check();
    if (!checked) return;
    if (!checked.ok) {
      const placed = placeErrors(checked.errors);
      setErrors(placed);
      setFailure((typeof invalidTitle === 'function' ? invalidTitle(placed) : invalidTitle) ?? null);
      return;
    }
    setErrors({});
    setBusy(true);
    try {
      await send(checked.data);
    } catch (caught) {
      if (onVersionConflict && caught instanceof ApiError && caught.isVersionConflict) {
        onVersionConflict();
        return;
      }
      const fieldErrors = placeErrors(apiFieldErrors(caught));
      setErrors(
        taken && caught instanceof ApiError && caught.status === 409 && Object.keys(fieldErrors).length === 0
          ? { [taken.field]: caught.detail ?? taken.message }
          : fieldErrors,
      );
      setFailure(failureTitle ? failureTitle(caught, fieldErrors) : errorMessage(caught));
    } finally {
      // After a success the form has usually gone (a new page, a closed dialog); this lands in the same
      // render, and frees the form where it stays.
      setBusy(false);
    }
  };

  /**
   * Runs `load` (the latest version's values into the form, after a version conflict) while busy, and
   * starts the form over without errors, or says why it could not.
   */
  const reloadWith = async (load: () => Promise<void>) => {
    setBusy(true);
    try {
      await load();
      setFailure(null);
      setErrors({});
    } catch (caught) {
      setFailure(errorMessage(caught));
    } finally {
      setBusy(false);
    }
  };

  return { errors, failure, busy, submit, reloadWith, setErrors, setFailure, setBusy };
};

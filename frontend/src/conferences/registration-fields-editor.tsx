import { useId, useState } from 'react';
import type { registrationField } from '../../../shared/conferences/contracts';
import type * as z from '../../../shared/schema/zod';
import { SelectField, TextField } from '../components/field';
import type { FieldErrors } from '../lib/form';

type RegistrationField = z.infer<typeof registrationField>;
type FieldType = RegistrationField['type'];

interface Props {
  readonly fields: readonly RegistrationField[];
  readonly errors: FieldErrors;
  /** Keys of saved questions: their answers are stored under them, so a new label keeps the key. */
  readonly savedKeys: readonly string[];
  readonly onChange: (fields: RegistrationField[]) => void;
}

/** A question's key from its label: what the answers and the CSV export are keyed by. */
export const keyFromLabel = (label: string, taken: readonly string[]) => {
  const base =
    label
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '_')
      .replace(/^[^a-z]+|_+$/g, '')
      .slice(0, 36) || 'question';
  let key = base;
  for (let n = 2; taken.includes(key); n++) key = `${base}_${n}`;
  return key;
};

const withType = (field: RegistrationField, type: FieldType): RegistrationField => {
  const { key, label, required } = field;
  if (type === 'select')
    return { key, label, required, type, options: 'options' in field ? field.options : [] };
  return { key, label, required, type };
};

const optionError = (errors: FieldErrors, index: number) =>
  Object.entries(errors).find(([path]) => path.startsWith(`registrationFields.${index}.options.`))?.[1];

/** The extra questions of an event's registration form: a label, a kind, options, and whether required. */
export const RegistrationFieldsEditor = ({ fields, errors, savedKeys, onChange }: Props) => {
  const baseId = useId();
  // Rows keep their identity while keys follow labels; one id per row, added and removed with it.
  const [rowIds, setRowIds] = useState(() => fields.map(() => crypto.randomUUID()));
  const replace = (index: number, next: RegistrationField) =>
    onChange(fields.map((field, at) => (at === index ? next : field)));
  const add = () => {
    setRowIds((ids) => [...ids, crypto.randomUUID()]);
    onChange([
      ...fields,
      {
        key: keyFromLabel(
          'question',
          fields.map((f) => f.key),
        ),
        type: 'text',
        label: '',
        required: false,
      },
    ]);
  };
  const remove = (index: number) => {
    setRowIds((ids) => ids.filter((_, at) => at !== index));
    onChange(fields.filter((_, at) => at !== index));
  };
  return (
    <fieldset className="fieldset form-grid__wide">
      <legend>Registration questions</legend>
      {fields.length === 0 ? <p className="muted">Only name and email are asked.</p> : null}
      {fields.map((field, index) => {
        const error = (name: string) => errors[`registrationFields.${index}.${name}`];
        const others = fields.filter((_, at) => at !== index).map((f) => f.key);
        return (
          <fieldset key={rowIds[index] ?? field.key} className="field-row">
            <legend className="visually-hidden">Question {index + 1}</legend>
            <TextField
              label={`Question ${index + 1}`}
              value={field.label}
              onChange={(event) =>
                replace(index, {
                  ...field,
                  label: event.target.value,
                  key: savedKeys.includes(field.key) ? field.key : keyFromLabel(event.target.value, others),
                })
              }
              error={error('label') ?? error('key')}
            />
            <SelectField
              label="Answer"
              value={field.type}
              onChange={(event) => replace(index, withType(field, event.target.value as FieldType))}
            >
              <option value="text">Text</option>
              <option value="select">One of a list</option>
              <option value="checkbox">Yes / no</option>
            </SelectField>
            {field.type === 'select' ? (
              <TextField
                label="Options, comma separated"
                value={field.options.join(', ')}
                onChange={(event) =>
                  replace(index, {
                    ...field,
                    options: event.target.value.split(',').map((option) => option.trim()),
                  })
                }
                error={error('options') ?? optionError(errors, index)}
              />
            ) : null}
            <div className="checkbox">
              <input
                id={`${baseId}-${index}-required`}
                type="checkbox"
                checked={field.required}
                onChange={(event) => replace(index, { ...field, required: event.target.checked })}
              />
              <label htmlFor={`${baseId}-${index}-required`}>Required</label>
            </div>
            <button
              type="button"
              className="button button--secondary button--small"
              onClick={() => remove(index)}
            >
              Remove question {index + 1}
            </button>
          </fieldset>
        );
      })}
      {errors.registrationFields ? <p className="field__error">{errors.registrationFields}</p> : null}
      <button type="button" className="button button--secondary button--small" onClick={add}>
        Add a question
      </button>
    </fieldset>
  );
};

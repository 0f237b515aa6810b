import {
  type InputHTMLAttributes,
  type ReactNode,
  type SelectHTMLAttributes,
  type TextareaHTMLAttributes,
  useId,
} from 'react';

interface FieldFrameProps {
  readonly id: string;
  readonly label: ReactNode;
  readonly hint?: ReactNode;
  readonly error?: string | undefined;
  readonly optional?: boolean;
  readonly children: ReactNode;
  readonly className?: string;
}

const describedBy = (id: string, hint: unknown, error: unknown) =>
  [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;

const FieldFrame = ({ id, label, hint, error, optional, children, className }: FieldFrameProps) => (
  <div className={`field${error ? ' field--invalid' : ''}${className ? ` ${className}` : ''}`}>
    <label className="field__label" htmlFor={id}>
      {label}
      {optional ? <span className="field__optional"> (optional)</span> : null}
    </label>
    {hint ? (
      <p className="field__hint" id={`${id}-hint`}>
        {hint}
      </p>
    ) : null}
    {children}
    {error ? (
      <p className="field__error" id={`${id}-error`}>
        <span aria-hidden="true">⚠ </span>
        {error}
      </p>
    ) : null}
  </div>
);

type Common = {
  readonly label: ReactNode;
  readonly hint?: ReactNode;
  readonly error?: string | undefined;
  readonly optional?: boolean;
  readonly className?: string;
};

export type TextFieldProps = Common & Omit<InputHTMLAttributes<HTMLInputElement>, 'className'>;

/** A labelled input whose hint and error are announced with it. */
export const TextField = ({ label, hint, error, optional, className, id, ...input }: TextFieldProps) => {
  const generated = useId();
  const inputId = id ?? generated;
  return (
    <FieldFrame
      id={inputId}
      label={label}
      hint={hint}
      error={error}
      optional={optional}
      className={className}
    >
      <input
        id={inputId}
        className="input"
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(inputId, hint, error)}
        {...input}
      />
    </FieldFrame>
  );
};

export type TextAreaFieldProps = Common & Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'className'>;

export const TextAreaField = ({
  label,
  hint,
  error,
  optional,
  className,
  id,
  ...input
}: TextAreaFieldProps) => {
  const generated = useId();
  const inputId = id ?? generated;
  return (
    <FieldFrame
      id={inputId}
      label={label}
      hint={hint}
      error={error}
      optional={optional}
      className={className}
    >
      <textarea
        id={inputId}
        className="input input--multiline"
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(inputId, hint, error)}
        {...input}
      />
    </FieldFrame>
  );
};

export type SelectFieldProps = Common & Omit<SelectHTMLAttributes<HTMLSelectElement>, 'className'>;

export const SelectField = ({
  label,
  hint,
  error,
  optional,
  className,
  id,
  children,
  ...select
}: SelectFieldProps) => {
  const generated = useId();
  const inputId = id ?? generated;
  return (
    <FieldFrame
      id={inputId}
      label={label}
      hint={hint}
      error={error}
      optional={optional}
      className={className}
    >
      <select
        id={inputId}
        className="input input--select"
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(inputId, hint, error)}
        {...select}
      >
        {children}
      </select>
    </FieldFrame>
  );
};

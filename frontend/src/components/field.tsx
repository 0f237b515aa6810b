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
  readonly id?: string | undefined;
};

/**
 * Splits a field's props between its frame and its control, giving the control an id (the caller's or a
 * generated one) and the ARIA that ties it to its hint and error.
 */
const useField = <P extends Common>({ label, hint, error, optional, className, id, ...rest }: P) => {
  const generated = useId();
  const inputId = id ?? generated;
  return {
    frame: { id: inputId, label, hint, error, optional, className },
    control: {
      id: inputId,
      'aria-invalid': error ? true : undefined,
      'aria-describedby': describedBy(inputId, hint, error),
      ...rest,
    },
  };
};

export type TextFieldProps = Common & Omit<InputHTMLAttributes<HTMLInputElement>, 'className'>;

/** A labelled input whose hint and error are announced with it. */
export const TextField = (props: TextFieldProps) => {
  const { frame, control } = useField(props);
  return (
    <FieldFrame {...frame}>
      <input className="input" {...control} />
    </FieldFrame>
  );
};

export type TextAreaFieldProps = Common & Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'className'>;

export const TextAreaField = (props: TextAreaFieldProps) => {
  const { frame, control } = useField(props);
  return (
    <FieldFrame {...frame}>
      <textarea className="input input--multiline" {...control} />
    </FieldFrame>
  );
};

export type SelectFieldProps = Common & Omit<SelectHTMLAttributes<HTMLSelectElement>, 'className'>;

/** A labelled select; its options are the children. */
export const SelectField = (props: SelectFieldProps) => {
  const { frame, control } = useField(props);
  return (
    <FieldFrame {...frame}>
      <select className="input input--select" {...control} />
    </FieldFrame>
  );
};

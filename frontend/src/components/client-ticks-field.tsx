import { useId } from 'react';

interface ClientTicksFieldProps {
  readonly checked: boolean;
  readonly onChange: (checked: boolean) => void;
  /** For the wrapper, e.g. to span a form grid. */
  readonly className?: string;
}

/** The engagement setting that lets client users tick tasks, with its hint announced alongside. */
export const ClientTicksField = ({ checked, onChange, className }: ClientTicksFieldProps) => {
  const id = useId();
  const hintId = useId();
  return (
    <div className={className}>
      <div className="checkbox">
        <input
          id={id}
          type="checkbox"
          checked={checked}
          onChange={(event) => onChange(event.target.checked)}
          aria-describedby={hintId}
        />
        <label htmlFor={id}>Allow the client to tick tasks</label>
      </div>
      <p className="field__hint checkbox__hint" id={hintId}>
        Otherwise only your agency updates the checklist; the client sees it read-only.
      </p>
    </div>
  );
};

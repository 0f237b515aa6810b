import { TextField } from './field';

interface DateRangeFieldsProps {
  readonly fromLabel: string;
  readonly toLabel: string;
  readonly from: string;
  readonly to: string;
  readonly onFrom: (value: string) => void;
  readonly onTo: (value: string) => void;
  /** Shown on the second field, e.g. when it comes before the first. */
  readonly error?: string;
}

/** Two date filters that keep each other in range, for a list's filter bar. */
export const DateRangeFields = ({
  fromLabel,
  toLabel,
  from,
  to,
  onFrom,
  onTo,
  error,
}: DateRangeFieldsProps) => (
  <>
    <TextField
      label={fromLabel}
      type="date"
      value={from}
      max={to || undefined}
      onChange={(event) => onFrom(event.target.value)}
      className="toolbar__date"
    />
    <TextField
      label={toLabel}
      type="date"
      value={to}
      min={from || undefined}
      onChange={(event) => onTo(event.target.value)}
      error={error}
      className="toolbar__date"
    />
  </>
);

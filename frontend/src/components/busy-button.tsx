import type { ButtonHTMLAttributes } from 'react';

type BusyButtonProps = ButtonHTMLAttributes<HTMLButtonElement> & {
  readonly busy: boolean;
  /** What the button says while its action runs, such as "Saving…". */
  readonly busyLabel: string;
};

/** A button that, while its action runs, is disabled, marked busy and says what it is doing. */
export const BusyButton = ({
  busy,
  busyLabel,
  disabled,
  type = 'button',
  children,
  ...button
}: BusyButtonProps) => (
  <button type={type} {...button} disabled={busy || disabled} aria-busy={busy}>
    {busy ? busyLabel : children}
  </button>
);

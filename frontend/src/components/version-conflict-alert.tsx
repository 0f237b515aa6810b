import type { ReactNode } from 'react';

interface VersionConflictAlertProps {
  /** What happened and what reloading does, in the words of the form it stands in. */
  readonly children: ReactNode;
  /**
   * Loads the other person's version into the form.
   * @default none: the message says how to get it
   */
  readonly onReload?: () => void;
  /** @default 'Reload latest version' */
  readonly reloadLabel?: string;
  readonly small?: boolean;
}

/**
 * Shown instead of the error summary when the API refused a stale edit (409): nothing was saved, and the
 * way on is the other person's version, never a silent overwrite.
 */
export const VersionConflictAlert = ({
  children,
  onReload,
  reloadLabel = 'Reload latest version',
  small = false,
}: VersionConflictAlertProps) => (
  <div className="alert alert--warning" role="alert">
    <p className="alert__title">Changed by someone else</p>
    <p>{children}</p>
    {onReload ? (
      <button
        type="button"
        className={`button button--secondary${small ? ' button--small' : ''}`}
        onClick={onReload}
      >
        {reloadLabel}
      </button>
    ) : null}
  </div>
);

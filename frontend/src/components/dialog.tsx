import { type FormEvent, type ReactNode, useEffect, useId, useRef, useState } from 'react';
import { errorMessage } from '../lib/api';
import { BusyButton } from './busy-button';
import { FormAlert } from './form-alert';

interface DialogProps {
  readonly open: boolean;
  readonly title: string;
  readonly description?: ReactNode;
  readonly onClose: () => void;
  readonly children: ReactNode;
  readonly size?: 'small' | 'medium' | 'large';
}

/**
 * A modal on the native `<dialog>`: the browser traps focus, closes on Escape and gives focus back to
 * whatever opened it. Content mounts only while open, so each opening starts from fresh state.
 */
export const Dialog = ({ open, title, description, onClose, children, size = 'medium' }: DialogProps) => {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const descriptionId = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);

  return (
    <dialog
      ref={ref}
      className={`dialog dialog--${size}`}
      aria-labelledby={titleId}
      aria-describedby={description ? descriptionId : undefined}
      onClose={() => {
        if (open) onClose();
      }}
    >
      {open ? (
        <div className="dialog__body">
          <header className="dialog__header">
            <div>
              <h2 id={titleId} className="dialog__title">
                {title}
              </h2>
              {description ? (
                <p id={descriptionId} className="dialog__description">
                  {description}
                </p>
              ) : null}
            </div>
            <button type="button" className="icon-button" onClick={onClose} aria-label="Close dialog">
              <span aria-hidden="true">×</span>
            </button>
          </header>
          {children}
        </div>
      ) : null}
    </dialog>
  );
};

interface DialogFooterProps {
  readonly onCancel: () => void;
  /** Buttons set apart on the other side, such as "Reset to default". */
  readonly aside?: ReactNode;
  /** The main button, after Cancel. */
  readonly children: ReactNode;
}

/** A dialog's buttons: Cancel, then the main action. */
export const DialogFooter = ({ onCancel, aside, children }: DialogFooterProps) => {
  const buttons = (
    <>
      <button type="button" className="button button--secondary" onClick={onCancel}>
        Cancel
      </button>
      {children}
    </>
  );
  return aside ? (
    <footer className="dialog__footer dialog__footer--split">
      {aside}
      <div className="dialog__footer-group">{buttons}</div>
    </footer>
  ) : (
    <footer className="dialog__footer">{buttons}</footer>
  );
};

interface DialogFormProps {
  readonly onSubmit: (event: FormEvent) => Promise<void>;
  readonly onCancel: () => void;
  readonly busy: boolean;
  readonly busyLabel: string;
  readonly submitLabel: string;
  /** Keeps the submit button disabled, such as while a conflict is unresolved. @default false */
  readonly submitDisabled?: boolean;
  /** The layout of the fields, such as `form-grid`. */
  readonly className: string;
  /** The fields and the form's alert. */
  readonly children: ReactNode;
}

/** A form that fills a dialog: its fields, then Cancel and the submit button in the dialog's footer. */
export const DialogForm = ({
  onSubmit,
  onCancel,
  busy,
  busyLabel,
  submitLabel,
  submitDisabled,
  className,
  children,
}: DialogFormProps) => (
  <form className="form" onSubmit={(event) => void onSubmit(event)} noValidate>
    <div className={`dialog__content ${className}`}>{children}</div>
    <DialogFooter onCancel={onCancel}>
      <BusyButton
        type="submit"
        className="button button--primary"
        disabled={submitDisabled}
        busy={busy}
        busyLabel={busyLabel}
      >
        {submitLabel}
      </BusyButton>
    </DialogFooter>
  </form>
);

interface ConfirmDialogProps {
  readonly open: boolean;
  readonly title: string;
  readonly message: ReactNode;
  readonly confirmLabel: string;
  readonly tone?: 'danger' | 'primary';
  readonly onConfirm: () => Promise<void>;
  readonly onClose: () => void;
}

/** Asks before a consequential action and shows why it failed, if it does. */
export const ConfirmDialog = ({
  open,
  title,
  message,
  confirmLabel,
  tone = 'primary',
  onConfirm,
  onClose,
}: ConfirmDialogProps) => {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (open) {
      setBusy(false);
      setError(null);
    }
  }, [open]);

  const confirm = async () => {
    setBusy(true);
    setError(null);
    try {
      await onConfirm();
      onClose();
    } catch (caught) {
      setError(errorMessage(caught));
      setBusy(false);
    }
  };

  return (
    <Dialog open={open} title={title} onClose={onClose} size="small">
      <div className="dialog__content">
        <div className="prose">{message}</div>
        <FormAlert title={error ?? undefined} />
      </div>
      <DialogFooter onCancel={onClose}>
        <BusyButton
          className={`button button--${tone}`}
          onClick={() => void confirm()}
          busy={busy}
          busyLabel="Working…"
        >
          {confirmLabel}
        </BusyButton>
      </DialogFooter>
    </Dialog>
  );
};

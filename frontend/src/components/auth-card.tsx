import type { FormEvent, ReactNode } from 'react';
import { PublicShell } from './app-shell';
import { BusyButton } from './busy-button';

interface AuthCardProps {
  readonly title: ReactNode;
  /** The line under the card, such as a link back to sign-in. */
  readonly footer?: ReactNode;
  readonly children: ReactNode;
}

/** A sign-in, invitation or password page: its heading, its content and an optional footer line. */
export const AuthCard = ({ title, footer, children }: AuthCardProps) => (
  <PublicShell>
    <h1 className="auth__title">{title}</h1>
    {children}
    {footer ? <p className="auth__footer">{footer}</p> : null}
  </PublicShell>
);

interface AuthFormProps {
  readonly onSubmit: (event: FormEvent) => Promise<void>;
  readonly busy: boolean;
  readonly busyLabel: string;
  readonly submitLabel: string;
  /** The fields and the form's alert, above the submit button. */
  readonly children: ReactNode;
}

/** The form of a public page, ending in one full-width submit button. */
export const AuthForm = ({ onSubmit, busy, busyLabel, submitLabel, children }: AuthFormProps) => (
  <form className="form" onSubmit={(event) => void onSubmit(event)} noValidate>
    {children}
    <BusyButton
      type="submit"
      className="button button--primary button--block"
      busy={busy}
      busyLabel={busyLabel}
    >
      {submitLabel}
    </BusyButton>
  </form>
);

import type { ReactNode } from 'react';

interface FormAlertProps {
  readonly title?: string;
  readonly messages?: readonly string[];
  readonly children?: ReactNode;
}

/**
 * The error summary above a form's buttons. Always rendered (empty when all is well) so the live
 * region exists before its first message and screen readers announce it.
 */
export const FormAlert = ({ title, messages = [], children }: FormAlertProps) => {
  const visible = Boolean(title || messages.length > 0 || children);
  return (
    <div className={visible ? 'alert alert--error' : 'alert--empty'} role="alert" aria-live="assertive">
      {visible ? (
        <>
          {title ? <p className="alert__title">{title}</p> : null}
          {messages.length > 0 ? (
            <ul className="alert__list">
              {messages.map((message) => (
                <li key={message}>{message}</li>
              ))}
            </ul>
          ) : null}
          {children}
        </>
      ) : null}
    </div>
  );
};

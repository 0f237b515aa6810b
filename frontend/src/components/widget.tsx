import { type ReactNode, useId } from 'react';

interface WidgetProps {
  readonly title: string;
  readonly actions?: ReactNode;
  readonly children: ReactNode;
  readonly wide?: boolean;
  readonly muted?: boolean;
}

/** One card of the dashboard, a labelled region so it can be found by its heading. */
export const Widget = ({ title, actions, children, wide, muted }: WidgetProps) => {
  const headingId = useId();
  return (
    <section
      className={`widget${wide ? ' widget--wide' : ''}${muted ? ' widget--muted' : ''}`}
      aria-labelledby={headingId}
    >
      <header className="widget__header">
        <h2 id={headingId} className="widget__title">
          {title}
        </h2>
        {actions ? <div className="widget__actions">{actions}</div> : null}
      </header>
      <div className="widget__body">{children}</div>
    </section>
  );
};

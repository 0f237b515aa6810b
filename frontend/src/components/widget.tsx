import { type ReactNode, useId } from 'react';

interface WidgetProps {
  readonly title: string;
  readonly actions?: ReactNode;
  readonly children: ReactNode;
  readonly wide?: boolean;
  /** Spans the whole row of the grid. @default false */
  readonly full?: boolean;
  readonly muted?: boolean;
  /** An anchor for links to this widget. */
  readonly id?: string;
}

/** One card of the dashboard, a labelled region so it can be found by its heading. */
export const Widget = ({ title, actions, children, wide, full, muted, id }: WidgetProps) => {
  const headingId = useId();
  return (
    <section
      id={id}
      className={`widget${wide ? ' widget--wide' : ''}${full ? ' widget--full' : ''}${muted ? ' widget--muted' : ''}`}
      aria-labelledby={headingId}
    >
      <header className="widget__header">
        <h2 id={headingId} className="widget__title" tabIndex={id ? -1 : undefined}>
          {title}
        </h2>
        {actions ? <div className="widget__actions">{actions}</div> : null}
      </header>
      <div className="widget__body">{children}</div>
    </section>
  );
};

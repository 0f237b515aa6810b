import { useEffect, useRef, useState } from 'react';
import { dashboardLayout } from '../../../shared/identity/contracts';
import { errorMessage } from '../lib/api';
import { defaultLayout, type LayoutWidget, sameLayout, type WidgetId, widgetCatalog } from '../lib/widgets';
import { BusyButton } from './busy-button';
import { DialogFooter } from './dialog';
import { FormAlert } from './form-alert';

interface LayoutEditorProps {
  readonly layout: readonly LayoutWidget[];
  readonly onSave: (widgets: LayoutWidget[]) => Promise<void>;
  readonly onCancel: () => void;
}

type Direction = 'up' | 'down';

/**
 * Reorders and hides dashboard widgets with buttons and checkboxes rather than drag and drop, so it
 * works the same from a keyboard, a screen reader or a phone.
 */
export const LayoutEditor = ({ layout, onSave, onCancel }: LayoutEditorProps) => {
  const [widgets, setWidgets] = useState<LayoutWidget[]>(() => [...layout]);
  const [announcement, setAnnouncement] = useState('');
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const list = useRef<HTMLOListElement>(null);
  const pendingFocus = useRef<{ id: WidgetId; direction: Direction } | null>(null);

  useEffect(() => {
    const target = pendingFocus.current;
    if (!target || !list.current) return;
    pendingFocus.current = null;
    const row = list.current.querySelector(`[data-widget="${target.id}"]`);
    const same = row?.querySelector<HTMLButtonElement>(`[data-move="${target.direction}"]`);
    const other = row?.querySelector<HTMLButtonElement>(
      `[data-move="${target.direction === 'up' ? 'down' : 'up'}"]`,
    );
    (same && !same.disabled ? same : other)?.focus();
  });

  const move = (index: number, direction: Direction) => {
    const to = direction === 'up' ? index - 1 : index + 1;
    const widget = widgets[index];
    if (!widget || to < 0 || to >= widgets.length) return;
    const next = [...widgets];
    next.splice(index, 1);
    next.splice(to, 0, widget);
    pendingFocus.current = { id: widget.id, direction };
    setWidgets(next);
    setAnnouncement(`${widgetCatalog[widget.id].title} moved to position ${to + 1} of ${next.length}.`);
  };

  const toggle = (id: WidgetId, visible: boolean) =>
    setWidgets((current) => current.map((widget) => (widget.id === id ? { ...widget, visible } : widget)));

  const save = async () => {
    const checked = dashboardLayout.safeParse({ widgets });
    if (!checked.success) {
      setFailure(checked.error.issues[0]?.message ?? 'This layout cannot be saved');
      return;
    }
    setBusy(true);
    setFailure(null);
    try {
      await onSave(checked.data.widgets);
    } catch (caught) {
      setFailure(errorMessage(caught));
      setBusy(false);
    }
  };

  return (
    <>
      <div className="dialog__content">
        <p className="note">Use the arrow buttons to change the order. Untick a widget to hide it.</p>
        <ol className="layout-list" ref={list}>
          {widgets.map((widget, index) => {
            const info = widgetCatalog[widget.id];
            const checkboxId = `layout-visible-${widget.id}`;
            return (
              <li key={widget.id} className="layout-list__item" data-widget={widget.id}>
                <span className="layout-list__position" aria-hidden="true">
                  {index + 1}
                </span>
                <div className="checkbox layout-list__toggle">
                  <input
                    id={checkboxId}
                    type="checkbox"
                    checked={widget.visible}
                    onChange={(event) => toggle(widget.id, event.target.checked)}
                  />
                  <label htmlFor={checkboxId}>
                    Show {info.title}
                    {info.available ? null : <span className="badge badge--neutral">Coming soon</span>}
                  </label>
                </div>
                <div className="layout-list__moves">
                  <button
                    type="button"
                    className="icon-button"
                    data-move="up"
                    onClick={() => move(index, 'up')}
                    disabled={index === 0}
                    aria-label={`Move ${info.title} up`}
                  >
                    <span aria-hidden="true">↑</span>
                  </button>
                  <button
                    type="button"
                    className="icon-button"
                    data-move="down"
                    onClick={() => move(index, 'down')}
                    disabled={index === widgets.length - 1}
                    aria-label={`Move ${info.title} down`}
                  >
                    <span aria-hidden="true">↓</span>
                  </button>
                </div>
              </li>
            );
          })}
        </ol>
        <p className="visually-hidden" aria-live="polite">
          {announcement}
        </p>
        <FormAlert title={failure ?? undefined} />
      </div>
      <DialogFooter
        onCancel={onCancel}
        aside={
          <button
            type="button"
            className="button button--ghost"
            onClick={() => {
              setWidgets(defaultLayout());
              setAnnouncement('Default layout restored. Save to keep it.');
            }}
            disabled={sameLayout(widgets, defaultLayout())}
          >
            Reset to default
          </button>
        }
      >
        <BusyButton
          className="button button--primary"
          onClick={() => void save()}
          busy={busy}
          busyLabel="Saving…"
        >
          Save layout
        </BusyButton>
      </DialogFooter>
    </>
  );
};

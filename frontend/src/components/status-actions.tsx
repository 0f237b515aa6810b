import { useEffect, useRef, useState } from 'react';
import { ApiError, errorMessage } from '../lib/api';
import type { StatusMove } from '../lib/crm';
import { BusyButton } from './busy-button';
import { Dialog, DialogFooter } from './dialog';
import { TextAreaField } from './field';
import { FormAlert } from './form-alert';
import { VersionConflictAlert } from './version-conflict-alert';

interface StatusActionsProps<S extends string> {
  /** What moves: "lead", "job"; said in the conflict message. */
  readonly noun: string;
  /** The name of the item, shown in the reason dialog. */
  readonly itemName: string;
  /** The moves allowed from the current status; nothing else is offered. */
  readonly moves: readonly StatusMove<S>[];
  /** Said instead of buttons when there are no moves. */
  readonly finalNote: string | null;
  readonly onMove: (to: S, reason: string | undefined) => Promise<void>;
  /** Loads the item again after someone else changed it. */
  readonly onReload: () => Promise<void>;
}

/**
 * The status pipeline as buttons: one per move the pipeline allows from here. Moves that end something
 * (a lost lead, a cancelled job) ask for an optional reason first. A stale version is explained with a
 * way to reload rather than as an error.
 */
export const StatusActions = <S extends string>({
  noun,
  itemName,
  moves,
  finalNote,
  onMove,
  onReload,
}: StatusActionsProps<S>) => {
  const [busy, setBusy] = useState<S | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [conflict, setConflict] = useState(false);
  const [asking, setAsking] = useState<StatusMove<S> | null>(null);
  const [reason, setReason] = useState('');
  const container = useRef<HTMLDivElement>(null);

  // The button that was used is usually gone after a move: focus the next step, or what the item's
  // status says now, so keyboard users stay in place. After a failure, the same button again. Focus waits
  // for the render that ends the move (buttons are disabled while it runs, and a disabled one takes none).
  const pendingFocus = useRef<{ readonly failed?: S } | null>(null);
  const refocus = (failed?: S) => {
    pendingFocus.current = { failed };
  };
  useEffect(() => {
    const root = container.current;
    if (busy !== null || !pendingFocus.current || !root) return;
    const { failed } = pendingFocus.current;
    pendingFocus.current = null;
    const target =
      (failed ? root.querySelector<HTMLElement>(`[data-move="${failed}"]`) : null) ??
      root.querySelector<HTMLElement>('[data-move]') ??
      root.querySelector<HTMLElement>('[data-final-note]');
    target?.focus();
  });

  const move = async (to: S, why?: string) => {
    setBusy(to);
    setFailure(null);
    setConflict(false);
    try {
      await onMove(to, why?.trim() || undefined);
      setAsking(null);
      refocus();
    } catch (caught) {
      setAsking(null);
      if (caught instanceof ApiError && caught.isVersionConflict) setConflict(true);
      else setFailure(errorMessage(caught));
      refocus(to);
    } finally {
      setBusy(null);
    }
  };

  const reload = async () => {
    setConflict(false);
    setFailure(null);
    await onReload();
  };

  return (
    <div className="status-actions" ref={container}>
      {moves.length > 0 ? (
        <div className="status-actions__buttons">
          {moves.map((option) => (
            <BusyButton
              key={option.to}
              data-move={option.to}
              className={`button button--${option.tone === 'danger' ? 'ghost button--danger-text' : option.tone}`}
              busy={busy === option.to}
              busyLabel="Saving…"
              disabled={busy !== null}
              onClick={() => {
                if (option.asksReason) {
                  setReason('');
                  setAsking(option);
                } else void move(option.to);
              }}
            >
              {option.label}
            </BusyButton>
          ))}
        </div>
      ) : finalNote ? (
        <p className="muted" tabIndex={-1} data-final-note>
          {finalNote}
        </p>
      ) : null}
      {conflict ? (
        <VersionConflictAlert onReload={() => void reload()} reloadLabel={`Reload ${noun}`} small>
          This {noun} changed after you opened it, so nothing was saved. Reload to see the latest version,
          then try again.
        </VersionConflictAlert>
      ) : (
        <FormAlert title={failure ?? undefined} />
      )}
      <Dialog
        open={asking !== null}
        title={asking ? `${asking.label}?` : ''}
        description={itemName}
        onClose={() => setAsking(null)}
        size="small"
      >
        {asking ? (
          <form
            className="form"
            noValidate
            onSubmit={(event) => {
              event.preventDefault();
              void move(asking.to, reason);
            }}
          >
            <div className="dialog__content">
              <TextAreaField
                label="Reason"
                optional
                hint={`Kept on the ${noun}’s timeline.`}
                rows={3}
                maxLength={500}
                value={reason}
                onChange={(event) => setReason(event.target.value)}
              />
            </div>
            <DialogFooter onCancel={() => setAsking(null)}>
              <BusyButton
                type="submit"
                className={`button button--${asking.tone === 'danger' ? 'danger' : 'primary'}`}
                busy={busy === asking.to}
                busyLabel="Saving…"
              >
                {asking.label}
              </BusyButton>
            </DialogFooter>
          </form>
        ) : null}
      </Dialog>
    </div>
  );
};

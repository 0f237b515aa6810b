import { useCallback, useEffect, useId, useRef, useState } from 'react';
import type { LabelledSlot } from '../../../shared/booking/availability-contracts';
import {
  type BookingView,
  bookingRoutes,
  createBookingInput,
  rescheduleBookingInput,
} from '../../../shared/booking/contracts';
import { type EngagementSummaryView, engagementRoutes } from '../../../shared/engagements/contracts';
import { call } from '../lib/api';
import { bookingErrorMessage, formatDayIn, formatMeeting, formatTimeIn, isStaleSlot } from '../lib/booking';
import type { FieldErrors, Validation } from '../lib/form';
import { validate } from '../lib/form';
import { useToast } from '../lib/toast';
import { useFormSubmit } from '../lib/use-form-submit';
import { type FetchPage, usePagedList } from '../lib/use-paged-list';
import { zoneName } from '../lib/zoned-time';
import { ConfirmDialog, Dialog, DialogForm } from './dialog';
import { SelectField, TextAreaField } from './field';
import { FormAlert } from './form-alert';
import { CompactPagedList } from './list-states';
import { SlotPicker, type SlotsState, useSlots } from './slot-picker';
import { Widget } from './widget';

const notesMax = 2000;

type Action =
  | { readonly kind: 'book' }
  | { readonly kind: 'move'; readonly booking: BookingView }
  | { readonly kind: 'cancel'; readonly booking: BookingView }
  | null;

const meetingName = (booking: Pick<BookingView, 'kickoff'>) => (booking.kickoff ? 'kickoff call' : 'meeting');

interface BookingsWidgetProps {
  readonly orgId: string;
  /** The organization's time zone, in which its people see every time; the browser's until it loads. */
  readonly timeZone: string | null;
}

/** The organization's upcoming meetings with the agency, and booking, moving or cancelling one. */
export const BookingsWidget = ({ orgId, timeZone }: BookingsWidgetProps) => {
  const notify = useToast();
  const [action, setAction] = useState<Action>(null);
  const [cancelReason, setCancelReason] = useState('');
  const zone = timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
  const fetchPage = useCallback<FetchPage<BookingView>>(
    (cursor, signal) =>
      call(bookingRoutes.list, { params: { orgId }, query: { when: 'upcoming', cursor, limit: 10 }, signal }),
    [orgId],
  );
  const list = usePagedList(fetchPage);
  const close = () => setAction(null);

  return (
    <Widget
      title="Bookings"
      actions={
        <button
          type="button"
          className="button button--primary button--small"
          onClick={() => setAction({ kind: 'book' })}
        >
          Book a meeting
        </button>
      }
    >
      <CompactPagedList
        list={list}
        loadingLabel="Loading your meetings…"
        emptyText="No upcoming meetings with the agency. Book one whenever it suits you."
        moreLabel="Show later meetings"
      >
        <p className="muted small">Times in {zoneName(zone)}</p>
        <ul className="bookings" aria-label="Upcoming meetings">
          {list.items.map((booking) => (
            <li key={booking.id} className="bookings__item">
              <div className="bookings__when">
                <p className="bookings__date">
                  <time dateTime={booking.start}>{formatDayIn(booking.start, zone)}</time>
                </p>
                <p>
                  {formatTimeIn(booking.start, zone)}–{formatTimeIn(booking.end, zone)}
                </p>
              </div>
              <div className="bookings__about">
                <p className="bookings__title">
                  {booking.kickoff ? <span className="badge badge--info">Kickoff</span> : null}
                  <span>{booking.projectName ?? 'Meeting with the agency'}</span>
                </p>
                <p className="muted small">Booked by {booking.bookedBy}</p>
                {booking.notes ? <p className="bookings__notes">{booking.notes}</p> : null}
                {booking.changeable ? (
                  <div className="bookings__actions">
                    <button
                      type="button"
                      className="button button--secondary button--small"
                      onClick={() => setAction({ kind: 'move', booking })}
                      aria-label={`Move the ${meetingName(booking)} of ${formatMeeting(booking.start, booking.end, zone)}`}
                    >
                      Move
                    </button>
                    <button
                      type="button"
                      className="button button--ghost button--small button--danger-text"
                      onClick={() => {
                        setCancelReason('');
                        setAction({ kind: 'cancel', booking });
                      }}
                      aria-label={`Cancel the ${meetingName(booking)} of ${formatMeeting(booking.start, booking.end, zone)}`}
                    >
                      Cancel
                    </button>
                  </div>
                ) : (
                  <p className="muted small">
                    It is too late to change this meeting online. Please contact the agency.
                  </p>
                )}
              </div>
            </li>
          ))}
        </ul>
      </CompactPagedList>

      <Dialog
        open={action?.kind === 'book'}
        title="Book a meeting"
        description="Pick a free time in the agency’s calendar."
        onClose={close}
        size="large"
      >
        <BookMeetingForm orgId={orgId} onBooked={list.reload} onClose={close} />
      </Dialog>
      <Dialog
        open={action?.kind === 'move'}
        title={`Move the ${action?.kind === 'move' ? meetingName(action.booking) : 'meeting'}`}
        onClose={close}
        size="large"
      >
        {action?.kind === 'move' ? (
          <MoveMeetingForm
            booking={action.booking}
            timeZone={zone}
            onMoved={(moved, slotZone) => {
              notify(
                `Your ${meetingName(moved)} is moved to ${formatMeeting(moved.start, moved.end, slotZone)}.`,
              );
              list.reload();
              close();
            }}
            onRefused={list.reload}
            onClose={close}
          />
        ) : null}
      </Dialog>
      <ConfirmDialog
        open={action?.kind === 'cancel'}
        title={`Cancel the ${action?.kind === 'cancel' ? meetingName(action.booking) : 'meeting'}?`}
        message={
          action?.kind === 'cancel' ? (
            <>
              <p>
                {formatMeeting(action.booking.start, action.booking.end, zone)} ({zoneName(zone)}). The agency
                is told, and the time is free again for others.
              </p>
              <TextAreaField
                label="Reason"
                optional
                rows={2}
                maxLength={500}
                value={cancelReason}
                onChange={(event) => setCancelReason(event.target.value)}
              />
            </>
          ) : null
        }
        confirmLabel="Cancel meeting"
        tone="danger"
        onClose={close}
        onConfirm={async () => {
          if (action?.kind !== 'cancel') return;
          try {
            await call(bookingRoutes.cancel, {
              params: { orgId, bookingId: action.booking.id },
              body: { reason: cancelReason.trim() },
            });
          } catch (caught) {
            // Too late, or already gone: the list shows how things stand now.
            list.reload();
            throw caught;
          }
          list.reload();
          notify(`The ${meetingName(action.booking)} is cancelled.`);
        }}
      />
    </Widget>
  );
};

/** The organization's engagements (usually one), to say which project a meeting is about. */
const useEngagements = (orgId: string): EngagementSummaryView[] => {
  const [engagements, setEngagements] = useState<EngagementSummaryView[]>([]);
  useEffect(() => {
    const controller = new AbortController();
    call(engagementRoutes.listForOrganization, {
      params: { orgId },
      query: { limit: 100 },
      signal: controller.signal,
    })
      .then((page) => setEngagements([...page.items].sort((a, b) => b.createdAt.localeCompare(a.createdAt))))
      // Without the list the API picks the newest engagement itself: nothing to show or to fail.
      .catch(() => undefined);
    return () => controller.abort();
  }, [orgId]);
  return engagements;
};

const pickFirst: FieldErrors = { start: 'Pick one of the free times first.' };

/**
 * Sends a booking or a move, and when the slot was just taken, says so and loads the free times again.
 */
const useSlotSubmit = <T,>(
  slots: SlotsState,
  check: () => Validation<T> | null,
  send: (data: T) => Promise<void>,
) =>
  useFormSubmit({
    check,
    send: async (data: T) => {
      try {
        await send(data);
      } catch (caught) {
        if (isStaleSlot(caught)) slots.reload();
        throw caught;
      }
    },
    failureTitle: (caught) => bookingErrorMessage(caught),
  });

interface BookMeetingFormProps {
  readonly orgId: string;
  readonly onBooked: () => void;
  readonly onClose: () => void;
}

const BookMeetingForm = ({ orgId, onBooked, onClose }: BookMeetingFormProps) => {
  const slots = useSlots(orgId);
  const engagements = useEngagements(orgId);
  const [selected, setSelected] = useState<LabelledSlot | null>(null);
  const [notes, setNotes] = useState('');
  const [kickoff, setKickoff] = useState(false);
  const [engagementId, setEngagementId] = useState<string | null>(null);
  const [booked, setBooked] = useState<BookingView | null>(null);
  const kickoffId = useId();
  const done = useRef<HTMLButtonElement>(null);
  const chosenEngagement = engagementId ?? engagements[0]?.id;

  const { errors, failure, busy, submit, setErrors } = useSlotSubmit(
    slots,
    () =>
      selected
        ? validate(createBookingInput, {
            start: selected.start,
            notes,
            kickoff,
            ...(chosenEngagement ? { engagementId: chosenEngagement } : {}),
          })
        : { ok: false, errors: pickFirst },
    async (data) => {
      const booking = await call(bookingRoutes.create, { params: { orgId }, body: data });
      setBooked(booking);
      onBooked();
    },
  );

  // The form that held the focus is gone: put it on the confirmation's button.
  useEffect(() => {
    if (booked) done.current?.focus();
  }, [booked]);

  const zone = slots.view?.timeZone ?? 'UTC';
  if (booked)
    return (
      <>
        <div className="dialog__content">
          <div className="alert alert--success" role="status">
            <p className="alert__title">Your {meetingName(booked)} is booked</p>
            <p>
              {formatMeeting(booked.start, booked.end, zone)} ({zoneName(zone)})
              {booked.projectName ? `, about ${booked.projectName}` : ''}.
            </p>
            <p>It is in the agency’s calendar, and a confirmation email is on its way to you.</p>
          </div>
        </div>
        <footer className="dialog__footer">
          <button type="button" className="button button--primary" onClick={onClose} ref={done}>
            Done
          </button>
        </footer>
      </>
    );

  if (slots.view && slots.view.availability !== 'open')
    return (
      <>
        <div className="dialog__content">
          <SlotPicker slots={slots} selected={null} onSelect={setSelected} />
        </div>
        <footer className="dialog__footer">
          <button type="button" className="button button--secondary" onClick={onClose}>
            Close
          </button>
        </footer>
      </>
    );

  return (
    <DialogForm
      onSubmit={submit}
      onCancel={onClose}
      busy={busy}
      busyLabel="Booking…"
      submitLabel="Book this time"
      className="form-grid form-grid--single"
    >
      <SlotPicker
        slots={slots}
        selected={selected}
        onSelect={(slot) => {
          setSelected(slot);
          if (slot) setErrors({});
        }}
      />
      {errors.start ? (
        <p className="field__error" role="alert">
          <span aria-hidden="true">⚠ </span>
          {errors.start}
        </p>
      ) : null}
      {engagements.length > 1 ? (
        <SelectField
          label="Project"
          value={chosenEngagement ?? ''}
          onChange={(event) => setEngagementId(event.target.value)}
          error={errors.engagementId}
        >
          {engagements.map((engagement) => (
            <option key={engagement.id} value={engagement.id}>
              {engagement.projectName}
            </option>
          ))}
        </SelectField>
      ) : null}
      <div>
        <div className="checkbox">
          <input
            id={kickoffId}
            type="checkbox"
            checked={kickoff}
            onChange={(event) => setKickoff(event.target.checked)}
            aria-describedby={`${kickoffId}-hint`}
          />
          <label htmlFor={kickoffId}>This is our kickoff call</label>
        </div>
        <p className="field__hint checkbox__hint" id={`${kickoffId}-hint`}>
          Booking the kickoff call ticks it off on your project checklist.
        </p>
      </div>
      <TextAreaField
        label="Notes for the agency"
        optional
        hint="What you would like to talk about."
        rows={3}
        maxLength={notesMax}
        value={notes}
        onChange={(event) => setNotes(event.target.value)}
        error={errors.notes}
      />
      <FormAlert title={failure ?? undefined} />
    </DialogForm>
  );
};

interface MoveMeetingFormProps {
  readonly booking: BookingView;
  readonly timeZone: string;
  readonly onMoved: (booking: BookingView, timeZone: string) => void;
  /** Called when the move was refused for another reason than a taken slot. */
  readonly onRefused: () => void;
  readonly onClose: () => void;
}

const MoveMeetingForm = ({ booking, timeZone, onMoved, onRefused, onClose }: MoveMeetingFormProps) => {
  const slots = useSlots(booking.orgId, booking.id);
  const [selected, setSelected] = useState<LabelledSlot | null>(null);
  const zone = slots.view?.timeZone ?? timeZone;

  const { errors, failure, busy, submit, setErrors } = useSlotSubmit(
    slots,
    () =>
      selected
        ? validate(rescheduleBookingInput, { start: selected.start })
        : { ok: false, errors: pickFirst },
    async (data) => {
      try {
        const moved = await call(bookingRoutes.reschedule, {
          params: { orgId: booking.orgId, bookingId: booking.id },
          body: data,
        });
        onMoved(moved, zone);
      } catch (caught) {
        // Too late to move, or cancelled meanwhile: the list shows how things stand now.
        if (!isStaleSlot(caught)) onRefused();
        throw caught;
      }
    },
  );

  return (
    <DialogForm
      onSubmit={submit}
      onCancel={onClose}
      busy={busy}
      busyLabel="Moving…"
      submitLabel="Move to this time"
      submitDisabled={slots.view !== null && slots.view.availability !== 'open'}
      className="form-grid form-grid--single"
    >
      <p>
        Now: <strong>{formatMeeting(booking.start, booking.end, zone)}</strong> ({zoneName(zone)})
      </p>
      <SlotPicker
        slots={slots}
        selected={selected}
        exclude={booking.start}
        onSelect={(slot) => {
          setSelected(slot);
          if (slot) setErrors({});
        }}
      />
      {errors.start ? (
        <p className="field__error" role="alert">
          <span aria-hidden="true">⚠ </span>
          {errors.start}
        </p>
      ) : null}
      <FormAlert title={failure ?? undefined} />
    </DialogForm>
  );
};

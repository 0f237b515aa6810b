import { useId, useState } from 'react';
import {
  type AgendaItemView,
  type AgendaView,
  type CreateAgendaItemInput,
  conferenceRoutes,
  createAgendaItemInput,
  type UpdateAgendaItemInput,
  updateAgendaItemInput,
} from '../../../shared/conferences/contracts';
import { DialogForm } from '../components/dialog';
import { TextAreaField, TextField } from '../components/field';
import { FormAlert } from '../components/form-alert';
import { VersionConflictAlert } from '../components/version-conflict-alert';
import { call } from '../lib/api';
import { fieldBinder, unplacedErrors, validate } from '../lib/form';
import { useFormSubmit } from '../lib/use-form-submit';
import { zoneName } from '../lib/zoned-time';

interface SessionFormProps {
  readonly agenda: AgendaView;
  /** The session to edit, with its description; without it the form adds one. */
  readonly item?: AgendaItemView & { readonly description: string };
  readonly onSaved: () => void;
  readonly onCancel: () => void;
}

const fields = ['title', 'description', 'start', 'end', 'track', 'room', 'speakerIds', 'stream'];

/**
 * Adds or edits a session. Start and end are wall times on the event's clock, sent as typed: the API turns
 * them into instants in the event's zone (and refuses a time the clocks skip).
 */
export const SessionForm = ({ agenda, item, onSaved, onCancel }: SessionFormProps) => {
  const { conference } = agenda;
  const firstDay = `${conference.startDate}T09:00`;
  const [values, setValues] = useState({
    title: item?.title ?? '',
    description: item?.description ?? '',
    start: item?.start ?? firstDay,
    end: item?.end ?? `${conference.startDate}T10:00`,
    track: item?.track ?? '',
    room: item?.room ?? '',
    speakerIds: item?.speakerIds ?? [],
    stream: item?.stream?.joinUrl ?? '',
  });
  const [conflict, setConflict] = useState(false);
  const speakersId = useId();
  const set = <K extends keyof typeof values>(key: K, value: (typeof values)[K]) =>
    setValues((current) => ({ ...current, [key]: value }));
  const initialStream = item?.stream?.joinUrl ?? '';
  // An edit sends the stream only when it changed: the stored link is already the normalized one.
  const candidate = () => {
    const { stream, ...rest } = values;
    return item && stream === initialStream ? rest : { ...rest, stream: stream.trim() || null };
  };
  const params = { orgId: conference.orgId, conferenceId: conference.id };

  const { errors, failure, busy, submit } = useFormSubmit<CreateAgendaItemInput | UpdateAgendaItemInput>({
    check: () =>
      item
        ? validate(updateAgendaItemInput, { version: item.version, ...candidate() })
        : validate(createAgendaItemInput, candidate()),
    invalidTitle: 'Please correct the highlighted fields.',
    send: async () => {
      if (item)
        await call(conferenceRoutes.updateAgendaItem, {
          params: { ...params, itemId: item.id },
          body: updateAgendaItemInput.parse({ version: item.version, ...candidate() }),
        });
      else
        await call(conferenceRoutes.createAgendaItem, {
          params,
          body: createAgendaItemInput.parse(candidate()),
        });
      onSaved();
    },
    onVersionConflict: () => setConflict(true),
  });
  const zone = zoneName(conference.timeZone);
  const field = fieldBinder(values, set, errors);

  return (
    <DialogForm
      onSubmit={submit}
      onCancel={onCancel}
      busy={busy}
      busyLabel="Saving…"
      submitLabel={item ? 'Save session' : 'Add session'}
      submitDisabled={conflict}
      className="form-grid"
    >
      <TextField label="Title" {...field('title')} required className="form-grid__wide" />
      <TextAreaField
        label="Description"
        optional
        rows={3}
        {...field('description')}
        className="form-grid__wide"
      />
      <TextField
        label={`Starts (${zone})`}
        type="datetime-local"
        hint={`The event's clock: ${zone}`}
        {...field('start')}
        required
      />
      <TextField label={`Ends (${zone})`} type="datetime-local" {...field('end')} required />
      <TextField label="Track" optional {...field('track')} />
      <TextField label="Room" optional {...field('room')} />
      <fieldset className="fieldset form-grid__wide" aria-describedby={`${speakersId}-hint`}>
        <legend>Speakers</legend>
        <p className="field__hint" id={`${speakersId}-hint`}>
          {agenda.speakers.length ? 'Choose any number.' : 'Add speakers first, under Speakers.'}
        </p>
        {agenda.speakers.map((speaker) => (
          <div key={speaker.id} className="checkbox">
            <input
              id={`${speakersId}-${speaker.id}`}
              type="checkbox"
              checked={values.speakerIds.includes(speaker.id)}
              onChange={(event) =>
                set(
                  'speakerIds',
                  event.target.checked
                    ? [...values.speakerIds, speaker.id]
                    : values.speakerIds.filter((speakerId) => speakerId !== speaker.id),
                )
              }
            />
            <label htmlFor={`${speakersId}-${speaker.id}`}>{speaker.name}</label>
          </div>
        ))}
        {errors.speakerIds ? <p className="field__error">{errors.speakerIds}</p> : null}
      </fieldset>
      <TextField
        label="Stream link"
        type="url"
        optional
        hint="YouTube, Vimeo, Zoom or Dacast; https only"
        {...field('stream')}
        spellCheck={false}
        className="form-grid__wide"
      />
      {conflict ? (
        <VersionConflictAlert>
          Someone else changed this session after you opened it, so your changes were not saved. Close this
          form and open the session again to see theirs.
        </VersionConflictAlert>
      ) : (
        <FormAlert title={failure ?? undefined} messages={unplacedErrors(errors, fields)} />
      )}
    </DialogForm>
  );
};

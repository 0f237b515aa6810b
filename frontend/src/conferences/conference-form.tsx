import { useId, useMemo, useState } from 'react';
import {
  type ConferenceView,
  type CreateConferenceInput,
  conferenceRoutes,
  createConferenceInput,
  type registrationField,
  type UpdateConferenceInput,
  updateConferenceInput,
} from '../../../shared/conferences/contracts';
import type * as z from '../../../shared/schema/zod';
import { DialogForm } from '../components/dialog';
import { SelectField, TextAreaField, TextField } from '../components/field';
import { FormAlert } from '../components/form-alert';
import { VersionConflictAlert } from '../components/version-conflict-alert';
import { call } from '../lib/api';
import { fieldBinder, unplacedErrors, validate } from '../lib/form';
import { browserTimeZone, timeZoneOptions } from '../lib/time-zones';
import { useFormSubmit } from '../lib/use-form-submit';
import { RegistrationFieldsEditor } from './registration-fields-editor';

type RegistrationField = z.infer<typeof registrationField>;

interface ConferenceFormProps {
  readonly orgId: string;
  /** The event to edit; without it the form creates one. */
  readonly conference?: ConferenceView;
  readonly onSaved: (conference: ConferenceView) => void;
  readonly onCancel: () => void;
}

interface Values {
  name: string;
  description: string;
  startDate: string;
  endDate: string;
  timeZone: string;
  venueKind: 'in-person' | 'virtual';
  venueName: string;
  venueAddress: string;
  venueUrl: string;
  primaryColor: string;
  accentColor: string;
  privacy: ConferenceView['privacy'];
  networking: boolean;
  chat: boolean;
  registrationFields: RegistrationField[];
}

const fields = [
  'name',
  'description',
  'startDate',
  'endDate',
  'timeZone',
  'venue.name',
  'venue.address',
  'venue.url',
  'branding.primaryColor',
  'branding.accentColor',
  'privacy',
  'registrationFields',
];

const valuesOf = (conference: ConferenceView | undefined): Values => ({
  name: conference?.name ?? '',
  description: conference?.description ?? '',
  startDate: conference?.startDate ?? '',
  endDate: conference?.endDate ?? '',
  timeZone: conference?.timeZone ?? browserTimeZone(),
  venueKind: conference?.venue.kind ?? 'virtual',
  venueName: conference?.venue.kind === 'in-person' ? conference.venue.name : '',
  venueAddress: conference?.venue.kind === 'in-person' ? conference.venue.address : '',
  venueUrl: conference?.venue.kind === 'virtual' ? (conference.venue.url ?? '') : '',
  primaryColor: conference?.branding.primaryColor ?? '#3b5bdb',
  accentColor: conference?.branding.accentColor ?? '#f08c00',
  privacy: conference?.privacy ?? 'invitation-only',
  networking: conference?.features.networking ?? true,
  chat: conference?.features.chat ?? true,
  registrationFields: conference?.registrationFields ?? [],
});

const candidateOf = (values: Values) => ({
  name: values.name,
  description: values.description,
  startDate: values.startDate,
  endDate: values.endDate,
  timeZone: values.timeZone,
  venue:
    values.venueKind === 'in-person'
      ? { kind: 'in-person' as const, name: values.venueName, address: values.venueAddress }
      : { kind: 'virtual' as const, url: values.venueUrl.trim() || null },
  branding: { primaryColor: values.primaryColor, accentColor: values.accentColor },
  privacy: values.privacy,
  features: { networking: values.networking, chat: values.chat },
  registrationFields: values.registrationFields,
});

const privacyLabels: Record<ConferenceView['privacy'], string> = {
  public: 'Public: a page anyone can find',
  unlisted: 'Unlisted: a page for those with the link',
  'invitation-only': 'Invitation only: invited people alone',
};

/** Creates an event, or edits one guarded by its version (someone else's newer edit is shown, not lost). */
export const ConferenceForm = ({ orgId, conference, onSaved, onCancel }: ConferenceFormProps) => {
  const [values, setValues] = useState<Values>(() => valuesOf(conference));
  const [version, setVersion] = useState(conference?.version ?? 0);
  const [conflict, setConflict] = useState(false);
  const networkingId = useId();
  const chatId = useId();
  const zones = useMemo(() => {
    const options = timeZoneOptions();
    return options.includes(values.timeZone) ? options : [values.timeZone, ...options];
  }, [values.timeZone]);
  const set = <K extends keyof Values>(key: K, value: Values[K]) =>
    setValues((current) => ({ ...current, [key]: value }));

  const { errors, failure, busy, submit, reloadWith } = useFormSubmit<
    CreateConferenceInput | UpdateConferenceInput
  >({
    check: () => {
      setConflict(false);
      return conference
        ? validate(updateConferenceInput, { version, ...candidateOf(values) })
        : validate(createConferenceInput, candidateOf(values));
    },
    invalidTitle: 'Please correct the highlighted fields.',
    send: async () =>
      onSaved(
        conference
          ? await call(conferenceRoutes.updateConference, {
              params: { orgId, conferenceId: conference.id },
              body: updateConferenceInput.parse({ version, ...candidateOf(values) }),
            })
          : await call(conferenceRoutes.createConference, {
              params: { orgId },
              body: createConferenceInput.parse(candidateOf(values)),
            }),
      ),
    onVersionConflict: () => setConflict(true),
  });

  const reload = () =>
    reloadWith(async () => {
      if (!conference) return;
      const latest = await call(conferenceRoutes.getConference, {
        params: { orgId, conferenceId: conference.id },
      });
      setValues(valuesOf(latest));
      setVersion(latest.version);
      setConflict(false);
    });
  const field = fieldBinder(values, set, errors);

  return (
    <DialogForm
      onSubmit={submit}
      onCancel={onCancel}
      busy={busy}
      busyLabel="Saving…"
      submitLabel={conference ? 'Save changes' : 'Create event'}
      submitDisabled={conflict}
      className="form-grid"
    >
      <TextField label="Event name" {...field('name')} required className="form-grid__wide" />
      <TextAreaField
        label="Description"
        optional
        rows={3}
        {...field('description')}
        className="form-grid__wide"
      />
      <TextField label="First day" type="date" {...field('startDate')} required />
      <TextField label="Last day" type="date" {...field('endDate')} required />
      <SelectField
        label="Time zone"
        hint="Sessions are planned on this clock; attendees see their own."
        {...field('timeZone')}
      >
        {zones.map((zone) => (
          <option key={zone} value={zone}>
            {zone.replaceAll('_', ' ')}
          </option>
        ))}
      </SelectField>
      <SelectField label="Privacy" {...field('privacy')}>
        {Object.entries(privacyLabels).map(([value, label]) => (
          <option key={value} value={value}>
            {label}
          </option>
        ))}
      </SelectField>
      <SelectField
        label="Venue"
        name="venueKind"
        value={values.venueKind}
        onChange={(event) => set('venueKind', event.target.value as Values['venueKind'])}
      >
        <option value="virtual">Virtual</option>
        <option value="in-person">In person</option>
      </SelectField>
      {values.venueKind === 'in-person' ? (
        <>
          <TextField label="Venue name" {...field('venueName', 'venue.name')} required />
          <TextField
            label="Address"
            optional
            {...field('venueAddress', 'venue.address')}
            className="form-grid__wide"
          />
        </>
      ) : (
        <TextField
          label="Event link"
          type="url"
          optional
          placeholder="https://"
          {...field('venueUrl', 'venue.url')}
          spellCheck={false}
        />
      )}
      <TextField label="Primary colour" type="color" {...field('primaryColor', 'branding.primaryColor')} />
      <TextField label="Accent colour" type="color" {...field('accentColor', 'branding.accentColor')} />
      <fieldset className="fieldset form-grid__wide">
        <legend>Features</legend>
        <div className="checkbox">
          <input
            id={networkingId}
            type="checkbox"
            checked={values.networking}
            onChange={(event) => set('networking', event.target.checked)}
          />
          <label htmlFor={networkingId}>Networking: the attendee directory and connection requests</label>
        </div>
        <div className="checkbox">
          <input
            id={chatId}
            type="checkbox"
            checked={values.chat}
            onChange={(event) => set('chat', event.target.checked)}
          />
          <label htmlFor={chatId}>Chat rooms</label>
        </div>
      </fieldset>
      <RegistrationFieldsEditor
        fields={values.registrationFields}
        errors={errors}
        savedKeys={conference?.registrationFields.map((field) => field.key) ?? []}
        onChange={(next) => set('registrationFields', next)}
      />
      {conflict ? (
        <VersionConflictAlert onReload={() => void reload()}>
          Someone else changed this event after you opened it, so your changes were not saved. Reload to see
          theirs, then make yours again.
        </VersionConflictAlert>
      ) : (
        <FormAlert
          title={failure ?? undefined}
          messages={unplacedErrors(errors, fields).filter((m) => !m.startsWith('registrationFields.'))}
        />
      )}
    </DialogForm>
  );
};

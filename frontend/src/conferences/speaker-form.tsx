import { useId, useState } from 'react';
import {
  type CreateSpeakerInput,
  conferenceRoutes,
  createSpeakerInput,
  maxSpeakerLinks,
  type SpeakerView,
  type UpdateSpeakerInput,
  updateSpeakerInput,
} from '../../../shared/conferences/contracts';
import { DialogForm } from '../components/dialog';
import { TextAreaField, TextField } from '../components/field';
import { FormAlert } from '../components/form-alert';
import { VersionConflictAlert } from '../components/version-conflict-alert';
import { call } from '../lib/api';
import { fieldBinder, unplacedErrors, validate } from '../lib/form';
import { useFormSubmit } from '../lib/use-form-submit';
import { ImageField } from './image-field';
import {
  emptyLinkRow,
  type LinkRow,
  linkRowErrors,
  linksFromRows,
  placedLinkPaths,
  rowsFromLinks,
} from './speaker-links';

interface SpeakerFormProps {
  readonly orgId: string;
  readonly conferenceId: string;
  /** The speaker to edit; without it the form adds one. */
  readonly speaker?: SpeakerView;
  readonly onSaved: (speaker: SpeakerView) => void;
  readonly onCancel: () => void;
}

const fields = ['name', 'title', 'company', 'bio', 'email', 'phone', 'links'];

/**
 * Adds or edits a speaker. With "Link or invite" the email names a Portico user to link, or an external
 * speaker who is invited to sign in as a guest and sees only this event.
 */
export const SpeakerForm = ({ orgId, conferenceId, speaker, onSaved, onCancel }: SpeakerFormProps) => {
  const [values, setValues] = useState({
    name: speaker?.name ?? '',
    title: speaker?.title ?? '',
    company: speaker?.company ?? '',
    bio: speaker?.bio ?? '',
    email: speaker?.email ?? '',
    phone: speaker?.phone ?? '',
  });
  const [linkRows, setLinkRows] = useState<LinkRow[]>(() => rowsFromLinks(speaker?.links ?? []));
  const [invite, setInvite] = useState(false);
  const [photoUrl, setPhotoUrl] = useState(speaker?.photoUrl ?? null);
  // A photo is saved on the speaker at once, which moves its version on by one.
  const [version, setVersion] = useState(speaker?.version ?? 0);
  const [conflict, setConflict] = useState(false);
  const inviteId = useId();
  const set = <K extends keyof typeof values>(key: K, value: (typeof values)[K]) =>
    setValues((current) => ({ ...current, [key]: value }));
  const setLink = (key: string, change: Partial<Pick<LinkRow, 'label' | 'url'>>) =>
    setLinkRows((rows) => rows.map((row) => (row.key === key ? { ...row, ...change } : row)));
  const sentLinks = linksFromRows(linkRows);
  const candidate = () => ({
    name: values.name,
    title: values.title,
    company: values.company,
    bio: values.bio,
    email: values.email.trim() || null,
    phone: values.phone.trim() || null,
    // The whole list, as the rows show it: an edit replaces the speaker's links with it.
    links: sentLinks.links,
  });
  const params = { orgId, conferenceId };

  const { errors, failure, busy, submit } = useFormSubmit<CreateSpeakerInput | UpdateSpeakerInput>({
    check: () =>
      speaker
        ? validate(updateSpeakerInput, { version, ...candidate() })
        : validate(createSpeakerInput, { ...candidate(), invite }),
    invalidTitle: 'Please correct the highlighted fields.',
    send: async () =>
      onSaved(
        speaker
          ? await call(conferenceRoutes.updateSpeaker, {
              params: { ...params, speakerId: speaker.id },
              body: updateSpeakerInput.parse({ version, ...candidate() }),
            })
          : await call(conferenceRoutes.createSpeaker, {
              params,
              body: createSpeakerInput.parse({ ...candidate(), invite }),
            }),
      ),
    onVersionConflict: () => setConflict(true),
  });
  const field = fieldBinder(values, set, errors);
  const rowErrors = linkRowErrors(errors, sentLinks.rowOf, linkRows.length);

  return (
    <DialogForm
      onSubmit={submit}
      onCancel={onCancel}
      busy={busy}
      busyLabel="Saving…"
      submitLabel={speaker ? 'Save speaker' : 'Add speaker'}
      submitDisabled={conflict}
      className="form-grid"
    >
      <TextField label="Name" {...field('name')} required />
      <TextField label="Job title" optional {...field('title')} />
      <TextField label="Company" optional {...field('company')} />
      <fieldset className="fieldset form-grid__wide">
        <legend>Links</legend>
        {linkRows.length === 0 ? <p className="muted">No links: add a website or a profile.</p> : null}
        {linkRows.map((row, index) => (
          <fieldset key={row.key} className="field-row">
            <legend className="visually-hidden">Link {index + 1}</legend>
            <TextField
              label={`Link ${index + 1} label`}
              placeholder="Website"
              value={row.label}
              onChange={(event) => setLink(row.key, { label: event.target.value })}
              error={rowErrors[index]?.label}
            />
            <TextField
              label={`Link ${index + 1} URL`}
              type="url"
              placeholder="https://"
              value={row.url}
              onChange={(event) => setLink(row.key, { url: event.target.value })}
              error={rowErrors[index]?.url}
            />
            <button
              type="button"
              className="button button--secondary button--small"
              onClick={() => setLinkRows((rows) => rows.filter((candidate) => candidate.key !== row.key))}
            >
              Remove link {index + 1}
            </button>
          </fieldset>
        ))}
        {errors.links ? <p className="field__error">{errors.links}</p> : null}
        <button
          type="button"
          className="button button--secondary button--small"
          disabled={linkRows.length >= maxSpeakerLinks}
          onClick={() => setLinkRows((rows) => [...rows, emptyLinkRow()])}
        >
          Add a link
        </button>
      </fieldset>
      <TextAreaField label="Bio" optional rows={4} {...field('bio')} className="form-grid__wide" />
      <TextField
        label="Email"
        type="email"
        optional
        hint="Organizers alone see contact details"
        {...field('email')}
        autoComplete="off"
      />
      <TextField label="Phone" type="tel" optional {...field('phone')} />
      {speaker ? (
        <>
          <div className="form-grid__wide">
            <ImageField
              label="Photo"
              params={params}
              target={{ kind: 'speaker-photo', speakerId: speaker.id }}
              current={photoUrl}
              alt={`Photo of ${speaker.name}`}
              onUploaded={(url) => {
                setPhotoUrl(url);
                setVersion((current) => current + 1);
              }}
            />
          </div>
          {speaker.userId ? <p className="muted form-grid__wide">Linked to a Portico account.</p> : null}
        </>
      ) : (
        <div className="checkbox form-grid__wide">
          <input
            id={inviteId}
            type="checkbox"
            checked={invite}
            onChange={(event) => setInvite(event.target.checked)}
          />
          <label htmlFor={inviteId}>
            Link the Portico user with this email, or invite them by email to sign in as a speaker
          </label>
        </div>
      )}
      {conflict ? (
        <VersionConflictAlert>
          Someone else changed this speaker after you opened it, so your changes were not saved. Close this
          form and open the speaker again to see theirs.
        </VersionConflictAlert>
      ) : (
        <FormAlert
          title={failure ?? undefined}
          messages={unplacedErrors(errors, [...fields, ...placedLinkPaths(sentLinks.rowOf)])}
        />
      )}
    </DialogForm>
  );
};

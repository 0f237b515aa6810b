import { type FormEvent, useEffect, useState } from 'react';
import { type MyProfileView, networkingRoutes } from '../../../shared/networking/contracts';
import { TextAreaField, TextField } from '../components/field';
import { FormAlert } from '../components/form-alert';
import { call, errorMessage } from '../lib/api';

/** The caller's own card: the directory opt-in, what others read, and the contact details for connections. */
export const MyCardForm = ({
  orgId,
  conferenceId,
  profile,
  onSaved,
}: {
  readonly orgId: string;
  readonly conferenceId: string;
  readonly profile: MyProfileView;
  readonly onSaved: (profile: MyProfileView) => void;
}) => {
  const [draft, setDraft] = useState(profile);
  const [problem, setProblem] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  useEffect(() => setDraft(profile), [profile]);
  const set = <K extends keyof MyProfileView>(key: K, value: MyProfileView[K]) => {
    setSaved(false);
    setDraft((current) => ({ ...current, [key]: value }));
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    try {
      const next = await call(networkingRoutes.saveProfile, {
        params: { orgId, conferenceId },
        body: {
          listed: draft.listed,
          company: draft.company,
          title: draft.title,
          bio: draft.bio,
          interests: draft.interests,
          contactEmail: draft.contactEmail,
          phone: draft.phone,
          website: draft.website || null,
        },
      });
      setProblem(null);
      setSaved(true);
      onSaved(next);
    } catch (cause) {
      setProblem(errorMessage(cause));
    }
  };

  return (
    <form
      className="card networking__card-form"
      aria-label="My card"
      onSubmit={(event) => void submit(event)}
    >
      <h2>My card</h2>
      <label className="checkbox">
        <input
          type="checkbox"
          checked={draft.listed}
          onChange={(event) => set('listed', event.target.checked)}
        />{' '}
        Show me in the attendee directory
      </label>
      <TextField
        label="Company"
        value={draft.company}
        onChange={(event) => set('company', event.target.value)}
        optional
      />
      <TextField
        label="Job title"
        value={draft.title}
        onChange={(event) => set('title', event.target.value)}
        optional
      />
      <TextAreaField
        label="About me"
        rows={3}
        value={draft.bio}
        onChange={(event) => set('bio', event.target.value)}
        optional
      />
      {draft.availableInterests.length ? (
        <fieldset className="networking__interests">
          <legend>Interests</legend>
          {draft.availableInterests.map((topic) => (
            <label key={topic} className="checkbox">
              <input
                type="checkbox"
                checked={draft.interests.includes(topic)}
                onChange={(event) =>
                  set(
                    'interests',
                    event.target.checked
                      ? [...draft.interests, topic]
                      : draft.interests.filter((t) => t !== topic),
                  )
                }
              />{' '}
              {topic}
            </label>
          ))}
        </fieldset>
      ) : null}
      <p className="field__hint">Only your connections see these:</p>
      <TextField
        label="Contact email"
        type="email"
        value={draft.contactEmail}
        onChange={(event) => set('contactEmail', event.target.value)}
        optional
      />
      <TextField
        label="Phone"
        value={draft.phone}
        onChange={(event) => set('phone', event.target.value)}
        optional
      />
      <TextField
        label="Website"
        value={draft.website ?? ''}
        onChange={(event) => set('website', event.target.value)}
        optional
      />
      <button type="submit" className="button button--primary">
        Save card
      </button>
      {saved ? <p role="status">Saved.</p> : null}
      <FormAlert>{problem}</FormAlert>
    </form>
  );
};

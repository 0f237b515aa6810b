import { type FormEvent, useId, useState } from 'react';
import { focusTopics, updateProfileInput } from '../../../shared/organizations/contracts';
import { ApiError, errorMessage } from '../lib/api';
import { validate } from '../lib/form';
import { type ProfileState, profileDraft } from '../lib/use-profile';
import { LoadingRows } from './list-states';
import { Widget } from './widget';

interface FocusTopicsWidgetProps {
  readonly state: ProfileState;
  readonly canEdit: boolean;
}

/** Focus topics as chips; owners add and remove them, and each change is saved at once. */
export const FocusTopicsWidget = ({ state, canEdit }: FocusTopicsWidgetProps) => {
  const { profile } = state;
  const [topic, setTopic] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [conflict, setConflict] = useState(false);
  const [busy, setBusy] = useState(false);
  const [announcement, setAnnouncement] = useState('');
  const inputId = useId();
  const errorId = useId();

  const saveTopics = async (topics: string[], done: string) => {
    if (!profile) return false;
    setError(null);
    setConflict(false);
    const checked = validate(focusTopics, topics);
    if (!checked.ok) {
      setError(Object.values(checked.errors)[0] ?? 'Check the topic');
      return false;
    }
    const body = validate(updateProfileInput, profileDraft(profile, { focusTopics: checked.data }));
    if (!body.ok) {
      setError('The profile has values that cannot be saved; edit the profile first.');
      return false;
    }
    setBusy(true);
    try {
      await state.save(body.data);
      setAnnouncement(done);
      return true;
    } catch (caught) {
      if (caught instanceof ApiError && caught.isVersionConflict) setConflict(true);
      else
        setError(
          Object.values(caught instanceof ApiError ? caught.fieldErrors : {})[0] ?? errorMessage(caught),
        );
      return false;
    } finally {
      setBusy(false);
    }
  };

  const add = async (event: FormEvent) => {
    event.preventDefault();
    if (!profile) return;
    const value = topic.trim();
    if (!value) {
      setError('Type a topic first');
      return;
    }
    if (profile.focusTopics.some((existing) => existing.toLowerCase() === value.toLowerCase())) {
      setError(`“${value}” is already a focus topic`);
      return;
    }
    if (await saveTopics([...profile.focusTopics, value], `Added ${value}.`)) setTopic('');
  };

  const remove = (value: string) =>
    void saveTopics(
      (profile?.focusTopics ?? []).filter((existing) => existing !== value),
      `Removed ${value}.`,
    );

  return (
    <Widget title="Focus topics">
      {state.status === 'loading' ? (
        <LoadingRows label="Loading focus topics…" />
      ) : !profile ? (
        <p className="muted">The focus topics could not be loaded.</p>
      ) : (
        <>
          {profile.focusTopics.length === 0 ? (
            <p className="muted">
              {canEdit ? 'No focus topics yet. Add the first one below.' : 'No focus topics yet.'}
            </p>
          ) : (
            <ul className="chips" aria-label="Focus topics">
              {profile.focusTopics.map((value) => (
                <li key={value} className="chip">
                  <span>{value}</span>
                  {canEdit ? (
                    <button
                      type="button"
                      className="chip__remove"
                      onClick={() => remove(value)}
                      disabled={busy}
                      aria-label={`Remove ${value}`}
                    >
                      <span aria-hidden="true">×</span>
                    </button>
                  ) : null}
                </li>
              ))}
            </ul>
          )}
          {canEdit ? (
            <form className="chip-form" onSubmit={(event) => void add(event)} noValidate>
              <label htmlFor={inputId} className="field__label">
                Add a focus topic
              </label>
              <div className="chip-form__row">
                <input
                  id={inputId}
                  className="input"
                  value={topic}
                  maxLength={60}
                  placeholder="e.g. Sustainability"
                  onChange={(event) => {
                    setTopic(event.target.value);
                    setError(null);
                  }}
                  aria-invalid={error ? true : undefined}
                  aria-describedby={error ? errorId : undefined}
                />
                <button type="submit" className="button button--secondary" disabled={busy} aria-busy={busy}>
                  Add
                </button>
              </div>
              {error ? (
                <p className="field__error" id={errorId} role="alert">
                  {error}
                </p>
              ) : null}
            </form>
          ) : (
            <p className="note">Only the owner of the organization can change focus topics.</p>
          )}
          {conflict ? (
            <div className="alert alert--warning" role="alert">
              <p className="alert__title">Someone else saved the profile</p>
              <p>Reload to see the latest focus topics, then try again.</p>
              <button
                type="button"
                className="button button--secondary button--small"
                onClick={() => {
                  setConflict(false);
                  void state.reload();
                }}
              >
                Reload profile
              </button>
            </div>
          ) : null}
          <p className="visually-hidden" aria-live="polite">
            {announcement}
          </p>
        </>
      )}
    </Widget>
  );
};

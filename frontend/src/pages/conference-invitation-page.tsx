import { useEffect, useState } from 'react';
import {
  attendeeRoutes,
  type conferenceInvitationView,
} from '../../../shared/conferences/attendee-contracts';
import type * as z from '../../../shared/schema/zod';
import { PublicShell } from '../components/app-shell';
import { AuthCard, AuthForm } from '../components/auth-card';
import { SelectField, TextField } from '../components/field';
import { FormAlert } from '../components/form-alert';
import { NewPasswordField } from '../components/new-password-field';
import { ApiError, adoptSession, call, errorMessage } from '../lib/api';
import { Link, useLocation } from '../lib/router';
import { useSession } from '../lib/session';
import { useTitle } from '../lib/use-title';

type Invitation = z.infer<typeof conferenceInvitationView>;
type Answers = Record<string, string | boolean>;

/** The registration questions of the event, as form fields. */
const Questions = ({
  invitation,
  answers,
  onChange,
  errors,
}: {
  readonly invitation: Invitation;
  readonly answers: Answers;
  readonly onChange: (answers: Answers) => void;
  readonly errors: Record<string, string>;
}) => (
  <>
    {invitation.registrationFields.map((field) => {
      const error = errors[`answers.${field.key}`];
      if (field.type === 'checkbox')
        return (
          <label key={field.key} className="checkbox">
            <input
              type="checkbox"
              name={field.key}
              checked={answers[field.key] === true}
              onChange={(event) => onChange({ ...answers, [field.key]: event.target.checked })}
            />
            {field.label}
            {error ? <span className="field__error">{error}</span> : null}
          </label>
        );
      if (field.type === 'select')
        return (
          <SelectField
            key={field.key}
            label={field.label}
            name={field.key}
            value={String(answers[field.key] ?? '')}
            onChange={(event) => onChange({ ...answers, [field.key]: event.target.value })}
            error={error}
            required={field.required}
          >
            <option value="">Choose…</option>
            {field.options.map((option) => (
              <option key={option}>{option}</option>
            ))}
          </SelectField>
        );
      return (
        <TextField
          key={field.key}
          label={field.label}
          name={field.key}
          value={String(answers[field.key] ?? '')}
          onChange={(event) => onChange({ ...answers, [field.key]: event.target.value })}
          error={error}
          required={field.required}
        />
      );
    })}
  </>
);

const fieldErrors = (caught: unknown): Record<string, string> =>
  caught instanceof ApiError ? { ...caught.fieldErrors } : {};

/**
 * Where a conference invitation's link leads: the event's registration questions, then either a name and
 * password (a person new to Portico gets a guest account) or, for an existing account, signing in.
 */
export const ConferenceInvitationPage = () => {
  useTitle('Register for the event');
  const { search, href } = useLocation();
  const token = search.get('token') ?? '';
  const { state } = useSession();
  const [invitation, setInvitation] = useState<Invitation | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [answers, setAnswers] = useState<Answers>({});
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);

  useEffect(() => {
    const controller = new AbortController();
    call(attendeeRoutes.getConferenceInvitation, { params: { token }, signal: controller.signal })
      .then((found) => {
        setInvitation(found);
        setName(found.name);
      })
      .catch((caught: unknown) => {
        if (!controller.signal.aborted) setLoadError(errorMessage(caught));
      });
    return () => controller.abort();
  }, [token]);

  if (loadError)
    return (
      <AuthCard title="Invitation not valid" footer={<Link to="/sign-in">Sign in</Link>}>
        <FormAlert title={loadError} />
      </AuthCard>
    );
  if (!invitation)
    return (
      <PublicShell>
        <p className="loading" role="status">
          Checking your invitation…
        </p>
      </PublicShell>
    );
  if (done)
    return (
      <AuthCard title="You are registered" footer={<Link to="/">Go to Portico</Link>}>
        <p className="auth__lead" role="status">
          You are registered for <strong>{invitation.conference.name}</strong>.
        </p>
      </AuthCard>
    );

  const signedInAs = state.status === 'signed-in' ? state.user.email : null;
  const send = async () => {
    setBusy(true);
    setErrors({});
    setFailure(null);
    try {
      if (signedInAs) {
        await call(attendeeRoutes.acceptConferenceInvitation, { body: { token, answers } });
      } else {
        adoptSession(
          await call(attendeeRoutes.registerForConference, { body: { token, name, password, answers } }),
        );
      }
      setDone(true);
    } catch (caught) {
      setErrors(fieldErrors(caught));
      setFailure(errorMessage(caught));
    } finally {
      setBusy(false);
    }
  };
  const { conference } = invitation;
  const needsSignIn = invitation.hasAccount && signedInAs === null;
  return (
    <AuthCard title={`Register for ${conference.name}`}>
      <p className="auth__lead">
        {invitation.organizationName} invited <strong>{invitation.email}</strong> to {conference.name} (
        {conference.startDate === conference.endDate
          ? conference.startDate
          : `${conference.startDate} – ${conference.endDate}`}
        , {conference.timeZone}).
      </p>
      {needsSignIn ? (
        <p>
          This address has a Portico account.{' '}
          <Link to={`/sign-in?next=${encodeURIComponent(href)}`}>Sign in to accept the invitation</Link>.
        </p>
      ) : (
        <AuthForm
          onSubmit={async (event) => {
            event.preventDefault();
            await send();
          }}
          busy={busy}
          busyLabel="Registering…"
          submitLabel="Register"
        >
          {signedInAs ? null : (
            <>
              <input type="hidden" name="username" autoComplete="username" value={invitation.email} />
              <TextField
                label="Your name"
                name="name"
                autoComplete="name"
                value={name}
                onChange={(event) => setName(event.target.value)}
                error={errors.name}
                required
              />
              <NewPasswordField
                label="Password"
                value={password}
                onChange={setPassword}
                error={errors.password}
              />
            </>
          )}
          <Questions invitation={invitation} answers={answers} onChange={setAnswers} errors={errors} />
          <FormAlert title={failure ?? undefined} />
        </AuthForm>
      )}
    </AuthCard>
  );
};

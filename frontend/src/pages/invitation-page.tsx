import { useEffect, useState } from 'react';
import {
  acceptInvitationInput,
  identityRoutes,
  type invitationView,
} from '../../../shared/identity/contracts';
import type * as z from '../../../shared/schema/zod';
import { PublicShell } from '../components/app-shell';
import { AuthCard, AuthForm } from '../components/auth-card';
import { TextField } from '../components/field';
import { FormAlert } from '../components/form-alert';
import { NewPasswordField } from '../components/new-password-field';
import { ApiError, call, errorMessage } from '../lib/api';
import { unplacedErrors, validate } from '../lib/form';
import { formatDateTime } from '../lib/format';
import { Link, navigate, useLocation } from '../lib/router';
import { homeFor, useSession } from '../lib/session';
import { useToast } from '../lib/toast';
import { useFormSubmit } from '../lib/use-form-submit';
import { useTitle } from '../lib/use-title';

type Invitation = z.infer<typeof invitationView>;

type LoadState =
  | { readonly status: 'loading' }
  | { readonly status: 'invalid'; readonly message: string }
  | { readonly status: 'ready'; readonly invitation: Invitation };

const invalidLink =
  'This invitation link is not valid any more. It may have expired or been replaced by a newer one.';

export const InvitationPage = () => {
  useTitle('Accept your invitation');
  const { search } = useLocation();
  const token = search.get('token') ?? '';
  const { acceptInvitation } = useSession();
  const notify = useToast();
  const [load, setLoad] = useState<LoadState>({ status: 'loading' });
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');

  useEffect(() => {
    if (token.length < 20) {
      setLoad({
        status: 'invalid',
        message: 'This invitation link is incomplete. Open the link from the email again.',
      });
      return;
    }
    const controller = new AbortController();
    call(identityRoutes.getInvitation, { params: { token }, signal: controller.signal })
      .then((invitation) => {
        setLoad({ status: 'ready', invitation });
        setName(invitation.name);
      })
      .catch((caught: unknown) => {
        if (controller.signal.aborted) return;
        setLoad({
          status: 'invalid',
          message:
            caught instanceof ApiError && caught.status < 500 && caught.status !== 0
              ? invalidLink
              : errorMessage(caught),
        });
      });
    return () => controller.abort();
  }, [token]);

  const { errors, failure, busy, submit } = useFormSubmit({
    check: () => validate(acceptInvitationInput, { token, name, password }),
    send: async (data) => {
      const user = await acceptInvitation(data);
      notify(`Welcome to Portico, ${user.name}.`);
      navigate(homeFor(user), { replace: true });
    },
    failureTitle: (caught, fieldErrors) =>
      caught instanceof ApiError &&
      Object.keys(fieldErrors).length === 0 &&
      [404, 409, 410].includes(caught.status)
        ? invalidLink
        : errorMessage(caught),
  });

  if (load.status === 'loading')
    return (
      <PublicShell>
        <p className="loading" role="status">
          Checking your invitation…
        </p>
      </PublicShell>
    );

  if (load.status === 'invalid')
    return (
      <AuthCard
        title="Invitation not valid"
        footer={
          <>
            Ask the person who invited you to send a new invitation, or <Link to="/sign-in">sign in</Link> if
            you already have an account.
          </>
        }
      >
        <FormAlert title={load.message} />
      </AuthCard>
    );

  const { invitation } = load;
  const roleLabel = {
    admin: 'an operator admin',
    owner: 'an owner',
    member: 'a member',
    guest: 'a guest',
  }[invitation.role];
  return (
    <AuthCard
      title={
        invitation.organizationName
          ? `Join ${invitation.organizationName}`
          : invitation.role === 'guest'
            ? 'Join your events on Portico'
            : 'Join the Portico operator team'
      }
    >
      <p className="auth__lead">
        You are invited as <strong>{roleLabel}</strong>. Choose your name and a password to finish setting up
        your account.
      </p>
      <dl className="facts">
        <div>
          <dt>Email</dt>
          <dd>{invitation.email}</dd>
        </div>
        <div>
          <dt>Invitation valid until</dt>
          <dd>{formatDateTime(invitation.expiresAt)}</dd>
        </div>
      </dl>
      <AuthForm
        onSubmit={submit}
        busy={busy}
        busyLabel="Setting up your account…"
        submitLabel="Accept invitation"
      >
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
        <NewPasswordField label="Password" value={password} onChange={setPassword} error={errors.password} />
        <FormAlert
          title={failure ?? undefined}
          messages={unplacedErrors(errors, ['name', 'password', 'token'])}
        />
      </AuthForm>
    </AuthCard>
  );
};

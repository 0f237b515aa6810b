import { useEffect, useRef, useState } from 'react';
import { oauthCallbackInput } from '../../../shared/google/contracts';
import type { UserView } from '../../../shared/identity/contracts';
import { workspaceRoutes } from '../../../shared/workspace/contracts';
import { AppShell } from '../components/app-shell';
import { BusyButton } from '../components/busy-button';
import { EmptyState, LoadingRows } from '../components/list-states';
import { adminNav } from '../lib/admin-nav';
import { call } from '../lib/api';
import { clientNav } from '../lib/client-nav';
import {
  startWorkspaceAuthorization,
  takePendingWorkspaceOrg,
  workspaceErrorMessage,
} from '../lib/google-workspace';
import { Link, navigate, useLocation } from '../lib/router';
import { useSession } from '../lib/session';
import { useToast } from '../lib/toast';
import { useTitle } from '../lib/use-title';

type Outcome =
  | { readonly status: 'working' }
  | { readonly status: 'failed'; readonly title: string; readonly message: string };

const notConnected = 'Google Workspace was not connected';

/** What Google's answer in the address means, before anything is sent to the API. */
const outcomeOf = (search: URLSearchParams): Outcome | { readonly code: string; readonly state: string } => {
  const error = search.get('error');
  if (error === 'access_denied')
    return {
      status: 'failed',
      title: notConnected,
      message:
        'You chose not to give Portico access on Google’s consent screen, so nothing changed. Connect again whenever you are ready.',
    };
  if (error)
    return {
      status: 'failed',
      title: notConnected,
      message: `Google answered “${error}”. Nothing changed; please try again.`,
    };
  const parsed = oauthCallbackInput.safeParse({ code: search.get('code'), state: search.get('state') });
  if (!parsed.success)
    return {
      status: 'failed',
      title: 'This link is incomplete',
      message:
        'This page finishes connecting Google Workspace and is only reached from Google’s consent screen.',
    };
  return parsed.data;
};

/** Where the card that started it lives: the owner's dashboard, or the organization's admin page. */
const backTo = (user: UserView, orgId: string | null) =>
  user.role === 'admin' ? (orgId ? `/admin/organizations/${orgId}` : '/admin/organizations') : '/dashboard';

/**
 * Where Google sends an owner (or an operator admin) back after the consent screen: hands the code and
 * state to the API for the organization this tab started it for, then goes back to where it started. The
 * state works once, so this sends it once.
 */
export const GoogleWorkspaceCallbackPage = () => {
  useTitle('Connecting Google Workspace');
  const { state: session } = useSession();
  const { href, search } = useLocation();
  const signedOut = session.status === 'signed-out';
  useEffect(() => {
    if (signedOut) navigate(`/sign-in?next=${encodeURIComponent(href)}`, { replace: true });
  }, [signedOut, href]);
  if (session.status !== 'signed-in') return <LoadingRows label="Loading Portico…" />;
  return <Callback user={session.user} query={search.toString()} />;
};

const Callback = ({ user, query }: { readonly user: UserView; readonly query: string }) => {
  const notify = useToast();
  const [outcome, setOutcome] = useState<Outcome>({ status: 'working' });
  const [orgId, setOrgId] = useState<string | null>(null);
  const [retrying, setRetrying] = useState(false);
  const sent = useRef(false);

  useEffect(() => {
    if (sent.current) return;
    sent.current = true;
    // A client user's organization is their own; an admin's is the one their tab started.
    const target = takePendingWorkspaceOrg() ?? user.orgId;
    setOrgId(target);
    const answer = outcomeOf(new URLSearchParams(query));
    if ('status' in answer) {
      setOutcome(answer);
      return;
    }
    if (!target) {
      setOutcome({
        status: 'failed',
        title: notConnected,
        message: 'This tab does not know which organization to connect. Please start again from its page.',
      });
      return;
    }
    call(workspaceRoutes.completeAuthorization, { params: { orgId: target }, body: answer })
      .then((view) => {
        notify(`Google Workspace is connected${view.account ? ` (${view.account})` : ''}.`);
        navigate(backTo(user, target), { replace: true });
      })
      .catch((caught: unknown) =>
        setOutcome({ status: 'failed', title: notConnected, message: workspaceErrorMessage(caught) }),
      );
  }, [query, notify, user]);

  const retry = async () => {
    if (!orgId) return;
    setRetrying(true);
    try {
      await startWorkspaceAuthorization(orgId);
    } catch (caught) {
      setOutcome({
        status: 'failed',
        title: 'Google could not be reached',
        message: workspaceErrorMessage(caught),
      });
      setRetrying(false);
    }
  };

  const isAdmin = user.role === 'admin';
  return (
    <AppShell area={isAdmin ? 'Operator console' : 'Dashboard'} nav={isAdmin ? adminNav : clientNav}>
      {outcome.status === 'working' ? (
        <LoadingRows label="Connecting Google Workspace…" />
      ) : (
        <div role="alert">
          <EmptyState title={outcome.title}>
            <p>{outcome.message}</p>
            <div className="form__buttons">
              {orgId && (isAdmin || user.role === 'owner') ? (
                <BusyButton
                  className="button button--primary"
                  busy={retrying}
                  busyLabel="Opening Google…"
                  onClick={() => void retry()}
                >
                  Try again
                </BusyButton>
              ) : null}
              <Link to={backTo(user, orgId)} className="button button--secondary">
                Back
              </Link>
            </div>
          </EmptyState>
        </div>
      )}
    </AppShell>
  );
};

import { useCallback, useState } from 'react';
import { type WorkspaceStatus, workspaceRoutes } from '../../../shared/workspace/contracts';
import { call } from '../lib/api';
import { startWorkspaceAuthorization, workspaceErrorMessage } from '../lib/google-workspace';
import { useToast } from '../lib/toast';
import { useLoaded } from '../lib/use-loaded';
import { BusyButton } from './busy-button';
import { ConfirmDialog } from './dialog';
import { FormAlert } from './form-alert';
import { GoogleGrantFacts } from './google-grant-facts';
import { LoadingRows, RetryAlert } from './list-states';
import { Widget } from './widget';

const statusBadges: Record<WorkspaceStatus, { readonly tone: string; readonly label: string }> = {
  connected: { tone: 'success', label: 'Connected' },
  'not-connected': { tone: 'neutral', label: 'Not connected' },
  'not-configured': { tone: 'neutral', label: 'Not set up' },
  revoked: { tone: 'danger', label: 'Access revoked' },
};

const statusText: Record<WorkspaceStatus, string> = {
  connected:
    'Automation emails go out through this Gmail account, as your business, and Lead Capture can add each new lead to one of its Google Sheets.',
  'not-connected':
    'Automation emails go out from Portico’s own address. Connect your business’s Google account to send them through its Gmail instead, and to add new leads to a Google Sheet.',
  'not-configured':
    'Google is not set up for this deployment yet, so automation emails go out from Portico’s own address.',
  revoked:
    'Google no longer accepts Portico’s access to this account. Until you reconnect, automation emails go out from Portico’s own address and no rows are added to Google Sheets.',
};

interface GoogleWorkspaceCardProps {
  readonly orgId: string;
  /** Owners and operator admins connect and disconnect; members see the state. */
  readonly canManage: boolean;
}

/** The organization's Google Workspace (Gmail, Sheets): its state, the account, and connect or disconnect. */
export const GoogleWorkspaceCard = ({ orgId, canManage }: GoogleWorkspaceCardProps) => {
  const notify = useToast();
  const connection = useLoaded(
    useCallback((signal: AbortSignal) => call(workspaceRoutes.get, { params: { orgId }, signal }), [orgId]),
  );
  const [authorizing, setAuthorizing] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);

  const authorize = async () => {
    setAuthorizing(true);
    setProblem(null);
    try {
      await startWorkspaceAuthorization(orgId);
    } catch (caught) {
      setProblem(workspaceErrorMessage(caught));
      setAuthorizing(false);
    }
  };

  const view = connection.data;
  return (
    <Widget
      title="Google Workspace"
      actions={
        view ? (
          <>
            {view.standIn ? <span className="badge badge--info">Local Google stand-in</span> : null}
            <span className={`badge badge--${statusBadges[view.status].tone}`}>
              {statusBadges[view.status].label}
            </span>
          </>
        ) : null
      }
    >
      {connection.status === 'error' && !view ? (
        <RetryAlert title={connection.error ?? undefined} onRetry={() => void connection.reload()} />
      ) : !view ? (
        <LoadingRows label="Loading the Google Workspace connection…" />
      ) : (
        <>
          <p>{statusText[view.status]}</p>
          {view.status === 'connected' || view.status === 'revoked' ? (
            <GoogleGrantFacts grant={view} />
          ) : null}
          {view.standIn ? (
            <p className="muted small">
              This deployment talks to a local stand-in for Google: mail “sent through Gmail” and sheet rows
              are kept on its page, not delivered.
            </p>
          ) : null}
          <FormAlert title={problem ?? undefined} />
          {!canManage || view.status === 'not-configured' ? null : (
            <div className="form__buttons form__buttons--start">
              <BusyButton
                className={`button ${view.status === 'connected' ? 'button--secondary' : 'button--primary'}`}
                busy={authorizing}
                busyLabel="Opening Google…"
                onClick={() => void authorize()}
              >
                {view.status === 'not-connected' ? 'Connect Google Workspace' : 'Reconnect'}
              </BusyButton>
              {view.status === 'not-connected' ? null : (
                <button
                  type="button"
                  className="button button--ghost button--danger-text"
                  onClick={() => setConfirming(true)}
                >
                  Disconnect
                </button>
              )}
            </div>
          )}
        </>
      )}
      <ConfirmDialog
        open={confirming}
        title="Disconnect Google Workspace?"
        message={
          <>
            <p>Portico gives up its access to {view?.account ?? 'the account'}.</p>
            <p>
              Automation emails go out from Portico’s own address again, and Lead Capture stops adding rows to
              Google Sheets. Rows already added stay in the sheet.
            </p>
          </>
        }
        confirmLabel="Disconnect"
        tone="danger"
        onClose={() => setConfirming(false)}
        onConfirm={async () => {
          await call(workspaceRoutes.disconnect, { params: { orgId } });
          await connection.reload();
          notify('Google Workspace is disconnected.');
        }}
      />
    </Widget>
  );
};

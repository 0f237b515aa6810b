import { useEngagement } from '../lib/use-engagement';
import { DownloadButton } from './download-button';
import { EngagementChecklist } from './engagement-checklist';
import { EngagementNotes } from './engagement-notes';
import { EngagementPicker } from './engagement-picker';
import { EngagementSummary } from './engagement-summary';
import { LoadingRows, RetryAlert } from './list-states';
import { Widget } from './widget';

/** The client's project checklist: progress, phases and tasks to tick (where the agency allows), notes. */
export const EngagementWidget = ({ orgId }: { readonly orgId: string }) => {
  const state = useEngagement(orgId);
  const { engagement } = state;

  return (
    <Widget
      title="Engagement"
      wide
      actions={
        state.status === 'ready' && engagement ? (
          <DownloadButton orgId={orgId} engagementId={engagement.id} projectName={engagement.projectName}>
            Download checklist
          </DownloadButton>
        ) : null
      }
    >
      {state.status === 'loading' ? (
        <LoadingRows label="Loading your engagement…" />
      ) : state.status === 'error' || (state.status === 'ready' && !engagement) ? (
        <RetryAlert
          title={state.error ?? 'The engagement could not be loaded.'}
          onRetry={() => void state.reload()}
        />
      ) : state.status === 'none' || !engagement ? (
        <div className="widget-empty">
          <p className="widget-empty__title">Your agency has not started an engagement yet</p>
          <p className="muted">
            When they do, your project checklist shows up here: every phase, every task and how far along it
            is.
          </p>
        </div>
      ) : (
        <>
          <EngagementPicker state={state} />
          <EngagementSummary engagement={engagement} />
          <EngagementChecklist
            key={engagement.id}
            engagement={engagement}
            canEdit={engagement.clientCanEditTasks}
            readOnlyReason="Your agency keeps this checklist up to date, so the boxes are read-only. Ask them if something has changed."
            onSetStatus={state.setTaskStatus}
          />
          <EngagementNotes key={engagement.id} orgId={orgId} engagementId={engagement.id} />
        </>
      )}
    </Widget>
  );
};

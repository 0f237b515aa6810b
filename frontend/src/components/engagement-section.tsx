import { useEffect, useRef, useState } from 'react';
import type { EngagementView } from '../../../shared/engagements/contracts';
import { useToast } from '../lib/toast';
import { useEngagement } from '../lib/use-engagement';
import { Dialog } from './dialog';
import { DownloadButton } from './download-button';
import { EngagementChecklist } from './engagement-checklist';
import { EngagementHistory } from './engagement-history';
import { EngagementNotes } from './engagement-notes';
import { EngagementPicker } from './engagement-picker';
import { EngagementSettingsForm } from './engagement-settings-form';
import { EngagementSummary } from './engagement-summary';
import { LoadingRows, RetryAlert } from './list-states';
import { MarkerSettingsCard } from './marker-settings-card';
import { ReplaceChecklistForm } from './replace-checklist-form';
import { StartEngagementForm } from './start-engagement-form';
import { Widget } from './widget';

const sectionId = 'engagement';

interface EngagementSectionProps {
  readonly orgId: string;
  /** Archived organizations keep their engagements but cannot start one. */
  readonly archived: boolean;
  /** The engagement to show first, e.g. the one picked in the overview. */
  readonly engagementId: string | null;
  /** Brings the section into view once loaded, when the page was opened for it. */
  readonly focusOnLoad: boolean;
}

/**
 * The operator's view of an organization's engagement: start one; or tick tasks (always allowed here),
 * change settings, upload a new file, download, read the history and compare versions, and add notes.
 */
export const EngagementSection = ({ orgId, archived, engagementId, focusOnLoad }: EngagementSectionProps) => {
  const notify = useToast();
  const state = useEngagement(orgId, engagementId);
  const { engagement } = state;
  const [dialog, setDialog] = useState<'settings' | 'upload' | null>(null);
  const focused = useRef(false);

  // Opened from the overview: show this section, and start keyboard and screen reader users at it.
  useEffect(() => {
    if (!focusOnLoad || focused.current || state.status === 'loading') return;
    focused.current = true;
    const heading = document.getElementById(sectionId)?.querySelector<HTMLElement>('h2');
    heading?.scrollIntoView({ block: 'start' });
    heading?.focus({ preventScroll: true });
  }, [focusOnLoad, state.status]);

  const saved = (view: EngagementView, message: string) => {
    state.adopt(view);
    setDialog(null);
    notify(message);
  };

  const actions =
    state.status === 'ready' && engagement ? (
      <>
        <DownloadButton orgId={orgId} engagementId={engagement.id} projectName={engagement.projectName}>
          Download checklist
        </DownloadButton>
        <button
          type="button"
          className="button button--secondary button--small"
          onClick={() => setDialog('upload')}
        >
          Upload file
        </button>
        <button
          type="button"
          className="button button--secondary button--small"
          onClick={() => setDialog('settings')}
        >
          Engagement settings
        </button>
      </>
    ) : null;

  return (
    <>
      <Widget title="Engagement" actions={actions} full id={sectionId}>
        {state.status === 'loading' ? (
          <LoadingRows label="Loading the engagement…" />
        ) : state.status === 'error' || (state.status === 'ready' && !engagement) ? (
          <RetryAlert
            title={state.error ?? 'The engagement could not be loaded.'}
            onRetry={() => void state.reload()}
          />
        ) : state.status === 'none' || !engagement ? (
          archived ? (
            <p className="muted">This organization is archived. Restore it to start an engagement.</p>
          ) : (
            <StartEngagementForm
              orgId={orgId}
              onStarted={(view) => {
                state.adopt(view);
                notify(`${view.projectName} is started.`);
              }}
            />
          )
        ) : (
          <div className="engagement-layout">
            <div className="engagement-layout__main">
              <EngagementPicker state={state} />
              <EngagementSummary engagement={engagement} showStalled />
              <p className="note">
                {engagement.clientCanEditTasks
                  ? 'The client can tick tasks too.'
                  : 'Only your agency ticks tasks; the client sees the checklist read-only.'}
              </p>
              <EngagementChecklist
                key={engagement.id}
                engagement={engagement}
                canEdit
                onSetStatus={state.setTaskStatus}
              />
            </div>
            <div className="engagement-layout__side">
              <EngagementHistory key={`${engagement.id}-${engagement.version}`} engagement={engagement} />
              <EngagementNotes key={engagement.id} orgId={orgId} engagementId={engagement.id} />
              <MarkerSettingsCard orgId={orgId} engagement={engagement} onSaved={() => void state.reload()} />
            </div>
          </div>
        )}
      </Widget>
      <Dialog
        open={dialog === 'settings'}
        title="Engagement settings"
        description={engagement ? engagement.projectName : undefined}
        onClose={() => setDialog(null)}
      >
        {engagement ? (
          <EngagementSettingsForm
            engagement={engagement}
            onCancel={() => setDialog(null)}
            onReload={state.reload}
            onSaved={(view) => saved(view, 'The engagement settings are saved.')}
          />
        ) : null}
      </Dialog>
      <Dialog
        open={dialog === 'upload'}
        title="Upload file"
        description={
          engagement ? `Replace the checklist of ${engagement.projectName} with a markdown file.` : undefined
        }
        onClose={() => setDialog(null)}
      >
        {engagement ? (
          <ReplaceChecklistForm
            engagement={engagement}
            onCancel={() => setDialog(null)}
            onReload={state.reload}
            onSaved={(view) => saved(view, `Version ${view.version} is uploaded.`)}
          />
        ) : null}
      </Dialog>
    </>
  );
};

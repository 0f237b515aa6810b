import { useCallback, useState } from 'react';
import {
  type AutomationId,
  automationRoutes,
  automationTemplates,
} from '../../../shared/automations/contracts';
import type { OrganizationView } from '../../../shared/organizations/contracts';
import { AutomationEditor } from '../components/automation-editor';
import { AutomationRuns } from '../components/automation-runs';
import { QueuedSteps } from '../components/automation-steps';
import { AutomationTemplates } from '../components/automation-templates';
import { CrmShell } from '../components/crm-shell';
import { Dialog } from '../components/dialog';
import { PageHeader } from '../components/list-page';
import { LoadingRows, RetryAlert } from '../components/list-states';
import { call } from '../lib/api';
import type { CrmScope } from '../lib/crm';
import { formatRelative } from '../lib/format';
import { useToast } from '../lib/toast';
import { useLoaded } from '../lib/use-loaded';
import { useTitle } from '../lib/use-title';
import { formatInZone } from '../lib/zoned-time';
import '../components/automations.css';

/**
 * One organization's automations: the five templates with their settings, what is queued next, and every
 * run. Operator admins turn templates on and configure them; the organization's users see them read-only.
 */
export const AutomationsPage = ({ scope }: { readonly scope: CrmScope }) => {
  useTitle('Automations');
  return (
    <CrmShell scope={scope} crumbs={[{ label: 'Automations' }]}>
      {(organization) => <OrganizationAutomations scope={scope} organization={organization} />}
    </CrmShell>
  );
};

const OrganizationAutomations = ({
  scope,
  organization,
}: {
  readonly scope: CrmScope;
  readonly organization: OrganizationView;
}) => {
  const notify = useToast();
  const admin = scope.audience === 'admin';
  const [editing, setEditing] = useState<AutomationId | null>(null);
  const load = useCallback(
    (signal: AbortSignal) => call(automationRoutes.get, { params: { orgId: scope.orgId }, signal }),
    [scope.orgId],
  );
  const automations = useLoaded(load);
  const view = automations.data;
  const { timeZone } = organization;

  return (
    <>
      <PageHeader
        title="Automations"
        lead={
          admin
            ? `What runs on its own for ${organization.name}: turn templates on, set them up, and see every run.`
            : 'What runs on its own for you: alerts about new leads, follow-ups, reminders, review requests and your daily digest.'
        }
      />
      {admin ? null : (
        <p className="automation-managed" role="note">
          Your agency sets these up and manages them for you. To change anything, ask your agency.
        </p>
      )}
      {view ? (
        <>
          {view.updatedAt ? (
            <p className="muted small automation-updated">
              Last changed{view.updatedBy ? ` by ${view.updatedBy}` : ''}{' '}
              <time dateTime={view.updatedAt} title={formatInZone(view.updatedAt, timeZone)}>
                {formatRelative(view.updatedAt)}
              </time>
              .
            </p>
          ) : (
            <p className="muted small automation-updated">Not set up yet: every template is off.</p>
          )}
          <AutomationTemplates view={view} onEdit={admin ? setEditing : undefined} />
        </>
      ) : automations.status === 'error' ? (
        <RetryAlert title={automations.error ?? undefined} onRetry={() => void automations.reload()} />
      ) : (
        <LoadingRows label="Loading automations…" />
      )}

      <QueuedSteps orgId={scope.orgId} timeZone={timeZone} linkScope={scope} />
      <AutomationRuns organization={{ id: scope.orgId, timeZone }} audience={scope.audience} />

      <Dialog
        open={editing !== null && view !== null}
        title={editing ? `Edit ${automationTemplates[editing].name}` : 'Edit automation'}
        description={editing ? automationTemplates[editing].description : undefined}
        onClose={() => setEditing(null)}
        size="large"
      >
        {editing && view ? (
          <AutomationEditor
            view={view}
            automation={editing}
            onCancel={() => setEditing(null)}
            onReload={automations.reload}
            onSaved={(saved) => {
              automations.set(saved);
              setEditing(null);
              notify(`${automationTemplates[editing].name} is saved.`);
            }}
          />
        ) : null}
      </Dialog>
    </>
  );
};

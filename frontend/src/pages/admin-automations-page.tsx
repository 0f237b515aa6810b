import { AppShell } from '../components/app-shell';
import { AutomationRuns } from '../components/automation-runs';
import { EmailSuppressions } from '../components/email-suppressions';
import { PageHeader } from '../components/list-page';
import { adminNav } from '../lib/admin-nav';
import { useTitle } from '../lib/use-title';
import '../components/automations.css';

/** Every organization's automation runs, failed ones first with "Retry", and the suppressed addresses. */
export const AdminAutomationsPage = () => {
  useTitle('Automations');
  return (
    <AppShell area="Operator console" nav={adminNav}>
      <PageHeader
        title="Automations"
        lead="Runs of every organization’s automations: what failed comes first, so it can be retried. Each organization’s templates are set up from its page."
      />
      <div className="automations-page">
        <AutomationRuns audience="admin" />
        <EmailSuppressions />
      </div>
    </AppShell>
  );
};

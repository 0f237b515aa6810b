import { useCallback } from 'react';
import { automationRoutes } from '../../../shared/automations/contracts';
import { call } from '../lib/api';
import { automationsPath, type CrmScope } from '../lib/crm';
import { Link } from '../lib/router';
import { useLoaded } from '../lib/use-loaded';
import { EnabledBadge } from './automation-badges';
import { LoadingRows, RetryAlert } from './list-states';
import { Widget } from './widget';
import '../crm.css';

/** Which of the organization's five automation templates are on, linking to its automations page. */
export const AutomationsWidget = ({ scope }: { readonly scope: CrmScope }) => {
  const load = useCallback(
    (signal: AbortSignal) => call(automationRoutes.get, { params: { orgId: scope.orgId }, signal }),
    [scope.orgId],
  );
  const automations = useLoaded(load);
  return (
    <Widget
      title="Automations"
      actions={
        <Link
          to={automationsPath(scope)}
          className="button button--secondary button--small"
          aria-label="Open automations"
        >
          Open
        </Link>
      }
    >
      {automations.data ? (
        <ul className="crm-list" aria-label="Automation templates">
          {automations.data.templates.map((template) => (
            <li key={template.id} className="crm-list__item">
              <span>{template.name}</span>
              <EnabledBadge enabled={template.enabled} />
            </li>
          ))}
        </ul>
      ) : automations.status === 'error' ? (
        <RetryAlert title={automations.error ?? undefined} onRetry={() => void automations.reload()} />
      ) : (
        <LoadingRows label="Loading automations…" />
      )}
    </Widget>
  );
};

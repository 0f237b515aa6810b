import { useCallback, useState } from 'react';
import {
  crmRoutes,
  type LeadSource,
  type LeadStatus,
  type LeadView,
  leadSources,
  leadStatuses,
} from '../../../shared/crm/contracts';
import type { OrganizationView } from '../../../shared/organizations/contracts';
import { CrmShell } from '../components/crm-shell';
import { LeadStatusBadge } from '../components/crm-status-badge';
import { DateRangeFields } from '../components/date-range-fields';
import { Dialog } from '../components/dialog';
import { ExportLeadsButton } from '../components/export-leads-button';
import { ImportWizard } from '../components/import-wizard';
import { LeadForm } from '../components/lead-form';
import { FilterBar, FilterSelect, PageHeader } from '../components/list-page';
import { PagedListCard } from '../components/list-states';
import { ListTable } from '../components/list-table';
import { call } from '../lib/api';
import {
  type CrmScope,
  dateRangeError,
  fillPage,
  leadPath,
  leadSourceLabels,
  leadStatusLabels,
} from '../lib/crm';
import { formatRelative } from '../lib/format';
import { Link } from '../lib/router';
import { useToast } from '../lib/toast';
import { type FetchPage, useDebounced, usePagedList } from '../lib/use-paged-list';
import { useTitle } from '../lib/use-title';
import { formatInZone, zoneName } from '../lib/zoned-time';

/** The leads of one organization, for its own users and for operator admins alike. */
export const LeadsPage = ({ scope }: { readonly scope: CrmScope }) => {
  useTitle('Leads');
  return (
    <CrmShell scope={scope} crumbs={[{ label: 'Leads' }]}>
      {(organization) => <LeadsList scope={scope} organization={organization} />}
    </CrmShell>
  );
};

const LeadsList = ({
  scope,
  organization,
}: {
  readonly scope: CrmScope;
  readonly organization: OrganizationView;
}) => {
  const notify = useToast();
  const [search, setSearch] = useState('');
  const [status, setStatus] = useState<LeadStatus | ''>('');
  const [source, setSource] = useState<LeadSource | ''>('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [adding, setAdding] = useState(false);
  const [importing, setImporting] = useState(false);
  const q = useDebounced(search.trim());
  const rangeError = dateRangeError(from, to);
  const { timeZone } = organization;

  const filters = {
    status: status || undefined,
    source: source || undefined,
    // An end before the start is pointed out beside the field and not sent.
    from: (!rangeError && from) || undefined,
    to: (!rangeError && to) || undefined,
    q: q || undefined,
  };
  const { status: qStatus, source: qSource, from: qFrom, to: qTo, q: qText } = filters;
  const fetchPage = useCallback<FetchPage<LeadView>>(
    (cursor, signal) =>
      fillPage(
        (next) =>
          call(crmRoutes.listLeads, {
            params: { orgId: scope.orgId },
            query: { status: qStatus, source: qSource, from: qFrom, to: qTo, q: qText, cursor: next },
            signal,
          }),
        cursor,
      ),
    [scope.orgId, qStatus, qSource, qFrom, qTo, qText],
  );
  const list = usePagedList(fetchPage);
  const filtered = Boolean(qStatus || qSource || qFrom || qTo || qText);

  return (
    <>
      <PageHeader
        title="Leads"
        lead={`${scope.audience === 'admin' ? `Leads of ${organization.name}` : 'People who asked for your services'}, newest first. Dates are on the organization’s clock (${zoneName(timeZone)}).`}
        addLabel="New lead"
        onAdd={() => setAdding(true)}
        actions={
          <>
            <button type="button" className="button button--secondary" onClick={() => setImporting(true)}>
              Import CSV
            </button>
            <ExportLeadsButton orgId={scope.orgId} filters={filters} disabled={Boolean(rangeError)} />
          </>
        }
      />

      <FilterBar
        searchLabel="Search leads"
        placeholder="Name, email or phone"
        search={search}
        onSearch={setSearch}
        wrap
      >
        <FilterSelect
          label="Status"
          allLabel="All statuses"
          value={status}
          options={leadStatuses}
          labels={leadStatusLabels}
          onChange={setStatus}
        />
        <FilterSelect
          label="Source"
          allLabel="All sources"
          value={source}
          options={leadSources}
          labels={leadSourceLabels}
          onChange={setSource}
        />
        <DateRangeFields
          fromLabel="Added from"
          toLabel="Added until"
          from={from}
          to={to}
          onFrom={setFrom}
          onTo={setTo}
          error={rangeError}
        />
      </FilterBar>

      <PagedListCard
        list={list}
        heading="Lead list"
        loadingLabel="Loading leads…"
        emptyTitle={filtered ? 'No leads match' : 'No leads yet'}
        emptyBody={
          filtered
            ? 'Try another search or filter.'
            : 'Leads from the website form show up here. You can also add one by hand with “New lead”.'
        }
        noun={['lead', 'leads']}
      >
        <ListTable columns={['Lead', 'Service wanted', 'Source', 'Status', 'Added']}>
          {list.items.map((lead) => (
            <tr key={lead.id}>
              <td data-label="Lead">
                <Link to={leadPath(scope, lead.id)} className="table__primary">
                  {lead.name}
                </Link>
                <p className="table__secondary">{[lead.email, lead.phone].filter(Boolean).join(' · ')}</p>
              </td>
              <td data-label="Service wanted">{lead.serviceWanted || <span className="muted">—</span>}</td>
              <td data-label="Source">{leadSourceLabels[lead.source]}</td>
              <td data-label="Status">
                <LeadStatusBadge status={lead.status} />
              </td>
              <td data-label="Added">
                <time dateTime={lead.createdAt} title={formatInZone(lead.createdAt, timeZone)}>
                  {formatRelative(lead.createdAt)}
                </time>
              </td>
              <td className="table__actions">
                <Link
                  to={leadPath(scope, lead.id)}
                  className="button button--ghost button--small"
                  aria-label={`Open ${lead.name}`}
                >
                  Open
                </Link>
              </td>
            </tr>
          ))}
        </ListTable>
      </PagedListCard>

      <Dialog
        open={adding}
        title="New lead"
        description="Add a lead who called or wrote to you. Leads from the website form arrive on their own."
        onClose={() => setAdding(false)}
        size="large"
      >
        <LeadForm
          scope={scope}
          onCancel={() => setAdding(false)}
          onSaved={(lead) => {
            setAdding(false);
            if (filtered) list.reload();
            else list.prepend(lead);
            notify(`${lead.name} is added.`);
          }}
        />
      </Dialog>

      <Dialog
        open={importing}
        title="Import leads from CSV"
        description="Check the file first: nothing is written until you confirm the dry run. Imported leads are tagged “import”."
        onClose={() => {
          setImporting(false);
          list.reload();
        }}
        size="large"
      >
        <ImportWizard orgId={scope.orgId} target="leads" noun="leads" onFinished={list.reload} />
      </Dialog>
    </>
  );
};

import { useCallback, useId, useState } from 'react';
import { notificationRoutes, type SuppressionView } from '../../../shared/notifications/contracts';
import { call } from '../lib/api';
import { formatDateTime, formatRelative } from '../lib/format';
import { useToast } from '../lib/toast';
import { type FetchPage, usePagedList } from '../lib/use-paged-list';
import { ConfirmDialog } from './dialog';
import { PagedListCard } from './list-states';
import { ListTable, RowAction } from './list-table';
import './automations.css';

type Suppression = SuppressionView & { readonly id: string };

const reasonLabels: Record<SuppressionView['reason'], string> = {
  bounce: 'Bounced',
  complaint: 'Complained',
};

/**
 * Addresses Portico no longer mails because they bounced for good or marked mail as spam, with "Lift"
 * for an address whose owner fixed their mailbox (operator admins).
 */
export const EmailSuppressions = () => {
  const notify = useToast();
  const headingId = useId();
  const [lifting, setLifting] = useState<Suppression | null>(null);
  const fetchPage = useCallback<FetchPage<Suppression>>(async (cursor, signal) => {
    const page = await call(notificationRoutes.listSuppressions, { query: { cursor }, signal });
    return { ...page, items: page.items.map((item) => ({ ...item, id: item.address })) };
  }, []);
  const list = usePagedList(fetchPage);

  return (
    <section className="automations-section" aria-labelledby={headingId}>
      <div className="section-header">
        <h2 id={headingId} className="section-header__title">
          Suppressed email addresses
        </h2>
        <p className="muted small">
          No automated email goes to these addresses: they bounced for good or reported mail as spam.
        </p>
      </div>
      <PagedListCard
        list={list}
        heading="Suppressed address list"
        loadingLabel="Loading suppressed addresses…"
        emptyTitle="No suppressed addresses"
        emptyBody="When an address bounces for good or its owner reports mail as spam, it is listed here."
        noun={['address', 'addresses']}
      >
        <ListTable columns={['Address', 'Reason', 'Since', 'Latest']}>
          {list.items.map((item) => (
            <tr key={item.id}>
              <td data-label="Address">
                <p className="table__primary automation-address">{item.address}</p>
                <p className="table__secondary">{item.detail}</p>
              </td>
              <td data-label="Reason">
                <span className={`badge badge--${item.reason === 'complaint' ? 'danger' : 'warning'}`}>
                  {reasonLabels[item.reason]}
                </span>
              </td>
              <td data-label="Since">
                <time dateTime={item.suppressedAt} title={formatDateTime(item.suppressedAt)}>
                  {formatRelative(item.suppressedAt)}
                </time>
              </td>
              <td data-label="Latest">
                <time dateTime={item.lastEventAt} title={formatDateTime(item.lastEventAt)}>
                  {formatRelative(item.lastEventAt)}
                </time>
                {item.events > 1 ? <span className="table__secondary"> ({item.events} reports)</span> : null}
              </td>
              <td className="table__actions">
                <RowAction label={`Lift the suppression of ${item.address}`} onClick={() => setLifting(item)}>
                  Lift
                </RowAction>
              </td>
            </tr>
          ))}
        </ListTable>
      </PagedListCard>
      <ConfirmDialog
        open={lifting !== null}
        title="Mail this address again?"
        message={
          <p>
            Automated email goes to <strong>{lifting?.address}</strong> again. Lift a suppression only when
            its owner fixed their mailbox or asked for mail again: repeated bounces and complaints hurt
            delivery for every organization.
          </p>
        }
        confirmLabel="Lift suppression"
        onClose={() => setLifting(null)}
        onConfirm={async () => {
          if (!lifting) return;
          await call(notificationRoutes.removeSuppression, { query: { address: lifting.address } });
          notify(`${lifting.address} gets email again.`);
          list.reload();
        }}
      />
    </section>
  );
};

import type { ReactNode } from 'react';
import { formatDateTime } from '../lib/format';

interface GoogleGrantFactsProps {
  readonly grant: {
    readonly status: string;
    readonly account: string | null;
    readonly connectedAt: string | null;
    readonly connectedBy: string | null;
    readonly revokedAt: string | null;
  };
  /** Further facts of the connection (e.g. the last sync), as `<div><dt/><dd/></div>` rows. */
  readonly children?: ReactNode;
}

/** Which Google account a connection uses, who connected it when, and when Google revoked it. */
export const GoogleGrantFacts = ({ grant, children }: GoogleGrantFactsProps) => (
  <dl className="facts facts--inline">
    <div>
      <dt>Account</dt>
      <dd>{grant.account ?? 'Unknown'}</dd>
    </div>
    <div>
      <dt>Connected on</dt>
      <dd>
        {grant.connectedAt ? formatDateTime(grant.connectedAt) : '—'}
        {grant.connectedBy ? ` by ${grant.connectedBy}` : ''}
      </dd>
    </div>
    {grant.status === 'revoked' ? (
      <div>
        <dt>Revoked</dt>
        <dd>{formatDateTime(grant.revokedAt)}</dd>
      </div>
    ) : null}
    {children}
  </dl>
);

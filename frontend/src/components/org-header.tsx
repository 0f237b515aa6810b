import type { ReactNode } from 'react';
import type { OrganizationView } from '../../../shared/organizations/contracts';

interface OrgHeaderProps {
  readonly organization: OrganizationView | null;
  readonly eyebrow: string;
  readonly actions?: ReactNode;
  readonly children?: ReactNode;
}

/** The organization's name with its brand colour and logo; the colour is decoration, never text. */
export const OrgHeader = ({ organization, eyebrow, actions, children }: OrgHeaderProps) => (
  <div
    className="org-header"
    style={organization ? { borderTopColor: organization.branding.color } : undefined}
  >
    <div className="org-header__identity">
      {organization?.branding.logoUrl ? (
        <img className="org-header__logo" src={organization.branding.logoUrl} alt="" width={48} height={48} />
      ) : (
        <span
          className="org-header__mark"
          style={organization ? { backgroundColor: organization.branding.color } : undefined}
          aria-hidden="true"
        >
          {organization?.name.charAt(0).toUpperCase() ?? ''}
        </span>
      )}
      <div>
        <p className="org-header__eyebrow">{eyebrow}</p>
        <h1 className="page-title">{organization?.name ?? 'Loading…'}</h1>
        {children}
      </div>
    </div>
    {actions ? <div className="org-header__actions">{actions}</div> : null}
  </div>
);

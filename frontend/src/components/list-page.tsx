import type { ReactNode } from 'react';
import { TextField } from './field';

interface PageHeaderProps {
  readonly title: string;
  readonly lead: string;
  /** A small image before the title, such as an event's logo (with its own alt text). */
  readonly logo?: ReactNode;
  /** The page's main action, such as "New organization"; lists filled elsewhere have none. */
  readonly addLabel?: string;
  readonly onAdd?: () => void;
  /** Further buttons, before the main action, such as "Export CSV". */
  readonly actions?: ReactNode;
}

/** A list page's heading and lead, with the button that adds to the list. */
export const PageHeader = ({ title, lead, logo, addLabel, onAdd, actions }: PageHeaderProps) => {
  const add =
    addLabel && onAdd ? (
      <button type="button" className="button button--primary" onClick={onAdd}>
        <span aria-hidden="true">+ </span>
        {addLabel}
      </button>
    ) : null;
  return (
    <div className="page-header">
      <div>
        {logo ? <div className="page-header__logo">{logo}</div> : null}
        <h1 className="page-title">{title}</h1>
        <p className="page-lead">{lead}</p>
      </div>
      {actions ? (
        <div className="page-header__actions">
          {actions}
          {add}
        </div>
      ) : (
        add
      )}
    </div>
  );
};

interface FilterBarProps {
  readonly searchLabel: string;
  readonly placeholder: string;
  readonly search: string;
  readonly onSearch: (search: string) => void;
  /** Lets the filters wrap onto more lines on narrow screens. @default false */
  readonly wrap?: boolean;
  /** The filters beside the search box. */
  readonly children: ReactNode;
}

/** The search box and filters above a list. */
export const FilterBar = ({ searchLabel, placeholder, search, onSearch, wrap, children }: FilterBarProps) => (
  <search className={wrap ? 'toolbar toolbar--wrap' : 'toolbar'}>
    <TextField
      label={searchLabel}
      type="search"
      placeholder={placeholder}
      value={search}
      onChange={(event) => onSearch(event.target.value)}
      className="toolbar__search"
    />
    {children}
  </search>
);

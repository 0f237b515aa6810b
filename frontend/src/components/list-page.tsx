import type { ReactNode } from 'react';
import { SelectField, TextField } from './field';

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

interface FilterSelectProps<V extends string> {
  readonly label: string;
  /** The first option, which filters nothing ("All statuses"). */
  readonly allLabel: string;
  readonly value: V | '';
  readonly options: readonly V[];
  /** What each option says. */
  readonly labels: Readonly<Record<V, string>>;
  readonly onChange: (value: V | '') => void;
}

/** A filter of a list by one of a fixed set of values, or by none. */
export const FilterSelect = <V extends string>({
  label,
  allLabel,
  value,
  options,
  labels,
  onChange,
}: FilterSelectProps<V>) => (
  <SelectField label={label} value={value} onChange={(event) => onChange(event.target.value as V | '')}>
    <option value="">{allLabel}</option>
    {options.map((option) => (
      <option key={option} value={option}>
        {labels[option]}
      </option>
    ))}
  </SelectField>
);

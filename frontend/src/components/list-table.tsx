import type { ReactNode } from 'react';

interface ListTableProps {
  readonly columns: readonly string[];
  /** The rows; each ends in a cell of row actions. */
  readonly children: ReactNode;
}

/** A table of list items whose last column, unnamed on screen, holds each row's actions. */
export const ListTable = ({ columns, children }: ListTableProps) => (
  <table className="table">
    <thead>
      <tr>
        {columns.map((column) => (
          <th key={column} scope="col">
            {column}
          </th>
        ))}
        <th scope="col">
          <span className="visually-hidden">Actions</span>
        </th>
      </tr>
    </thead>
    <tbody>{children}</tbody>
  </table>
);

interface RowActionProps {
  /** The accessible name, which says which row it acts on: "Edit Harbor Light Studio". */
  readonly label: string;
  readonly onClick: () => void;
  /** Marks an action that takes something away, such as archiving. @default false */
  readonly danger?: boolean;
  readonly children: ReactNode;
}

/** A small button in a table row's actions. */
export const RowAction = ({ label, onClick, danger, children }: RowActionProps) => (
  <button
    type="button"
    className={`button button--ghost button--small${danger ? ' button--danger-text' : ''}`}
    onClick={onClick}
    aria-label={label}
  >
    {children}
  </button>
);

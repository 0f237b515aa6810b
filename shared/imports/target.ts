import type { Principal } from '../auth/policy';
import type * as z from '../schema/zod';
import type { ImportTargetName } from './contracts';

/** One field a target fills from a column. */
export interface ImportField {
  readonly name: string;
  readonly label: string;
  /** Shown beside the field in the mapping step. */
  readonly hint: string;
  /** Checks and normalizes one non-empty cell; an empty cell counts as not given. */
  readonly cell: z.ZodMiniType<string, string>;
  /** Header names that mean this field (compared without case, spacing, punctuation or accents). */
  readonly synonyms: readonly string[];
}

/** What identifies a record: two rows sharing a key are duplicates; a record holding it is the row's match. */
export interface DedupeKey {
  readonly kind: string;
  readonly value: string;
  /** For messages: "email address". */
  readonly label: string;
}

export const dedupeKeyId = (key: DedupeKey) => `${key.kind}:${key.value}`;

/** Problems of one row, each about a field (its label) or, with a null column, the whole row. */
export type RowIssues = readonly { readonly column: string | null; readonly message: string }[];

/** The records an import fills: the organization's, or one conference's within it (attendees). */
export interface ImportScope {
  readonly orgId: string;
  readonly conferenceId: string | null;
}

/** Who runs an import and when: every write of one run carries the same moment, so a retry writes the same. */
export interface UpsertContext extends ImportScope {
  readonly importId: string;
  readonly fileName: string;
  readonly actor: { readonly userId: string; readonly name: string };
  /** ISO-8601 UTC start of the run. */
  readonly runAt: string;
}

/** A row to write and the record it matched (none: a new record). */
export interface PlannedWrite<Row, Existing> {
  readonly line: number;
  readonly row: Row;
  readonly existing?: Existing;
}

/**
 * What an import needs of the records it fills. Rows are plain JSON (they are staged in S3 between steps);
 * `upsert` must be idempotent: a batch written again after a crash changes nothing and creates no duplicate.
 */
export interface ImportTarget<Row, Existing> {
  readonly name: ImportTargetName;
  /** "lead", for messages. */
  readonly recordLabel: string;
  readonly fields: readonly ImportField[];
  /**
   * Whether the caller may fill the scope's records, beyond the routes' organization check (answers or
   * throws a named error); the attendees of a conference are its organizers' to import.
   */
  readonly authorize?: (principal: Principal, scope: ImportScope) => Promise<void>;
  /** Groups of fields of which the mapping needs one at least, and what to tell the user otherwise. */
  readonly requirements: readonly { readonly fields: readonly string[]; readonly message: string }[];
  /** A row from its valid, non-empty cells by field name, or why it is not one. */
  readonly toRow: (cells: Readonly<Record<string, string>>) => { row: Row } | { issues: RowIssues };
  readonly dedupeKeys: (row: Row) => readonly DedupeKey[];
  /** The existing records holding any of the keys, by `dedupeKeyId`, read in batches. */
  readonly loadExisting: (
    scope: ImportScope,
    keys: readonly DedupeKey[],
  ) => Promise<ReadonlyMap<string, Existing>>;
  readonly recordId: (existing: Existing) => string;
  readonly recordName: (existing: Existing) => string;
  /** Whether importing the row would change the record (else the row is unchanged). */
  readonly changed: (existing: Existing, row: Row) => boolean;
  /** Writes a batch; answers the rows that could not be written, by line, with the reason. */
  readonly upsert: (
    context: UpsertContext,
    writes: readonly PlannedWrite<Row, Existing>[],
  ) => Promise<ReadonlyMap<number, string>>;
}

// biome-ignore lint/suspicious/noExplicitAny: the registry holds targets of different row types.
export type AnyImportTarget = ImportTarget<any, any>;

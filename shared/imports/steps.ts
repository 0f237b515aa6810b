import type { EventDetail } from '../events/catalog';
import { logger } from '../observability/logger';
import { type ExistingMatch, type ImportCounts, importChunkRows } from './contracts';
import { DecodeError, decode } from './detect';
import type { ImportItem, StagedRow } from './repository';
import * as imports from './repository';
import type { RejectedRow } from './rows';
import { classifyRows, readRows } from './rows';
import { startStep } from './service';
import { targetOf } from './targets';

/**
 * The background steps of an import, one per invocation: `prepare` reads and checks the whole file once
 * (CPU only, bounded by the 20 MB limit) and stages its good rows in chunk files; each `check` or `run` step
 * takes one chunk, counts it exactly once and publishes the next step. A redelivered or stale step (of an
 * earlier dry run) changes nothing.
 */

const rejectedSampleSize = 100;
const duplicateGroupsShown = 50;
const linesPerDuplicateShown = 20;
const matchesShown = 50;

type Step = EventDetail<'import.step-due'>;

// Imports stored before conferences could be imported into have no `conferenceId`.
const scopeOf = (item: ImportItem) => ({ orgId: item.orgId, conferenceId: item.conferenceId ?? null });

const current = async (step: Step) => {
  const item = await imports.getImport(step.orgId, step.importId);
  if (!item || item.attemptId !== step.attemptId) {
    logger.info('Ignoring a step of an earlier attempt', { importId: step.importId });
    return undefined;
  }
  return item;
};

const fail = async (item: ImportItem, message: string) => {
  await imports.updateImport(item.orgId, item.id, [item.status], { status: 'failed', error: message });
};

const prepare = async (item: ImportItem) => {
  if (item.status !== 'checking' || item.chunkCount !== null) return;
  const target = targetOf(item.target);
  const settings = item.settings!;
  const bytes = await imports.readUpload(item.orgId, item.id);
  let text: string;
  try {
    text = decode(bytes, settings.encoding);
  } catch (error) {
    if (error instanceof DecodeError) return fail(item, error.message);
    throw error;
  }
  const result = await readRows(target, text, settings);
  const chunks: StagedRow[][] = [];
  for (let start = 0; start < result.rows.length; start += importChunkRows)
    chunks.push(result.rows.slice(start, start + importChunkRows));
  await Promise.all(chunks.map((rows, index) => imports.writeRows(item.orgId, item.id, index, rows)));
  const rejected: RejectedRow[] = result.problems;
  await imports.writeRejections(item.orgId, item.id, { columns: result.columns, rejected });
  const rejectedLines = new Set(rejected.map((problem) => problem.line)).size;
  const changes: Partial<ImportItem> = {
    totalRows: result.total,
    validRows: result.rows.length,
    chunkCount: chunks.length,
    rejectedRows: rejectedLines,
    rejectedSample: rejected.slice(0, rejectedSampleSize).map(({ cells, ...problem }) => problem),
    duplicates: result.duplicates
      .slice(0, duplicateGroupsShown)
      .map((group) => ({ ...group, lines: group.lines.slice(0, linesPerDuplicateShown) })),
    ...(chunks.length === 0 ? { status: 'checked' as const } : {}),
  };
  await imports.updateImport(item.orgId, item.id, ['checking'], changes);
  if (chunks.length > 0) await startStep(item, 'check', 0);
};

const countsOf = (outcomes: readonly string[], rejected: number): ImportCounts => ({
  new: outcomes.filter((outcome) => outcome === 'new').length,
  updated: outcomes.filter((outcome) => outcome === 'updated').length,
  unchanged: outcomes.filter((outcome) => outcome === 'unchanged').length,
  rejected,
});

const continueWith = async (item: ImportItem, phase: 'check' | 'run', chunk: number) => {
  if (chunk + 1 < item.chunkCount!) await startStep(item, phase, chunk + 1);
};

const check = async (item: ImportItem, chunk: number) => {
  if (item.status !== 'checking' || item.check?.chunksDone !== chunk) return;
  const target = targetOf(item.target);
  const rows = await imports.readRows(item.orgId, item.id, chunk);
  const outcomes = await classifyRows(target, scopeOf(item), rows);
  const matches: ExistingMatch[] = [];
  outcomes.forEach((outcome, index) => {
    if (outcome.outcome === 'updated' || outcome.outcome === 'unchanged')
      matches.push({
        line: rows[index]!.line,
        recordId: target.recordId(outcome.existing),
        label: target.recordName(outcome.existing),
        outcome: outcome.outcome,
      });
  });
  const rejected = outcomes.filter((outcome) => outcome.outcome === 'rejected').length;
  const counted = await imports.countChunk(item.orgId, item.id, {
    phase: 'check',
    attemptId: item.attemptId!,
    chunk,
    rows: rows.length,
    counts: countsOf(
      outcomes.map((outcome) => outcome.outcome),
      rejected,
    ),
    matches: matches.slice(0, Math.max(0, matchesShown - item.existingMatches.length)),
    finish: chunk + 1 === item.chunkCount ? 'checked' : undefined,
  });
  if (counted) await continueWith(item, 'check', chunk);
};

const run = async (item: ImportItem, chunk: number) => {
  if (item.status !== 'running' || item.run?.chunksDone !== chunk) return;
  if (item.chunkCount === 0) {
    await imports.updateImport(item.orgId, item.id, ['running'], { status: 'completed' });
    return;
  }
  const target = targetOf(item.target);
  const rows = await imports.readRows(item.orgId, item.id, chunk);
  const outcomes = await classifyRows(target, scopeOf(item), rows);
  const plan = await imports.keepChunkPlan(item.orgId, item.id, chunk, {
    attemptId: item.attemptId!,
    outcomes: Object.fromEntries(
      rows.flatMap((row, index) => {
        const outcome = outcomes[index]!;
        return outcome.outcome === 'rejected' ? [] : [[String(row.line), outcome.outcome]];
      }),
    ),
    rejected: rows.flatMap((row, index) => {
      const outcome = outcomes[index]!;
      return outcome.outcome === 'rejected'
        ? [{ line: row.line, column: null, message: outcome.reason, cells: row.cells }]
        : [];
    }),
  });
  // Rows the plan rejected stay rejected; the others are written as they stand now (a retry finds its own
  // earlier writes unchanged and skips them).
  const writes = rows.flatMap((row, index) => {
    const outcome = outcomes[index]!;
    if (!plan.outcomes[String(row.line)] || outcome.outcome === 'rejected' || outcome.outcome === 'unchanged')
      return [];
    return [
      {
        line: row.line,
        row: row.row,
        existing: outcome.outcome === 'updated' ? outcome.existing : undefined,
      },
    ];
  });
  const runBy = item.runBy!;
  const refused = await target.upsert(
    {
      ...scopeOf(item),
      importId: item.id,
      fileName: item.fileName,
      actor: runBy,
      runAt: item.run.startedAt,
    },
    writes,
  );
  const writeRejections: RejectedRow[] = [...refused].map(([line, message]) => ({
    line,
    column: null,
    message,
    cells: rows.find((row) => row.line === line)?.cells,
  }));
  if (writeRejections.length > 0)
    await imports.saveChunkRejections(item.orgId, item.id, chunk, [...plan.rejected, ...writeRejections]);
  const counted = await imports.countChunk(item.orgId, item.id, {
    phase: 'run',
    attemptId: item.attemptId!,
    chunk,
    rows: rows.length,
    counts: countsOf(
      Object.entries(plan.outcomes)
        .filter(([line]) => !refused.has(Number(line)))
        .map(([, outcome]) => outcome),
      plan.rejected.length + refused.size,
    ),
    finish: chunk + 1 === item.chunkCount ? 'completed' : undefined,
  });
  if (counted) await continueWith(item, 'run', chunk);
};

/**
 * One step of an import. An unexpected error is thrown, so the bus retries the step (and dead-letters it at
 * last); a retry resumes where the import was, since every step is counted once and writes idempotently.
 */
export const runStep = async (step: Step) => {
  const item = await current(step);
  if (!item) return;
  if (step.phase === 'prepare') await prepare(item);
  else if (step.phase === 'check') await check(item, step.chunk);
  else await run(item, step.chunk);
};

import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import { ulid } from 'ulid';
import type { Principal } from '../shared/auth/policy';
import { inChild, isBenchProcess, reportToParent } from './child';

export type BenchTarget = 'leads' | 'attendees';

export interface ImportBenchResult {
  readonly target: BenchTarget;
  readonly rows: number;
  /** Upload, detection and first preview (the routes' work), ms. */
  readonly uploadMs: number;
  /** The dry run: the whole file read and checked, every chunk compared with the table. */
  readonly checkMs: number;
  /** The run: every chunk written by its own background step. */
  readonly runMs: number;
  /** The same rows as items, written with raw BatchWriteItem (25 a call, 4 calls at a time). */
  readonly rawBatchWriteMs: number;
  readonly runToRawRatio: number;
  /** Leads or attendees the run created. */
  readonly created: number;
}

const rows = 10_000;

/** The file's rows: leads with a phone and a service; attendees with a group (each is mailed an invitation). */
const csvLines = (target: BenchTarget) => {
  const lines = [target === 'leads' ? 'Name,Email,Phone,Service' : 'Name,Email,Group'];
  for (let index = 0; index < rows; index++)
    lines.push(
      target === 'leads'
        ? `Bench Lead ${index},bench-${index}@example.com,+1 555 ${String(index).padStart(7, '0')},Roof repair`
        : `Bench Attendee ${index},attendee-${index}@example.com,Group ${index % 10}`,
    );
  return lines;
};

/**
 * A 10,000-row import of leads, or of a conference's attendees, through the real pipeline (presigned POST
 * to s3rver, the import routes' service, the background steps delivered by the local bus), timed against
 * raw `BatchWriteItem` of the same rows on the same DynamoDB Local in the same run.
 */
const measureImport = async (target: BenchTarget): Promise<ImportBenchResult> => {
  const { startLocalCloud } = await import('../infra/local/cloud');
  const cloud = await startLocalCloud({ port: 0, schedules: false });
  try {
    const { dynamo, tableName } = await import('../shared/aws/dynamo');
    const { createOrganization } = await import('../shared/organizations/service');
    const service = await import('../shared/imports/service');
    const operator: Principal = {
      userId: ulid(),
      email: 'bench@portico.localhost',
      name: 'Bench Operator',
      role: 'admin',
      orgId: null,
    };
    const org = await createOrganization(operator, {
      name: 'Bench Imports',
      slug: 'bench-imports',
      timeZone: 'Europe/Berlin',
      allowedOrigins: [],
      branding: { color: '#0b7285', logoUrl: null },
    });
    const conferenceId =
      target === 'attendees'
        ? (
            await (
              await import('../shared/conferences/service')
            ).createConference(operator, org.id, {
              name: 'Bench Summit',
              description: '',
              startDate: '2027-09-01',
              endDate: '2027-09-02',
              timeZone: 'Europe/Berlin',
              venue: { kind: 'virtual', url: null },
              branding: { primaryColor: '#0b7285', accentColor: '#f08c00' },
              privacy: 'invitation-only',
              features: { networking: true, chat: true },
              registrationFields: [],
              liveLeadMinutes: 5,
            })
          ).id
        : undefined;
    const lines = csvLines(target);
    const file = new TextEncoder().encode(lines.join('\n'));

    const waitFor = async (importId: string, status: string) => {
      for (;;) {
        const current = await service.getImport(org.id, importId);
        if (current.status === status) return current;
        if (current.status === 'failed') throw new Error(`The bench import failed: ${current.error}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    };

    const uploadStart = performance.now();
    const created = await service.createImport(operator, org.id, {
      target,
      conferenceId,
      fileName: 'bench.csv',
      size: file.length,
    });
    const form = new FormData();
    for (const [name, value] of Object.entries(created.upload.fields)) form.append(name, value);
    form.append('file', new Blob([file]), 'bench.csv');
    const posted = await fetch(created.upload.url, { method: 'POST', body: form });
    if (!posted.ok) throw new Error(`The bench upload got ${posted.status}`);
    const preview = await service.completeUpload(org.id, created.import.id);
    const uploadMs = performance.now() - uploadStart;

    const checkStart = performance.now();
    await service.checkImport(operator, org.id, created.import.id, preview.settings);
    await waitFor(created.import.id, 'checked');
    const checkMs = performance.now() - checkStart;

    const runStart = performance.now();
    await service.runImport(operator, org.id, created.import.id);
    const done = await waitFor(created.import.id, 'completed');
    const runMs = performance.now() - runStart;

    const items = lines.slice(1).map((line, index) => {
      const [name, email, third, fourth] = line.split(',');
      const id = ulid();
      const shared = { pk: `BENCH#${id}#`, sk: 'BENCH#', id, name, email, source: 'import', version: 1 };
      const createdAt = new Date(index).toISOString();
      return target === 'leads'
        ? { ...shared, phone: third, serviceWanted: fourth, message: '', notes: '', status: 'new', createdAt }
        : {
            ...shared,
            group: third,
            role: 'attendee',
            networking: 'all',
            status: 'sent',
            invitedAt: createdAt,
          };
    });
    const batches: (typeof items)[] = [];
    for (let start = 0; start < items.length; start += 25) batches.push(items.slice(start, start + 25));
    const rawStart = performance.now();
    const worker = async () => {
      for (let batch = batches.shift(); batch; batch = batches.shift()) {
        let pending = batch.map((Item) => ({ PutRequest: { Item } }));
        while (pending.length > 0) {
          const result = await dynamo.send(new BatchWriteCommand({ RequestItems: { [tableName]: pending } }));
          pending = (result.UnprocessedItems?.[tableName] ?? []) as typeof pending;
        }
      }
    };
    await Promise.all(Array.from({ length: 4 }, worker));
    const rawBatchWriteMs = performance.now() - rawStart;
    return {
      target,
      rows,
      uploadMs,
      checkMs,
      runMs,
      rawBatchWriteMs,
      runToRawRatio: runMs / rawBatchWriteMs,
      created: done.run?.new ?? 0,
    };
  } finally {
    await cloud.stop();
  }
};

/** In a process of its own (`bench/child.ts`), with its own local cloud and clients. */
export const benchImports = (target: BenchTarget) => inChild<ImportBenchResult>(import.meta.url, [target]);

/** Prints the results as `bench/run.ts` does for the other benches: leads, then a conference's attendees. */
export const reportImports = async () => {
  const results: ImportBenchResult[] = [];
  for (const target of ['leads', 'attendees'] as const) {
    const result = await benchImports(target);
    console.log(
      `\nCSV import of ${result.rows.toLocaleString('en-US')} ${target} through the real pipeline (presigned upload, dry run, run in background chunks${target === 'attendees' ? ', an invitation mailed to each' : ''}) against raw BatchWriteItem of the same rows`,
    );
    console.log(
      `upload + detection ${result.uploadMs.toFixed(0)} ms; dry run ${(result.checkMs / 1000).toFixed(1)} s; run ${(result.runMs / 1000).toFixed(1)} s; raw BatchWriteItem ${(result.rawBatchWriteMs / 1000).toFixed(1)} s; the run takes ${result.runToRawRatio.toFixed(1)}× raw writes (${result.created} ${target} created)`,
    );
    results.push(result);
  }
  return results;
};

if (isBenchProcess(import.meta.url))
  await reportToParent(() => measureImport(process.argv[2] === 'attendees' ? 'attendees' : 'leads'));

import { useEffect, useId, useState } from 'react';
import {
  type Delimiter,
  delimiterChoices,
  type FileEncoding,
  fileEncodings,
  type ImportSettings,
  type ImportTargetName,
  type ImportView,
  importRoutes,
  maxImportBytes,
  type PreviewView,
  type RowProblem,
} from '../../../shared/imports/contracts';
import { call, errorMessage, fetchFile } from '../lib/api';
import { saveFile } from '../lib/download';
import { BusyButton } from './busy-button';
import { FormAlert } from './form-alert';
import './import-wizard.css';
import { ProgressBar } from './progress-bar';

interface ImportWizardProps {
  readonly orgId: string;
  readonly target: ImportTargetName;
  /** The conference whose attendees an `attendees` import fills. */
  readonly conferenceId?: string;
  /** Plural of what is imported, for sentences: "leads". */
  readonly noun: string;
  /** The import finished (or the user closed the result): the list behind can reload. */
  readonly onFinished: () => void;
}

const encodingLabels: Record<FileEncoding, string> = {
  'utf-8': 'UTF-8',
  'utf-16le': 'UTF-16 LE',
  'utf-16be': 'UTF-16 BE',
  'windows-1252': 'Windows-1252 (Western European)',
  'iso-8859-1': 'ISO-8859-1 (Latin-1)',
  'iso-8859-15': 'ISO-8859-15 (Latin-9)',
  'windows-1250': 'Windows-1250 (Central European)',
};

const delimiterLabels: Record<Delimiter, string> = {
  ',': 'Comma ,',
  ';': 'Semicolon ;',
  '\t': 'Tab',
  '|': 'Pipe |',
};

const number = (value: number) => value.toLocaleString('en-US');

const problemText = (problem: RowProblem) =>
  `Line ${problem.line}: ${problem.column ? `${problem.column}: ` : ''}${problem.message}`;

/** Polls the import while a background phase runs. */
const usePolledImport = (orgId: string, initial: ImportView | null) => {
  const [job, setJob] = useState(initial);
  const running = job?.status === 'checking' || job?.status === 'running';
  const importId = job?.id;
  useEffect(() => {
    if (!running || !importId) return;
    const timer = window.setInterval(() => {
      // A failed poll is retried by the next tick.
      void call(importRoutes.getImport, { params: { orgId, importId } }).then(setJob, () => undefined);
    }, 500);
    return () => window.clearInterval(timer);
  }, [running, orgId, importId]);
  return [job, setJob] as const;
};

/**
 * The CSV import, step by step: choose a file (it goes straight to storage), confirm encoding, delimiter
 * and header, map the columns, read the dry run's summary with every bad row and duplicate, then import
 * with a progress bar and download the rejected rows. Any target of the import API fits.
 */
export const ImportWizard = ({ orgId, target, conferenceId, noun, onFinished }: ImportWizardProps) => {
  const [preview, setPreview] = useState<PreviewView | null>(null);
  const [job, setJob] = usePolledImport(orgId, null);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [encodingConfirmed, setEncodingConfirmed] = useState(false);

  const act = async (label: string, action: () => Promise<void>) => {
    setBusy(label);
    setError(null);
    try {
      await action();
    } catch (caught) {
      setError(errorMessage(caught));
    } finally {
      setBusy(null);
    }
  };

  const upload = (file: File) =>
    act('Uploading…', async () => {
      if (file.size > maxImportBytes)
        throw new Error(
          `The file is ${(file.size / 1024 / 1024).toFixed(0)} MB; an import takes at most 20 MB.`,
        );
      const created = await call(importRoutes.createImport, {
        params: { orgId },
        body: { target, conferenceId, fileName: file.name, size: file.size },
      });
      const form = new FormData();
      for (const [name, value] of Object.entries(created.upload.fields)) form.append(name, value);
      form.append('file', file);
      const posted = await fetch(created.upload.url, { method: 'POST', body: form });
      if (!posted.ok) throw new Error('The upload did not go through. Please try again.');
      const first = await call(importRoutes.completeUpload, {
        params: { orgId, importId: created.import.id },
      });
      setEncodingConfirmed(first.import.detected?.certain ?? true);
      setPreview(first);
      setJob(first.import);
    });

  const change = (settings: Partial<ImportSettings>) =>
    act('Reading…', async () => {
      if (!job) return;
      if (settings.encoding) setEncodingConfirmed(true);
      setPreview(
        await call(importRoutes.previewImport, { params: { orgId, importId: job.id }, body: settings }),
      );
    });

  const check = () =>
    act('Checking…', async () => {
      if (!job || !preview) return;
      setJob(
        await call(importRoutes.checkImport, { params: { orgId, importId: job.id }, body: preview.settings }),
      );
    });

  const run = () =>
    act('Starting…', async () => {
      if (!job) return;
      setJob(await call(importRoutes.runImport, { params: { orgId, importId: job.id } }));
    });

  const downloadRejected = () =>
    act('Downloading…', async () => {
      if (!job) return;
      const file = await fetchFile(importRoutes.downloadRejected, { params: { orgId, importId: job.id } });
      saveFile(file.blob, file.fileName ?? 'rejected-rows.csv');
    });

  useEffect(() => {
    if (job?.status === 'completed') onFinished();
  }, [job?.status, onFinished]);

  return (
    <div className="import-wizard">
      {error ? <FormAlert>{error}</FormAlert> : null}
      {!job || job.status === 'uploading' ? (
        <FileStep busy={busy} onFile={(file) => void upload(file)} />
      ) : job.status === 'failed' ? (
        <FormAlert>{job.error ?? 'The import failed.'}</FormAlert>
      ) : job.status === 'uploaded' && preview ? (
        <PreviewStep
          preview={preview}
          busy={busy}
          encodingConfirmed={encodingConfirmed}
          onConfirmEncoding={() => setEncodingConfirmed(true)}
          onChange={(settings) => void change(settings)}
          onCheck={() => void check()}
        />
      ) : (
        <SummaryStep
          job={job}
          noun={noun}
          busy={busy}
          onRun={() => void run()}
          onDownload={() => void downloadRejected()}
        />
      )}
    </div>
  );
};

const FileStep = ({ busy, onFile }: { busy: string | null; onFile: (file: File) => void }) => {
  const id = useId();
  return (
    <div className="field">
      <label className="field__label" htmlFor={id}>
        CSV file
      </label>
      <p className="field__hint">
        Comma, semicolon, tab or pipe separated; UTF-8, UTF-16 or Windows-1252; at most 20 MB.
      </p>
      <input
        id={id}
        type="file"
        accept=".csv,.tsv,.txt,text/csv"
        disabled={busy !== null}
        onChange={(event) => {
          const file = event.target.files?.[0];
          if (file) onFile(file);
        }}
      />
      {busy ? <p className="muted">{busy}</p> : null}
    </div>
  );
};

interface PreviewStepProps {
  readonly preview: PreviewView;
  readonly busy: string | null;
  readonly encodingConfirmed: boolean;
  readonly onConfirmEncoding: () => void;
  readonly onChange: (settings: Partial<ImportSettings>) => void;
  readonly onCheck: () => void;
}

const PreviewStep = ({
  preview,
  busy,
  encodingConfirmed,
  onConfirmEncoding,
  onChange,
  onCheck,
}: PreviewStepProps) => {
  const { settings, columns, rows, fields, missing, problems } = preview;
  const detected = preview.import.detected;
  const encodingId = useId();
  const delimiterId = useId();
  const setMapping = (index: number, field: string | null) =>
    onChange({ mapping: settings.mapping.map((current, at) => (at === index ? field : current)) });
  return (
    <>
      {detected?.note && !encodingConfirmed ? (
        <div className="alert alert--warning" role="alert">
          <p>
            {detected.note}. Check the preview below: if the letters look right, confirm; otherwise pick the
            encoding the file was saved in.
          </p>
          <button
            type="button"
            className="button button--secondary button--small"
            onClick={onConfirmEncoding}
          >
            Yes, read it as {encodingLabels[settings.encoding]}
          </button>
        </div>
      ) : null}
      <div className="import-wizard__settings">
        <div className="field">
          <label className="field__label" htmlFor={encodingId}>
            Encoding
          </label>
          <select
            id={encodingId}
            value={settings.encoding}
            onChange={(event) => onChange({ encoding: event.target.value as FileEncoding })}
          >
            {fileEncodings.map((encoding) => (
              <option key={encoding} value={encoding}>
                {encodingLabels[encoding]}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label className="field__label" htmlFor={delimiterId}>
            Delimiter
          </label>
          <select
            id={delimiterId}
            value={settings.delimiter}
            onChange={(event) => onChange({ delimiter: event.target.value as Delimiter })}
          >
            {delimiterChoices.map((choice) => (
              <option key={choice} value={choice}>
                {delimiterLabels[choice]}
              </option>
            ))}
          </select>
        </div>
        <label className="import-wizard__check">
          <input
            type="checkbox"
            checked={settings.hasHeader}
            onChange={(event) => onChange({ hasHeader: event.target.checked })}
          />{' '}
          The first row holds column names
        </label>
      </div>

      <div className="import-wizard__table">
        <table className="table">
          <caption className="visually-hidden">Columns of the file and the fields they fill</caption>
          <thead>
            <tr>
              <th scope="col">Line</th>
              {columns.map((column, index) => (
                // Column names may repeat; a column is its position in the file.
                // biome-ignore lint/suspicious/noArrayIndexKey: see above
                <th key={index} scope="col">
                  <span className="import-wizard__column">{column}</span>
                  <select
                    aria-label={`Field for column ${column}`}
                    value={settings.mapping[index] ?? ''}
                    onChange={(event) => setMapping(index, event.target.value || null)}
                  >
                    <option value="">Ignore</option>
                    {fields.map((field) => (
                      <option key={field.name} value={field.name} title={field.hint}>
                        {field.label}
                      </option>
                    ))}
                  </select>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.line}>
                <td>{row.line}</td>
                {columns.map((_, index) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: a cell is its column's position
                  <td key={index}>{row.cells[index] ?? ''}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      {missing.length > 0 ? (
        <div className="alert alert--warning">
          {missing.map((message) => (
            <p key={message}>{message}</p>
          ))}
        </div>
      ) : null}
      {problems.length > 0 ? (
        <div className="import-wizard__problems">
          <h3>In these first rows</h3>
          <ul>
            {problems.map((problem) => (
              <li key={problemText(problem)}>{problemText(problem)}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <div className="form-actions">
        <BusyButton
          className="button button--primary"
          busy={busy !== null}
          busyLabel={busy ?? 'Working…'}
          disabled={missing.length > 0 || !encodingConfirmed}
          onClick={onCheck}
        >
          Check the whole file
        </BusyButton>
      </div>
    </>
  );
};

const Progress = ({ label, done, total }: { label: string; done: number; total: number }) => {
  const rows = `${number(done)} of ${number(total)} rows`;
  return (
    <ProgressBar
      label={label}
      percent={total > 0 ? Math.floor((done / total) * 100) : 100}
      text={rows}
      valueText={rows}
    />
  );
};

interface SummaryStepProps {
  readonly job: ImportView;
  readonly noun: string;
  readonly busy: string | null;
  readonly onRun: () => void;
  readonly onDownload: () => void;
}

const SummaryStep = ({ job, noun, busy, onRun, onDownload }: SummaryStepProps) => {
  const phase = job.run ?? job.check;
  const toDo = (job.totalRows ?? 0) - job.rejectedRows;
  const rejected = job.rejectedRows + (phase?.rejected ?? 0);
  if (job.status === 'checking' || job.status === 'running')
    return (
      <Progress
        label={job.status === 'checking' ? 'Checking the file (nothing is written yet)' : `Importing ${noun}`}
        done={phase?.rowsDone ?? 0}
        total={toDo}
      />
    );
  const done = job.status === 'completed';
  return (
    <>
      <h3>{done ? 'Import finished' : 'Dry run: nothing has been written yet'}</h3>
      <dl className="import-wizard__counts">
        <div>
          <dt>{done ? 'New' : 'Will be new'}</dt>
          <dd>{number(phase?.new ?? 0)}</dd>
        </div>
        <div>
          <dt>{done ? 'Updated' : 'Will be updated'}</dt>
          <dd>{number(phase?.updated ?? 0)}</dd>
        </div>
        <div>
          <dt>Unchanged</dt>
          <dd>{number(phase?.unchanged ?? 0)}</dd>
        </div>
        <div>
          <dt>Rejected</dt>
          <dd>{number(rejected)}</dd>
        </div>
      </dl>
      {job.rejectedSample.length > 0 ? (
        <section className="import-wizard__problems" aria-label="Rejected rows">
          <h3>Rejected rows</h3>
          <ul>
            {job.rejectedSample.map((problem) => (
              <li key={problemText(problem)}>{problemText(problem)}</li>
            ))}
          </ul>
          {job.rejectedRows > job.rejectedSample.length ? (
            <p className="muted">The download lists all {number(rejected)}.</p>
          ) : null}
        </section>
      ) : null}
      {job.duplicates.length > 0 ? (
        <section className="import-wizard__problems" aria-label="Duplicates in the file">
          <h3>Duplicates in the file</h3>
          <ul>
            {job.duplicates.map((group) => (
              <li key={`${group.key}:${group.value}`}>
                {group.value} ({group.key}) on lines {group.lines.join(', ')}: only line {group.lines[0]} is
                imported
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {job.existingMatches.length > 0 ? (
        <section className="import-wizard__problems" aria-label="Already in Portico">
          <h3>Already in Portico</h3>
          <ul>
            {job.existingMatches.map((match) => (
              <li key={match.line}>
                Line {match.line}: {match.label} ({match.outcome === 'updated' ? 'gets updated' : 'no change'}
                )
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <div className="form-actions">
        {rejected > 0 ? (
          <BusyButton
            className="button button--secondary"
            busy={busy === 'Downloading…'}
            busyLabel="Downloading…"
            onClick={onDownload}
          >
            Download rejected rows
          </BusyButton>
        ) : null}
        {done ? null : (
          <BusyButton
            className="button button--primary"
            busy={busy !== null}
            busyLabel={busy ?? 'Working…'}
            disabled={(phase?.new ?? 0) + (phase?.updated ?? 0) === 0}
            onClick={onRun}
          >
            Import {number((phase?.new ?? 0) + (phase?.updated ?? 0))} {noun}
          </BusyButton>
        )}
      </div>
    </>
  );
};

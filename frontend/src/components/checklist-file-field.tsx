import { type ChangeEvent, useState } from 'react';
import { type ChecklistUpload, formatBytes, readChecklistFile } from '../lib/checklist';
import { TextField } from './field';

interface ChecklistFileFieldProps {
  readonly label: string;
  readonly hint: string;
  /** @default false */
  readonly optional?: boolean;
  readonly upload: ChecklistUpload | null;
  /**
   * The largest file accepted.
   * @default the most a checklist sent as text may be (256 KiB)
   */
  readonly maxBytes?: number;
  /** The field's error: the file could not be read, or the API refused its content. */
  readonly error: string | undefined;
  /** A file was read (or cleared, with null), or could not be read (with the reason). */
  readonly onChange: (upload: ChecklistUpload | null, problem: string | null) => void;
}

/** Chooses a markdown checklist and reads it in the browser (`File.text()`) to check it before sending. */
export const ChecklistFileField = ({
  label,
  hint,
  optional,
  upload,
  maxBytes,
  error,
  onChange,
}: ChecklistFileFieldProps) => {
  // A new key gives a fresh, empty input: the way to clear a file input.
  const [inputKey, setInputKey] = useState(0);

  const pick = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    if (!file) {
      onChange(null, null);
      return;
    }
    const read = await readChecklistFile(file, maxBytes);
    if (read.ok) onChange(read.upload, null);
    else onChange(null, read.message);
  };

  return (
    <div className="file-field">
      <TextField
        key={inputKey}
        label={label}
        hint={hint}
        optional={optional}
        type="file"
        accept=".md,.markdown,.txt,text/markdown,text/plain"
        onChange={(event) => void pick(event)}
        error={error}
      />
      {upload ? (
        <p className="file-field__chosen">
          <span>
            Ready to upload: <strong>{upload.name}</strong> ({formatBytes(upload.size)})
          </span>
          <button
            type="button"
            className="button button--ghost button--small"
            onClick={() => {
              setInputKey((key) => key + 1);
              onChange(null, null);
            }}
          >
            Remove file
          </button>
        </p>
      ) : null}
    </div>
  );
};

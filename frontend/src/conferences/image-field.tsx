import { type ChangeEvent, useState } from 'react';
import type { ImageTarget } from '../../../shared/conferences/image-contracts';
import { TextField } from '../components/field';
import { errorMessage } from '../lib/api';
import { uploadConferenceImage } from './image-upload';

interface ImageFieldProps {
  readonly label: string;
  readonly params: { readonly orgId: string; readonly conferenceId: string };
  readonly target: ImageTarget;
  /** The image's current link, shown beside the field. */
  readonly current: string | null;
  /** What the image shows, for its alternative text: "Northwind Summit logo". */
  readonly alt: string;
  readonly onUploaded: (url: string) => void;
}

/** Picks an image and uploads it at once; says what was wrong with a file that is refused. */
export const ImageField = ({ label, params, target, current, alt, onUploaded }: ImageFieldProps) => {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();
  // A new key gives a fresh, empty input after each attempt.
  const [inputKey, setInputKey] = useState(0);

  const pick = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    if (!file) return;
    setBusy(true);
    setError(undefined);
    try {
      onUploaded(await uploadConferenceImage(params, target, file));
    } catch (caught) {
      setError(errorMessage(caught));
    } finally {
      setBusy(false);
      setInputKey((key) => key + 1);
    }
  };

  return (
    <div className="image-field">
      {current ? <img className="image-field__preview" src={current} alt={alt} height={64} /> : null}
      <TextField
        key={inputKey}
        label={label}
        hint={busy ? 'Uploading…' : 'PNG, JPEG or WebP, at most 2 MB'}
        type="file"
        accept="image/png,image/jpeg,image/webp"
        disabled={busy}
        onChange={(event) => void pick(event)}
        error={error}
      />
    </div>
  );
};

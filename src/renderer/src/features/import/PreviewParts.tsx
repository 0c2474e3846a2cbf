/** Pieces both previews share: the title field, the encoding selector, the decoded sample, duplicate/update notes. */
import { useId } from 'react';
import { SUPPORTED_ENCODINGS, isSupportedEncoding, type SupportedEncoding } from '../../../../core/import';
import { formatCount } from '../../app/format';
import type { ImportPreview } from '../../workers/import-protocol';
import type { ImportItem, ImportSession } from './import-session';

export function TitleField({ item, session }: { item: ImportItem; session: ImportSession }): React.JSX.Element {
  const updates = item.preview?.kind === 'survey' ? item.preview.updates : undefined;
  return (
    <label className="import-field">
      <span className="import-field-label">Source title</span>
      <input
        className="input"
        value={updates === undefined ? item.title : updates.title}
        disabled={updates !== undefined}
        onChange={(e) => session.setTitle(item.key, e.target.value)}
      />
    </label>
  );
}

export function EncodingField({
  value,
  reason,
  disabled,
  onChange,
}: {
  value: SupportedEncoding;
  reason: string;
  disabled: boolean;
  onChange: (encoding: SupportedEncoding) => void;
}): React.JSX.Element {
  const reasonId = useId();
  return (
    <div className="import-field">
      <label className="import-field-label" htmlFor={`${reasonId}-select`}>
        Text encoding
      </label>
      <select
        id={`${reasonId}-select`}
        className="input"
        value={value}
        aria-describedby={reasonId}
        disabled={disabled}
        onChange={(e) => {
          if (isSupportedEncoding(e.target.value)) onChange(e.target.value);
        }}
      >
        {SUPPORTED_ENCODINGS.map((e) => (
          <option key={e.id} value={e.id}>
            {e.label}
          </option>
        ))}
      </select>
      <span id={reasonId} className="import-field-help muted">
        {reason}
      </span>
    </div>
  );
}

/** The first decoded lines: the one place a wrong encoding shows (Ã© for é, â€™ for ’). */
export function TextSample({ text }: { text: string }): React.JSX.Element | null {
  if (text === '') return null;
  return (
    <figure className="import-sample">
      <figcaption className="import-field-label">Decoded text — check that accents and quotes (é ’ €) look right</figcaption>
      <pre aria-label="Decoded text sample" tabIndex={0}>
        {text}
      </pre>
    </figure>
  );
}

export function PreviewNotes({ preview }: { preview: ImportPreview }): React.JSX.Element | null {
  const updates = preview.kind === 'survey' ? preview.updates : undefined;
  if (preview.duplicateOf !== undefined) {
    return (
      <p role="note" className="import-note import-note-warning">
        Already imported as “{preview.duplicateOf.title}”; nothing will be added.
      </p>
    );
  }
  if (updates !== undefined) {
    return (
      <p role="note" className="import-note">
        A newer export of “{updates.title}” ({formatCount(updates.knownRespondents, 'respondent')} already here): only new respondents will be added.
      </p>
    );
  }
  return null;
}

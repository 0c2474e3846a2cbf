/** The coder's name in the status bar; click to change it (saved in the registry's settings). */
import { useState } from 'react';
import { useCoding } from './CodingProvider';
import { codingMessage } from './ops';

export function CoderStatus(): React.JSX.Element {
  const { coder, setCoder } = useCoding();
  const [editing, setEditing] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  if (editing === null) {
    return (
      <button type="button" className="coder-button" aria-label={`Coder: ${coder}. Change coder name`} title="Your name is saved with every tag you apply" onClick={() => setEditing(coder)}>
        Coder: {coder}
      </button>
    );
  }
  const save = async (): Promise<void> => {
    try {
      await setCoder(editing);
      setEditing(null);
      setError(null);
    } catch (e) {
      setError(codingMessage(e));
    }
  };
  return (
    <form
      className="coder-form"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <input
        className="input"
        aria-label="Coder name"
        aria-invalid={error !== null}
        title={error ?? undefined}
        value={editing}
        autoFocus
        onChange={(e) => setEditing(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            setEditing(null);
            setError(null);
          }
        }}
      />
      <button type="submit" className="btn btn-sm">
        Save
      </button>
      {error === null ? null : (
        <span role="alert" className="visually-hidden">
          {error}
        </span>
      )}
    </form>
  );
}

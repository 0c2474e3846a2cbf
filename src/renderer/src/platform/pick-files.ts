/**
 * The file picker for imports, shared by both platforms: an <input type=file multiple>. In Electron's
 * sandboxed renderer it yields real File objects too, so the import worker reads the same thing everywhere
 * and main never has to ship file bytes over IPC.
 */

/** Extensions the importer understands (core/import): offered in the picker, not enforced by it. */
export const IMPORT_ACCEPT = '.csv,.tsv,.tab,.txt,.xlsx,.xlsm,.vtt,.srt,.md,.markdown,.docx';

/** Asks the user for files to import; an empty array when cancelled. */
export function pickFiles(doc: Document, accept: string = IMPORT_ACCEPT): Promise<File[]> {
  return new Promise((resolve) => {
    const input = doc.createElement('input');
    input.type = 'file';
    input.multiple = true;
    input.accept = accept;
    input.hidden = true;
    input.setAttribute('aria-label', 'Choose files to import');
    const done = (files: File[]): void => {
      input.remove();
      resolve(files);
    };
    input.addEventListener('change', () => done([...(input.files ?? [])]));
    input.addEventListener('cancel', () => done([]));
    doc.body.append(input);
    input.click();
  });
}

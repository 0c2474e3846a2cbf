/** The list of what an anonymized export replaces, so the user can check it before anything leaves the app. */
import { useMemo } from 'react';
import { Dialog } from '../../app/Dialog';
import { redactionPreview } from './exports';
import type { ReportInputs, ReportShape } from './report-html';

const KIND_LABEL = { name: 'Name', email: 'Email', phone: 'Phone' } as const;

export function AnonymizePreview({ report, inputs, onClose }: { report: ReportShape; inputs: ReportInputs; onClose: () => void }): React.JSX.Element {
  const preview = useMemo(() => redactionPreview(report, inputs), [report, inputs]);
  return (
    <Dialog
      title="What anonymizing will change"
      onClose={onClose}
      wide
      footer={
        <button type="button" className="btn btn-primary" onClick={onClose} autoFocus>
          Done
        </button>
      }
    >
      <p className="muted">Participants become pseudonyms; emails, phone numbers and participants’ names in quotes are replaced. Coded-data exports apply the same rules to every response.</p>
      <h3 className="dialog-subhead">Pseudonyms ({preview.pseudonyms.length})</h3>
      {preview.pseudonyms.length === 0 ? (
        <p className="muted">No one is quoted in this report.</p>
      ) : (
        <table className="table compact" aria-label="Pseudonyms">
          <thead>
            <tr>
              <th scope="col">Participant</th>
              <th scope="col">Shown as</th>
            </tr>
          </thead>
          <tbody>
            {preview.pseudonyms.map((p) => (
              <tr key={p.pseudonym}>
                <td>{p.name}</td>
                <td>{p.pseudonym}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h3 className="dialog-subhead">In the text ({preview.redactions.length})</h3>
      {preview.redactions.length === 0 ? (
        <p className="muted">No emails, phone numbers or participant names found in the report’s text.</p>
      ) : (
        <table className="table compact" aria-label="Redactions">
          <thead>
            <tr>
              <th scope="col">Kind</th>
              <th scope="col">Found</th>
              <th scope="col">Replaced by</th>
              <th scope="col" className="num">
                Times
              </th>
            </tr>
          </thead>
          <tbody>
            {preview.redactions.map((r) => (
              <tr key={`${r.kind}-${r.text}-${r.replacement}`}>
                <td>{KIND_LABEL[r.kind]}</td>
                <td>{r.text}</td>
                <td>{r.replacement}</td>
                <td className="num">{r.count}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Dialog>
  );
}

/** What a REFI-QDA import or export could not carry over, shown before the user moves on. Never silent. */
import type { LossReport } from '../../../../core/refi/common';
import { Dialog } from '../../app/Dialog';
import './sharing.css';

export interface LossReportDialogProps {
  title: string;
  intro: string;
  loss: LossReport;
  /** Primary action (e.g. "Save .qdpx…"); without it the dialog only has Close. */
  action?: { label: string; run: () => void };
  onClose: () => void;
}

export function LossReportDialog({ title, intro, loss, action, onClose }: LossReportDialogProps): React.JSX.Element {
  return (
    <Dialog
      title={title}
      wide
      onClose={onClose}
      footer={
        <>
          <button type="button" className={action === undefined ? 'btn btn-primary' : 'btn footer-left'} onClick={onClose}>
            {action === undefined ? 'Close' : 'Cancel'}
          </button>
          {action === undefined ? null : (
            <button type="button" className="btn btn-primary" onClick={action.run} autoFocus>
              {action.label}
            </button>
          )}
        </>
      }
    >
      <p>{intro}</p>
      {loss.lost.length === 0 ? (
        <p className="loss-none">Nothing is lost: everything was carried over.</p>
      ) : (
        <section aria-label="Not carried over">
          <h3 className="loss-title">Not carried over</h3>
          <ul className="loss-list">
            {loss.lost.map((item, i) => (
              <li key={`${item.kind}-${i}`}>
                <span className="num loss-count">{item.count}×</span> {item.message}
              </li>
            ))}
          </ul>
        </section>
      )}
      {loss.notes.length === 0 ? null : (
        <section aria-label="Notes">
          <h3 className="loss-title">Notes</h3>
          <ul className="loss-list">
            {loss.notes.map((n) => (
              <li key={n}>{n}</li>
            ))}
          </ul>
        </section>
      )}
    </Dialog>
  );
}

import type { GatewayStatus } from '../../../shared/status.js';
import { boxStateWords, brokerWords, floorCardState, isPartitioned, PARTITION_SENTENCE, pendingWords } from '../floor/floor-words.js';

/**
 * The Connections page's Floor card, from the status (`floor`, live in the staff room): the broker, each box, what this
 * box has not yet told the floor, and the partition sentence.
 */
export function FloorCard({ status }: { status: GatewayStatus }) {
  const view = status.floor;
  const state = floorCardState(view);
  return (
    <section className="staff-card staff-card--wide" data-testid="floor-card" data-floor-state={state}>
      <header className="staff-card__head">
        <h2>Floor</h2>
        <span className={`staff-state staff-state--${state.toLowerCase()}`}>{state}</span>
      </header>
      <p data-testid="floor-broker">{brokerWords(view)}</p>
      {isPartitioned(view) ? (
        <p className="staff-bad" data-testid="floor-partition" role="status">
          {PARTITION_SENTENCE}
        </p>
      ) : null}
      {view.enabled ? (
        <>
          <table className="staff-table" data-testid="floor-boxes">
            <thead>
              <tr>
                <th>Box</th>
                <th>State</th>
                <th>Machines</th>
              </tr>
            </thead>
            <tbody>
              {view.boxes.map((box) => (
                <tr key={box.boxId} data-box={box.boxId}>
                  <td>
                    {box.name}
                    {box.name !== box.boxId ? <span className="staff-muted"> ({box.boxId})</span> : null}
                  </td>
                  <td>{boxStateWords(box, view)}</td>
                  <td>{box.machines}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="staff-small" data-testid="floor-pending">
            {pendingWords(view.pending)}
          </p>
        </>
      ) : (
        <p className="staff-small staff-muted">
          To join other boxes into one floor, set floor.broker (or floor.listen on the box that runs the broker) in the config, then restart.
        </p>
      )}
    </section>
  );
}

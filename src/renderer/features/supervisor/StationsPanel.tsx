import type { StationOption } from '../../../shared/contract/index';
import { STATION_KIND_NAMES, stationSeenWords } from './station-words';

/**
 * This warehouse's live stations, what each is for and when it was last seen: a station that has
 * gone quiet is one to check before moving work to it. Registering one stays with an admin on the
 * server's API: the server gives no one signed in at a station more than supervisor rights.
 */
export function StationsPanel({ stations }: { stations: StationOption[] }) {
  return (
    <section data-testid="stations">
      <h3>
        Stations <span className="count">{stations.length}</span>
      </h3>
      <table data-testid="station-list">
        <tbody>
          {stations.map((s) => (
            <tr key={s.id}>
              <td>{s.name}</td>
              <td>{STATION_KIND_NAMES[s.kind]}</td>
              <td className="muted">{stationSeenWords(s)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

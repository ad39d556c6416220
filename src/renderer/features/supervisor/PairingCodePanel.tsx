import { useState } from 'react';
import type { PairingCode } from '../../../shared/contract/index';
import { useStation } from '../../app/station-store';
import { StationCallError, type StationClient } from '../../station-client/index';
import { useStationFormat } from '../../app/station-format';

/** The one-time code a handheld or a browser on the warehouse network types to become a device of this station. */
export function PairingCodePanel({ client }: { client: StationClient }) {
  const [code, setCode] = useState<PairingCode | null>(null);
  const say = useStation((s) => s.say);
  const format = useStationFormat();
  async function show() {
    try {
      setCode(await client.call('station.pairing-code'));
    } catch (err) {
      say('error', err instanceof StationCallError ? err.message : String(err));
    }
  }
  return (
    <section data-testid="pairing">
      <h3>Pair a handheld</h3>
      <p className="hint-small">Open this station's address on the handheld and type this code. It works once and expires.</p>
      {code && (
        <p>
          <strong className="pairing-code" data-testid="pairing-code">
            {code.code}
          </strong>{' '}
          <span className="muted">until {format.time(code.expiresAt)}</span>
        </p>
      )}
      <button onClick={() => void show()}>{code ? 'Show the current code' : 'Show a pairing code'}</button>
    </section>
  );
}

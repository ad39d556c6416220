import type { FulfillmentDocument } from '../../../shared/sync/fulfillment-document';
import { useStation } from '../../app/station-store';
import { packageCarrier } from './carrier-choice';

/** The carrier service the next package ships with: the shipping rules' choice, which the packer can override for this package. */
export function CarrierChoice({ doc }: { doc: FulfillmentDocument }) {
  const carriers = useStation((s) => s.carriers);
  const weight = useStation((s) => s.packageWeightGrams);
  const override = useStation((s) => s.carrierOverride);
  const setOverride = useStation((s) => s.setCarrierOverride);
  const accounts = carriers?.config?.accounts ?? [];
  if (!accounts.length) return null;
  const chosen = packageCarrier(carriers, doc, weight, override);
  const value = override ? `${override.accountId}/${override.serviceCode}` : '';
  return (
    <div className="carrier-choice">
      <label>
        Carrier{' '}
        <select
          value={value}
          data-testid="carrier-override"
          onChange={(e) => {
            const [accountId, serviceCode] = e.target.value.split('/');
            setOverride(accountId && serviceCode ? { accountId, serviceCode } : null);
          }}
        >
          <option value="">By shipping rules</option>
          {accounts.flatMap((a) =>
            a.services.map((s) => (
              <option key={`${a.id}/${s.code}`} value={`${a.id}/${s.code}`}>
                {a.name} · {s.name}
              </option>
            )),
          )}
        </select>
      </label>{' '}
      <span data-testid="carrier-chosen">
        {chosen ? `${chosen.label} (${chosen.reason})` : 'No rule matches: the label prints without a carrier'}
      </span>
    </div>
  );
}

const NONE: string[] = [];

/** Carriers whose tracking numbers at this station run low, shown on the pack screen whatever is open. */
export function CarrierWarnings() {
  const warnings = useStation((s) => s.carriers?.warnings ?? NONE);
  return warnings.map((w) => (
    <p key={w} className="error-text" role="status" data-testid="carrier-warning">
      {w}
    </p>
  ));
}

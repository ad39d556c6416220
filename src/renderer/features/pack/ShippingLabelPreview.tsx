import { useStationSettings } from '../../app/use-station-settings';
import type { FulfillmentDocument } from '../../../shared/sync/fulfillment-document';
import type { StationRuntime } from '../../app/station-runtime';
import { LabelPreview } from '../printers/LabelPreview';
import { shippingLabelRequest } from './package-documents';

/** The next package's shipping label as it would print: with the station's ship-from address, as Ship prints it. */
export function ShippingLabelPreview({ rt, doc, packageId }: { rt: StationRuntime; doc: FulfillmentDocument; packageId: string }) {
  const { settings, read } = useStationSettings(rt.client);
  if (!read) return <p className="muted">Rendering preview…</p>;
  return (
    <LabelPreview
      client={rt.client}
      request={shippingLabelRequest(doc, packageId, settings?.shipFrom ?? null)}
      caption="Shipping label (preview)"
    />
  );
}

import { useEffect, useState } from 'react';
import type { StationSettings } from '../../../shared/contract/index';
import type { FulfillmentDocument } from '../../../shared/sync/fulfillment-document';
import type { StationRuntime } from '../../app/station-runtime';
import { LabelPreview } from '../printers/LabelPreview';
import { shippingLabelRequest } from './package-documents';

/** The next package's shipping label as it would print: with the station's ship-from address, as Ship prints it. */
export function ShippingLabelPreview({ rt, doc, packageId }: { rt: StationRuntime; doc: FulfillmentDocument; packageId: string }) {
  const [shipFrom, setShipFrom] = useState<StationSettings['shipFrom'] | undefined>(undefined);
  useEffect(() => {
    let live = true;
    rt.client.call('settings.get').then(
      (s) => live && setShipFrom(s.shipFrom),
      () => live && setShipFrom(null),
    );
    return () => {
      live = false;
    };
  }, [rt]);
  if (shipFrom === undefined) return <p className="muted">Rendering preview…</p>;
  return <LabelPreview client={rt.client} request={shippingLabelRequest(doc, packageId, shipFrom)} caption="Shipping label (preview)" />;
}

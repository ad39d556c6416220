import * as core from './0001-core';
import * as orderLifecycle from './0002-order-lifecycle';
import * as fulfillmentReturns from './0003-fulfillment-returns';
import * as platform from './0004-platform';
import * as returnSync from './0005-return-sync';
import * as fulfillmentLeases from './0006-fulfillment-leases';
import * as credentialRotation from './0007-credential-rotation';
import * as carriers from './0008-carriers';
import * as notifications from './0009-notifications';
import * as customerKeys from './0010-customer-keys';
import * as pickLocations from './0011-pick-locations';
import * as lotsSerials from './0012-lots-serials';
import * as carrierLabels from './0013-carrier-labels';
import * as manifests from './0014-manifests';
import * as settingsPolicies from './0015-settings-policies';
import * as quotesInvoices from './0016-quotes-invoices';
import * as bulkOps from './0017-bulk-ops';
import * as binRemoval from './0018-bin-removal';
import * as returnLabelPurchases from './0019-return-label-purchases';
import * as carrierLabelRefunds from './0020-carrier-label-refunds';
import * as ssccBlocks from './0021-sscc-blocks';
import * as stationKinds from './0022-station-kinds';

/** Migrations in order. Add a module and list it here; never edit one that has shipped. */
export const migrations: { id: string; sql: string }[] = [
  { id: '0001-core', sql: core.sql },
  { id: '0002-order-lifecycle', sql: orderLifecycle.sql },
  { id: '0003-fulfillment-returns', sql: fulfillmentReturns.sql },
  { id: '0004-platform', sql: platform.sql },
  { id: '0005-return-sync', sql: returnSync.sql },
  { id: '0006-fulfillment-leases', sql: fulfillmentLeases.sql },
  { id: '0007-credential-rotation', sql: credentialRotation.sql },
  { id: '0008-carriers', sql: carriers.sql },
  { id: '0009-notifications', sql: notifications.sql },
  { id: '0010-customer-keys', sql: customerKeys.sql },
  { id: '0011-pick-locations', sql: pickLocations.sql },
  { id: '0012-lots-serials', sql: lotsSerials.sql },
  { id: '0013-carrier-labels', sql: carrierLabels.sql },
  { id: '0014-manifests', sql: manifests.sql },
  { id: '0015-settings-policies', sql: settingsPolicies.sql },
  { id: '0016-quotes-invoices', sql: quotesInvoices.sql },
  { id: '0017-bulk-ops', sql: bulkOps.sql },
  { id: '0018-bin-removal', sql: binRemoval.sql },
  { id: '0019-return-label-purchases', sql: returnLabelPurchases.sql },
  { id: '0020-carrier-label-refunds', sql: carrierLabelRefunds.sql },
  { id: '0021-sscc-blocks', sql: ssccBlocks.sql },
  { id: '0022-station-kinds', sql: stationKinds.sql },
];

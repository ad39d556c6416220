/** Tracking pages of carriers we know, by a normalised carrier name; others get no link (the number alone). */
const TRACKING_PAGES: Record<string, string> = {
  ups: 'https://www.ups.com/track?tracknum=',
  fedex: 'https://www.fedex.com/fedextrack/?trknbr=',
  dhl: 'https://www.dhl.com/global-en/home/tracking/tracking-parcel.html?tracking-id=',
  usps: 'https://tools.usps.com/go/TrackConfirmAction?tLabels=',
  dpd: 'https://track.dpd.co.uk/parcels/',
  royalmail: 'https://www.royalmail.com/track-your-item#/tracking-results/',
  evri: 'https://www.evri.com/track/parcel/',
  gls: 'https://gls-group.com/track/',
  postnl: 'https://jouw.postnl.nl/track-and-trace/',
};

export function trackingUrl(carrier: string | null, trackingNumber: string): string | null {
  if (!carrier) return null;
  const key = carrier.toLowerCase().replace(/[^a-z]/g, '');
  const page = TRACKING_PAGES[key] ?? Object.entries(TRACKING_PAGES).find(([name]) => key.startsWith(name))?.[1];
  return page ? `${page}${encodeURIComponent(trackingNumber)}` : null;
}

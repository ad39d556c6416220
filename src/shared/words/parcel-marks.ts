/** What a parcel is found by on the dock and traced by: the SSCC and the tracking number on its label, those it has. */
export function parcelMarks(parcel: { sscc?: string | null; trackingNumber?: string | null }): string[] {
  return [parcel.sscc && `SSCC ${parcel.sscc}`, parcel.trackingNumber && `tracking ${parcel.trackingNumber}`].filter(
    (mark): mark is string => Boolean(mark),
  );
}

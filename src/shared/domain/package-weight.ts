/** The heaviest package a station records or a carrier label carries: 1,000 kg, a full pallet. */
export const MAX_PACKAGE_GRAMS = 1_000_000;

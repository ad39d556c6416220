// Test data shared by the label tests in shared (geometry) and main (rendered bytes).
/** Addresses in the scripts and lengths labels must print whole: Polish, Greek, Japanese, and very long. */
export const WORLD_ADDRESSES = {
  polish: { name: 'Zażółć Gęślą-Jaźń', line1: 'ul. Łąkowa 12/3', city: 'Łódź', postalCode: '90-562', country: 'PL' },
  greek: { name: 'Αθανάσιος Παπαδόπουλος', line1: 'Λεωφόρος Βασιλίσσης Σοφίας 45', city: 'Αθήνα', postalCode: '106 76', country: 'GR' },
  japanese: {
    name: '山田 太郎',
    company: '株式会社ドックサイド',
    line1: '千代田区丸の内一丁目1番1号',
    line2: 'パレスビル5階',
    city: '東京都',
    postalCode: '100-0005',
    country: 'JP',
  },
  long: {
    name: 'Maximilian Alexander Konstantin von und zu Hohenzollern-Sigmaringen-Wittelsbach',
    company: 'Internationale Speditions- und Logistikgesellschaft für Fernverkehr mbH & Co. KG',
    line1: 'Industriepark Nord-West, Halle 17, Tor 4, Rampe 12, Anlieferung über die Hintereinfahrt Kaiserstraße',
    line2: 'c/o Wareneingang Abteilung Retouren und Reklamationen, zu Händen Frau Dr. Schmidt-Müller',
    city: 'Frankfurt am Main-Niederrad-Schwanheim',
    region: 'Hessen (Regierungsbezirk Darmstadt)',
    postalCode: 'D-60528',
    country: 'DE',
  },
} as const;

import { gtin13 } from './random';

/** A homeware and apparel shop's catalogue: prices in pence, UK VAT 20% (books and kids' clothes 0%). */
const items: [sku: string, name: string, priceMinor: number, taxRateBps: number, weightGrams: number][] = [
  ['MUG-ENAMEL-WHT', 'Enamel mug, white', 1250, 2000, 320],
  ['MUG-ENAMEL-NVY', 'Enamel mug, navy', 1250, 2000, 320],
  ['TEE-ORG-S', 'Organic cotton tee, S', 2200, 2000, 180],
  ['TEE-ORG-M', 'Organic cotton tee, M', 2200, 2000, 190],
  ['TEE-ORG-L', 'Organic cotton tee, L', 2200, 2000, 200],
  ['TOTE-CANVAS', 'Canvas tote bag', 1500, 2000, 250],
  ['CAP-WOOL-BLK', 'Wool cap, black', 1800, 2000, 120],
  ['SOCK-MERINO-42', 'Merino socks, 42-45', 900, 2000, 80],
  ['LAMP-DESK-OAK', 'Oak desk lamp', 6400, 2000, 2100],
  ['THROW-WOOL-GRY', 'Wool throw, grey', 7900, 2000, 1400],
  ['CANDLE-FIG', 'Fig candle, 200 g', 2400, 2000, 450],
  ['PLANTER-TERRA-M', 'Terracotta planter, medium', 1900, 2000, 1300],
  ['BOOK-BREAD', 'The Bread Book (hardback)', 2500, 0, 900],
  ['KIDS-TEE-5Y', "Kids' tee, age 5", 1200, 0, 110],
  ['APRON-LINEN', 'Linen apron', 3200, 2000, 260],
  ['BOARD-OAK-L', 'Oak chopping board, large', 4500, 2000, 1800],
  ['KNIFE-CHEF-20', "Chef's knife, 20 cm", 8900, 2000, 300],
  ['GLASS-TUMBLER-4', 'Tumblers, set of 4', 2800, 2000, 1100],
  ['BLANKET-PICNIC', 'Picnic blanket', 4200, 2000, 1500],
  ['UMBRELLA-BLK', 'Umbrella, black', 3500, 2000, 600],
];

export interface Product {
  sku: string;
  barcode: string;
  name: string;
  unitPriceMinor: number;
  taxRateBps: number;
  weightGrams: number;
}

export const CATALOGUE: readonly Product[] = items.map(([sku, name, unitPriceMinor, taxRateBps, weightGrams], i) => ({
  sku,
  name,
  unitPriceMinor,
  taxRateBps,
  weightGrams,
  barcode: gtin13(`501234567${String(100 + i).padStart(3, '0')}`),
}));

/** Never in stock anywhere: every line of these is backordered. */
export const BACKORDERED_SKUS = new Set(['THROW-WOOL-GRY', 'KNIFE-CHEF-20']);

export const WAREHOUSE_SITES = [
  { code: 'LON-1', name: 'London DC', city: 'London', line1: '1 Dockside Way', postalCode: 'E16 1AA' },
  { code: 'MAN-1', name: 'Manchester DC', city: 'Manchester', line1: '40 Trafford Wharf Rd', postalCode: 'M17 1AB' },
  { code: 'EDI-1', name: 'Edinburgh DC', city: 'Edinburgh', line1: '7 Ocean Drive', postalCode: 'EH6 6JJ' },
  { code: 'BRS-1', name: 'Bristol DC', city: 'Bristol', line1: '2 Avonmouth Way', postalCode: 'BS11 9YA' },
  { code: 'LDS-1', name: 'Leeds DC', city: 'Leeds', line1: '15 Cross Green Ind. Est.', postalCode: 'LS9 0SG' },
];

export const FIRST_NAMES = [
  'Ada',
  'Grace',
  'Alan',
  'Katherine',
  'Tim',
  'Margaret',
  'Dennis',
  'Barbara',
  'Edsger',
  'Frances',
  'Donald',
  'Radia',
  'Ken',
  'Hedy',
  'Linus',
  'Sophie',
  'Tony',
  'Annie',
  'Claude',
  'Mary',
];
export const LAST_NAMES = [
  'Lovelace',
  'Hopper',
  'Turing',
  'Johnson',
  'Berners-Lee',
  'Hamilton',
  'Ritchie',
  'Liskov',
  'Dijkstra',
  'Allen',
  'Knuth',
  'Perlman',
  'Thompson',
  'Lamarr',
  'Torvalds',
  'Wilson',
  'Hoare',
  'Easley',
  'Shannon',
  'Keller',
];
export const STREETS = [
  'High Street',
  'Station Road',
  'Church Lane',
  'Victoria Road',
  'Green Lane',
  'Manor Road',
  'Park Avenue',
  'Queen Street',
  'Mill Lane',
  'King Street',
];
export const TOWNS: [city: string, postcodeArea: string][] = [
  ['London', 'SW1A'],
  ['Manchester', 'M1'],
  ['Birmingham', 'B1'],
  ['Leeds', 'LS1'],
  ['Glasgow', 'G1'],
  ['Bristol', 'BS1'],
  ['Cardiff', 'CF10'],
  ['Edinburgh', 'EH1'],
  ['Belfast', 'BT1'],
  ['Cambridge', 'CB2'],
  ['Brighton', 'BN1'],
  ['York', 'YO1'],
];
export const CHANNELS = ['web', 'web', 'web', 'marketplace', 'pos', 'phone'];

import { registerEnumType } from 'type-graphql';

/**
 * Regions (maakunnat) from the postal code. Each two-digit prefix of a Finnish postal code is
 * assigned to the region of its main post office; postal areas do not follow regional borders
 * exactly, so a customer near a border may be counted in the neighbouring region. A missing,
 * foreign or malformed postal code is UNKNOWN.
 */
export enum FinnishRegion {
  UUSIMAA = 'UUSIMAA',
  VARSINAIS_SUOMI = 'VARSINAIS_SUOMI',
  SATAKUNTA = 'SATAKUNTA',
  KANTA_HAME = 'KANTA_HAME',
  PIRKANMAA = 'PIRKANMAA',
  PAIJAT_HAME = 'PAIJAT_HAME',
  KYMENLAAKSO = 'KYMENLAAKSO',
  ETELA_KARJALA = 'ETELA_KARJALA',
  ETELA_SAVO = 'ETELA_SAVO',
  POHJOIS_SAVO = 'POHJOIS_SAVO',
  POHJOIS_KARJALA = 'POHJOIS_KARJALA',
  KESKI_SUOMI = 'KESKI_SUOMI',
  ETELA_POHJANMAA = 'ETELA_POHJANMAA',
  POHJANMAA = 'POHJANMAA',
  KESKI_POHJANMAA = 'KESKI_POHJANMAA',
  POHJOIS_POHJANMAA = 'POHJOIS_POHJANMAA',
  KAINUU = 'KAINUU',
  LAPPI = 'LAPPI',
  AHVENANMAA = 'AHVENANMAA',
  UNKNOWN = 'UNKNOWN',
}

const R = FinnishRegion;
const ranges: [from: number, to: number, region: FinnishRegion][] = [
  [0, 10, R.UUSIMAA], // 00 Helsinki, 01 Vantaa, 02 Espoo, 04 Järvenpää, 05 Hyvinkää, 06 Porvoo, 08 Lohja, 10 Raasepori
  [11, 14, R.KANTA_HAME], // 11 Riihimäki, 13 Hämeenlinna
  [15, 19, R.PAIJAT_HAME], // 15 Lahti, 18 Heinola
  [20, 21, R.VARSINAIS_SUOMI], // 20 Turku, 21 Kaarina, Naantali, Parainen
  [22, 22, R.AHVENANMAA], // 22 Maarianhamina
  [23, 25, R.VARSINAIS_SUOMI], // 23 Uusikaupunki, 24 Salo
  [26, 29, R.SATAKUNTA], // 26 Rauma, 28 Pori
  [30, 31, R.KANTA_HAME], // 30 Forssa
  [32, 32, R.VARSINAIS_SUOMI], // 32 Loimaa
  [33, 39, R.PIRKANMAA], // 33 Tampere, 37 Nokia, 38 Sastamala
  [40, 44, R.KESKI_SUOMI], // 40 Jyväskylä, 44 Äänekoski
  [45, 49, R.KYMENLAAKSO], // 45 Kouvola, 48 Kotka, 49 Hamina
  [50, 52, R.ETELA_SAVO], // 50 Mikkeli
  [53, 56, R.ETELA_KARJALA], // 53 Lappeenranta, 55 Imatra
  [57, 58, R.ETELA_SAVO], // 57 Savonlinna
  [59, 59, R.ETELA_KARJALA], // 59 Parikkala
  [60, 63, R.ETELA_POHJANMAA], // 60 Seinäjoki
  [64, 66, R.POHJANMAA], // 65 Vaasa
  [67, 67, R.KESKI_POHJANMAA], // 67 Kokkola
  [68, 68, R.POHJANMAA], // 68 Pietarsaari
  [69, 69, R.KESKI_POHJANMAA], // 69 Kaustinen
  [70, 74, R.POHJOIS_SAVO], // 70 Kuopio, 74 Iisalmi
  [75, 75, R.POHJOIS_KARJALA], // 75 Nurmes
  [76, 76, R.ETELA_SAVO], // 76 Pieksämäki
  [77, 79, R.POHJOIS_SAVO], // 78 Varkaus
  [80, 83, R.POHJOIS_KARJALA], // 80 Joensuu
  [84, 86, R.POHJOIS_POHJANMAA], // 84 Ylivieska
  [87, 89, R.KAINUU], // 87 Kajaani
  [90, 93, R.POHJOIS_POHJANMAA], // 90 Oulu, 92 Raahe, 93 Kuusamo
  [94, 99, R.LAPPI], // 94 Kemi, 95 Tornio, 96 Rovaniemi
];

/** Two-digit postal code prefix → region, for all 100 prefixes. */
export const REGION_BY_POSTAL_PREFIX: ReadonlyMap<string, FinnishRegion> = new Map(
  ranges.flatMap(([from, to, region]) =>
    Array.from({ length: to - from + 1 }, (_, i) => [String(from + i).padStart(2, '0'), region] as const),
  ),
);

/** The region of a postal code (for tests and documentation; the statistics compute it in SQL). */
export function regionOfPostalCode(postalCode: string | null | undefined, country = 'FI'): FinnishRegion {
  if (country !== 'FI' || !postalCode || !/^\d{5}$/.test(postalCode)) return FinnishRegion.UNKNOWN;
  return REGION_BY_POSTAL_PREFIX.get(postalCode.slice(0, 2)) ?? FinnishRegion.UNKNOWN;
}

/** Age on the day of the statistics, from the date of birth. Business customers have none: UNKNOWN. */
export enum AgeBand {
  UNDER_18 = 'UNDER_18',
  AGE_18_29 = 'AGE_18_29',
  AGE_30_44 = 'AGE_30_44',
  AGE_45_64 = 'AGE_45_64',
  AGE_65_PLUS = 'AGE_65_PLUS',
  UNKNOWN = 'UNKNOWN',
}

export function ageBandOf(age: number | null): AgeBand {
  if (age === null) return AgeBand.UNKNOWN;
  if (age < 18) return AgeBand.UNDER_18;
  if (age < 30) return AgeBand.AGE_18_29;
  if (age < 45) return AgeBand.AGE_30_44;
  if (age < 65) return AgeBand.AGE_45_64;
  return AgeBand.AGE_65_PLUS;
}

/** The kinds of service of the catalogue (ServiceKind), plus customers with no active service. */
export enum StatisticsService {
  MOBILE = 'MOBILE',
  BROADBAND = 'BROADBAND',
  FIXED_LINE = 'FIXED_LINE',
  TV = 'TV',
  SECURITY = 'SECURITY',
  OTHER = 'OTHER',
  NO_ACTIVE_SERVICE = 'NO_ACTIVE_SERVICE',
}

registerEnumType(FinnishRegion, {
  name: 'FinnishRegion',
  description: 'Region (maakunta) from the first two digits of the postal code; UNKNOWN without a Finnish postal code',
});
registerEnumType(AgeBand, { name: 'AgeBand', description: 'Age band from the date of birth; UNKNOWN without one (business customers)' });
registerEnumType(StatisticsService, {
  name: 'StatisticsService',
  description: 'Kind of service on the customer’s active contracts; NO_ACTIVE_SERVICE when there is none',
});

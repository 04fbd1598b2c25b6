import { describe, expect, it } from 'vitest';
import { ageBandOf, AgeBand, FinnishRegion, REGION_BY_POSTAL_PREFIX, regionOfPostalCode } from '../statistics.dimensions.js';

describe('region from the postal code', () => {
  it('covers all hundred two-digit prefixes', () => {
    expect(REGION_BY_POSTAL_PREFIX.size).toBe(100);
    expect([...REGION_BY_POSTAL_PREFIX.values()]).not.toContain(FinnishRegion.UNKNOWN);
  });

  it('places the main post offices in their regions', () => {
    const cases: [string, FinnishRegion][] = [
      ['00390', FinnishRegion.UUSIMAA], ['02100', FinnishRegion.UUSIMAA], ['01300', FinnishRegion.UUSIMAA],
      ['33100', FinnishRegion.PIRKANMAA], ['20100', FinnishRegion.VARSINAIS_SUOMI], ['22100', FinnishRegion.AHVENANMAA],
      ['90100', FinnishRegion.POHJOIS_POHJANMAA], ['40100', FinnishRegion.KESKI_SUOMI], ['70100', FinnishRegion.POHJOIS_SAVO],
      ['15110', FinnishRegion.PAIJAT_HAME], ['28100', FinnishRegion.SATAKUNTA], ['80100', FinnishRegion.POHJOIS_KARJALA],
      ['53100', FinnishRegion.ETELA_KARJALA], ['65100', FinnishRegion.POHJANMAA], ['96100', FinnishRegion.LAPPI],
      ['87100', FinnishRegion.KAINUU], ['48100', FinnishRegion.KYMENLAAKSO], ['50100', FinnishRegion.ETELA_SAVO],
      ['60100', FinnishRegion.ETELA_POHJANMAA], ['67100', FinnishRegion.KESKI_POHJANMAA], ['13100', FinnishRegion.KANTA_HAME],
    ];
    for (const [code, region] of cases) expect(regionOfPostalCode(code), code).toBe(region);
  });

  it('is UNKNOWN without a Finnish five-digit postal code', () => {
    expect(regionOfPostalCode(null)).toBe(FinnishRegion.UNKNOWN);
    expect(regionOfPostalCode('0010')).toBe(FinnishRegion.UNKNOWN);
    expect(regionOfPostalCode('SE-11', 'SE')).toBe(FinnishRegion.UNKNOWN);
    expect(regionOfPostalCode('11122', 'SE')).toBe(FinnishRegion.UNKNOWN);
  });
});

describe('age bands', () => {
  it('have their borders where the bands say', () => {
    expect([17, 18, 29, 30, 44, 45, 64, 65, 100].map(ageBandOf)).toEqual([
      AgeBand.UNDER_18, AgeBand.AGE_18_29, AgeBand.AGE_18_29, AgeBand.AGE_30_44, AgeBand.AGE_30_44,
      AgeBand.AGE_45_64, AgeBand.AGE_45_64, AgeBand.AGE_65_PLUS, AgeBand.AGE_65_PLUS,
    ]);
    expect(ageBandOf(null)).toBe(AgeBand.UNKNOWN);
  });
});

/**
 * Unique values for the generated register without a "seen" set: each value is a bijection of a
 * global index (customer, SIM, invoice number), so chunks generated separately, in any order, or
 * again after a restart, never collide.
 */
import {
  businessIdCheckDigit,
  createInvoiceReference,
  formatBusinessId,
  formatPersonalIdentityNumber,
  iccidCheckDigit,
} from '@register/identifiers';

function gcd(a: number, b: number): number {
  while (b) [a, b] = [b, a % b];
  return a;
}

/** Multiplier coprime to the modulus, picked from the seed: i ↦ (i·m + offset) mod n is a permutation. */
function permutation(modulus: number, seed: number, salt: number) {
  const primes = [7919, 104_729, 1_299_709, 15_485_863, 32_452_843, 49_979_687, 67_867_967, 86_028_121];
  let multiplier = primes[(seed + salt) % primes.length]!;
  while (gcd(multiplier, modulus) !== 1) multiplier += 2;
  const offset = ((seed * 2_654_435_761 + salt * 40_503) >>> 0) % modulus;
  // index·multiplier overflows 2^53 in the larger spaces (up to 2^37 · 2^27): multiply in two
  // halves of the multiplier, each product exact in a double, reducing in between.
  if (modulus >= 2 ** 37 || multiplier >= 2 ** 27) throw new RangeError('value space or multiplier too large for exact arithmetic');
  const high = Math.floor(multiplier / 2 ** 14);
  const low = multiplier % 2 ** 14;
  return (index: number) => {
    if (index >= modulus) throw new RangeError(`index ${index} is outside the value space of ${modulus}`);
    return ((((index * high) % modulus) * 2 ** 14) % modulus + ((index * low) % modulus) + offset) % modulus;
  };
}

const DAY_MS = 86_400_000;
const BIRTH_FROM = Date.UTC(1935, 0, 1);
const BIRTH_DAYS = Math.round((Date.UTC(2006, 11, 31) - BIRTH_FROM) / DAY_MS) + 1;
/** Individual numbers 002–899 (900–999 are temporary numbers, not used here). */
const INDIVIDUAL_NUMBERS = 898;

export interface UniqueValues {
  /** A valid henkilötunnus, unique per customer index. */
  personalIdentityNumber(customerIndex: number): { value: string; dateOfBirth: string; birthDay: number };
  /** A valid Y-tunnus, unique per customer index. */
  businessId(customerIndex: number): string;
  /** A valid Finnish ICCID (89358 01…, Luhn check digit), unique per SIM index. */
  iccid(simIndex: number): string;
  /** A Finnish mobile number (+358 40/44/50 …), unique per SIM index. */
  mobileNumber(simIndex: number): string;
  /** The Finnish reference number of an invoice number, as the billing service stores it. */
  invoiceReference(invoiceNumber: number): string;
}

export function uniqueValues(seed: number): UniqueValues {
  const pinOf = permutation(BIRTH_DAYS * INDIVIDUAL_NUMBERS, seed, 1);
  const businessPrefixOf = permutation(230_000, seed, 2);
  const iccidOf = permutation(100_000_000_000, seed, 3);
  const mobileOf = permutation(30_000_000, seed, 4);
  const mobilePrefixes = ['40', '44', '50'];
  return {
    personalIdentityNumber(customerIndex) {
      const k = pinOf(customerIndex);
      const birthMs = BIRTH_FROM + Math.floor(k / INDIVIDUAL_NUMBERS) * DAY_MS;
      const dateOfBirth = new Date(birthMs).toISOString().slice(0, 10);
      const value = formatPersonalIdentityNumber({ dateOfBirth, individualNumber: 2 + (k % INDIVIDUAL_NUMBERS) });
      return { value, dateOfBirth, birthDay: birthMs / DAY_MS };
    },
    businessId(customerIndex) {
      // Of the ten last digits of a six-digit prefix at least nine give a valid check digit.
      const prefix = String(100_000 + businessPrefixOf(Math.floor(customerIndex / 9)));
      let wanted = customerIndex % 9;
      for (let last = 0; last <= 9; last += 1) {
        const digits = `${prefix}${last}`;
        if (businessIdCheckDigit(digits) === undefined) continue;
        if (wanted === 0) return formatBusinessId(digits);
        wanted -= 1;
      }
      throw new Error(`no valid business ID for prefix ${prefix}`);
    },
    iccid(simIndex) {
      const partial = `8935801${String(iccidOf(simIndex)).padStart(11, '0')}`;
      return `${partial}${iccidCheckDigit(partial)}`;
    },
    mobileNumber(simIndex) {
      const k = mobileOf(simIndex);
      return `+358${mobilePrefixes[Math.floor(k / 10_000_000)]!}${String(k % 10_000_000).padStart(7, '0')}`;
    },
    invoiceReference(invoiceNumber) {
      return createInvoiceReference(invoiceNumber);
    },
  };
}

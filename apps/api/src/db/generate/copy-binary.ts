/**
 * PostgreSQL's binary COPY format (`copy … from stdin with (format binary)`), written straight
 * into one growing Buffer per table: no text to format on our side and none to parse on the
 * server's (timestamps, dates and uuids are plain integers and bytes). Each field is a 32-bit
 * length (-1 for NULL) and the value in the type's send format.
 */

const SIGNATURE = [0x50, 0x47, 0x43, 0x4f, 0x50, 0x59, 0x0a, 0xff, 0x0d, 0x0a, 0x00];
/** 2000-01-01, PostgreSQL's epoch for dates and timestamps. */
const PG_EPOCH_MS = 946_684_800_000;
const PG_EPOCH_DAYS = 10_957;
const TWO_32 = 4_294_967_296;

export class BinaryCopy {
  private buffer: Buffer;
  private position = 0;
  rows = 0;

  /** @param reuse a buffer whose COPY data has been sent, to write into again (saves the allocation and its garbage collection) */
  constructor(initialBytes = 1 << 16, reuse?: Buffer) {
    this.buffer = reuse && reuse.length >= initialBytes ? reuse : Buffer.allocUnsafeSlow(Math.max(1 << 12, initialBytes));
    for (const byte of SIGNATURE) this.buffer[this.position++] = byte;
    this.int32Raw(0); // flags
    this.int32Raw(0); // header extension length
  }

  private room(bytes: number) {
    if (this.position + bytes <= this.buffer.length) return;
    const grown = Buffer.allocUnsafeSlow(Math.max(this.buffer.length * 2, this.position + bytes));
    this.buffer.copy(grown, 0, 0, this.position);
    this.buffer = grown;
  }

  private int32Raw(value: number) {
    const b = this.buffer;
    let p = this.position;
    b[p++] = value >>> 24;
    b[p++] = value >>> 16;
    b[p++] = value >>> 8;
    b[p++] = value;
    this.position = p;
  }

  /** Starts a row of `fields` fields (every field of the row must follow). */
  row(fields: number) {
    this.room(2);
    this.buffer[this.position++] = fields >>> 8;
    this.buffer[this.position++] = fields;
    this.rows += 1;
  }

  null() {
    this.room(4);
    this.int32Raw(-1);
  }

  /** text, varchar and enum labels (an enum's binary form is its label). */
  text(value: string | null | undefined) {
    if (value === null || value === undefined) return this.null();
    const length = value.length;
    this.room(4 + length * 3);
    const b = this.buffer;
    const start = this.position + 4;
    let p = start;
    if (length <= 48) {
      for (let i = 0; i < length; i += 1) {
        const code = value.charCodeAt(i);
        if (code >= 0x80) {
          p = -1;
          break;
        }
        b[p++] = code;
      }
    } else {
      p = -1;
    }
    if (p < 0) p = start + b.write(value, start, 'utf8');
    this.int32Raw(p - start);
    this.position = p;
  }

  /** jsonb: a version byte, then the JSON text. */
  jsonb(json: string | null | undefined) {
    if (json === null || json === undefined) return this.null();
    this.room(5 + json.length * 3);
    const b = this.buffer;
    const start = this.position + 4;
    b[start] = 1;
    const written = b.write(json, start + 1, 'utf8');
    this.int32Raw(written + 1);
    this.position = start + 1 + written;
  }

  int2(value: number) {
    this.room(6);
    this.int32Raw(2);
    this.buffer[this.position++] = value >>> 8;
    this.buffer[this.position++] = value;
  }

  int4(value: number) {
    this.room(8);
    this.int32Raw(4);
    this.int32Raw(value);
  }

  bool(value: boolean) {
    this.room(5);
    this.int32Raw(1);
    this.buffer[this.position++] = value ? 1 : 0;
  }

  /** A date, as days since 1970-01-01. */
  date(epochDay: number | null) {
    if (epochDay === null) return this.null();
    this.int4(epochDay - PG_EPOCH_DAYS);
  }

  /** A timestamptz, as milliseconds since 1970-01-01T00:00:00Z. */
  timestamp(epochMs: number | null) {
    if (epochMs === null) return this.null();
    const micros = (epochMs - PG_EPOCH_MS) * 1000;
    const high = Math.floor(micros / TWO_32);
    this.room(12);
    this.int32Raw(8);
    this.int32Raw(high);
    this.int32Raw(micros - high * TWO_32);
  }

  bytea(value: Uint8Array | null) {
    if (value === null) return this.null();
    const length = value.length;
    this.room(4 + length);
    this.int32Raw(length);
    const b = this.buffer;
    let p = this.position;
    // A loop beats TypedArray#set for a few dozen bytes.
    for (let i = 0; i < length; i += 1) b[p++] = value[i]!;
    this.position = p;
  }

  /** A uuid given as its 16 bytes. */
  uuidBytes(value: Uint8Array) {
    this.room(20);
    this.int32Raw(16);
    const b = this.buffer;
    let p = this.position;
    for (let i = 0; i < 16; i += 1) b[p++] = value[i]!;
    this.position = p;
  }

  /** A generated id (see writeGeneratedUuid). */
  uuid(value: number, salt: number) {
    this.room(20);
    this.int32Raw(16);
    writeGeneratedUuid(this.buffer, this.position, value, salt);
    this.position += 16;
  }

  /** An empty array of `elementType` (an oid: 25 = text). */
  emptyArray(elementType: number) {
    this.room(16);
    this.int32Raw(12);
    this.int32Raw(0); // dimensions
    this.int32Raw(0); // has nulls
    this.int32Raw(elementType);
  }

  /** The finished COPY data (with its trailer); the writer must not be used afterwards. */
  finish(): Buffer {
    this.room(2);
    this.buffer[this.position++] = 0xff;
    this.buffer[this.position++] = 0xff;
    return this.buffer.subarray(0, this.position);
  }
}

/** A 32-bit integer hash of two 32-bit integers (murmur3's finaliser). */
function mix(a: number, b: number): number {
  let h = Math.imul(a ^ Math.imul(b, 0x9e3779b1), 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * A generated id: a UUID in the version 7 layout whose 48-bit "time" is `value` (a per-table
 * counter, so ids grow as they are written and the primary keys fill at their right edge) and
 * whose random bits are a hash of the value and `salt` (from the seed: the same seed, the same ids).
 */
export function writeGeneratedUuid(b: Uint8Array, at: number, value: number, salt: number) {
  let p = at;
  const high = Math.floor(value / TWO_32);
  const low = value >>> 0;
  const h1 = mix(low ^ salt, high);
  const h2 = mix(h1 ^ low, salt);
  b[p++] = high >>> 8;
  b[p++] = high;
  b[p++] = low >>> 24;
  b[p++] = low >>> 16;
  b[p++] = low >>> 8;
  b[p++] = low;
  b[p++] = 0x70 | (h1 & 0x0f);
  b[p++] = h1 >>> 4;
  b[p++] = 0x80 | ((h1 >>> 12) & 0x3f);
  b[p++] = h1 >>> 18;
  b[p++] = h2 >>> 24;
  b[p++] = h2 >>> 16;
  b[p++] = h2 >>> 8;
  b[p++] = h2;
  b[p++] = h1 >>> 26;
  b[p] = (h1 ^ h2) >>> 11;
}

const HEX = Array.from({ length: 256 }, (_, n) => n.toString(16).padStart(2, '0'));
const SCRATCH = new Uint8Array(16);

/** The text form of a generated id, as PostgreSQL prints it. */
export function generatedUuidText(value: number, salt: number): string {
  writeGeneratedUuid(SCRATCH, 0, value, salt);
  const h = (i: number) => HEX[SCRATCH[i]!]!;
  return `${h(0)}${h(1)}${h(2)}${h(3)}-${h(4)}${h(5)}-${h(6)}${h(7)}-${h(8)}${h(9)}-${h(10)}${h(11)}${h(12)}${h(13)}${h(14)}${h(15)}`;
}

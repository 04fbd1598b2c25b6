import { createHash } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';

/**
 * Recomputes the audit log's hash chain independently of the database function that wrote it,
 * so a changed function, a changed row or a removed row is found and named.
 */
export interface ChainRow {
  seq: string;
  at_micros: string;
  actor_type: string | null;
  actor_id: string | null;
  client: string | null;
  request_id: string | null;
  operation: string | null;
  action: string | null;
  subject_type: string | null;
  subject_id: string | null;
  /** The subjects of an event about many (a read of a page); null for every other event. */
  subject_ids?: string[] | null;
  fields: string[];
  outcome: string | null;
  prev_hash: Buffer;
  hash: Buffer;
}

export type ChainResult =
  | { ok: true; events: number; lastSeq: string | null }
  | { ok: false; events: number; brokenAt: string; reason: string };

const GENESIS = Buffer.alloc(32);

function part(value: string | null): string {
  return value === null ? 'N' : `${Buffer.byteLength(value, 'utf8')}:${value}`;
}

/** The canonical text of an event, exactly as `audit_canonical` in the migration builds it. */
export function canonicalText(prevHash: Buffer, row: ChainRow): string {
  return [
    prevHash.toString('hex'),
    row.seq,
    row.at_micros,
    part(row.actor_type),
    part(row.actor_id),
    part(row.client),
    part(row.request_id),
    part(row.operation),
    part(row.action),
    part(row.subject_type),
    part(row.subject_id),
    part(row.fields.join(',')),
    part(row.outcome),
  ].join('|') + (row.subject_ids ? `|${part(row.subject_ids.join(','))}` : '');
}

export function eventHash(prevHash: Buffer, row: ChainRow): Buffer {
  return createHash('sha256').update(canonicalText(prevHash, row), 'utf8').digest();
}

/** Walks the whole chain in pages, in order. Reports the first broken link. */
export async function verifyAuditChain(
  em: EntityManager,
  onProgress?: (checked: number) => void,
  pageSize = 5000,
): Promise<ChainResult> {
  const connection = em.getConnection();
  let expectedSeq = 1n;
  let previous: Buffer = GENESIS;
  let checked = 0;
  for (;;) {
    const rows = await connection.execute<ChainRow[]>(
      `select seq::text as seq, ((extract(epoch from at) * 1000000)::bigint)::text as at_micros,
              actor_type, actor_id, client, request_id, operation, action, subject_type, subject_id,
              subject_ids, fields, outcome, prev_hash, hash
         from audit_event where audit_event.seq >= ? order by audit_event.seq limit ?`,
      [expectedSeq.toString(), pageSize],
      'all',
    );
    if (rows.length === 0) break;
    for (const row of rows) {
      const seq = BigInt(row.seq);
      if (seq !== expectedSeq) {
        return { ok: false, events: checked, brokenAt: expectedSeq.toString(), reason: `event ${expectedSeq} is missing (next is ${row.seq})` };
      }
      if (!row.prev_hash.equals(previous)) {
        return { ok: false, events: checked, brokenAt: row.seq, reason: `event ${row.seq} does not point at the hash of the event before it` };
      }
      const computed = eventHash(previous, row);
      if (!computed.equals(row.hash)) {
        return { ok: false, events: checked, brokenAt: row.seq, reason: `event ${row.seq} was changed after it was written (its hash does not match its content)` };
      }
      previous = row.hash;
      expectedSeq += 1n;
      checked += 1;
    }
    onProgress?.(checked);
  }
  return { ok: true, events: checked, lastSeq: checked === 0 ? null : (expectedSeq - 1n).toString() };
}

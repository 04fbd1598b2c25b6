import type { EntityManager } from '@mikro-orm/postgresql';
import type { Principal } from '@register/schema';
import type { Request, Response } from 'express';
import type { Caller } from '../access/caller.js';
import type { AuditLog } from '../audit/audit-log.js';
import type { Services } from '../services.js';

/** Everything a resolver may use, built once per request. */
export interface RequestContext {
  requestId: string;
  caller: Caller;
  principal: Principal;
  /** A fork of the EntityManager for this request alone (made on first use). */
  em: EntityManager;
  /**
   * The ORM's root EntityManager: only for what needs no unit of work of the request's own — the
   * prepared read-model statements (`sqlOf`), building SQL with a QueryBuilder, the audit of reads.
   * Never for loading or changing entities (MikroORM refuses that on the root anyway).
   */
  db: EntityManager;
  audit: AuditLog;
  services: Services;
  client: string | null;
  req: Request;
  res: Response;
}

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
  /** A fork of the EntityManager for this request alone. */
  em: EntityManager;
  audit: AuditLog;
  services: Services;
  client: string | null;
  req: Request;
  res: Response;
}

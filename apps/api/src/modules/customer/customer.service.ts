import { randomUUID, timingSafeEqual } from 'node:crypto';
import { ForeignKeyConstraintViolationException, UniqueConstraintViolationException, type FilterQuery } from '@mikro-orm/core';
import { BuiltPerFilter } from '../../db/built-sql.js';
import type { EntityManager } from '@mikro-orm/postgresql';
import { maskPersonalIdentityNumber, parsePersonalIdentityNumber } from '@register/identifiers';
import type { Config } from '../../config.js';
import { badInput, InputProblems, notFound, tooManyRequests } from '../../common/errors.js';
import type { FieldCrypto } from '../../common/field-crypto.js';
import type { AuditEntry, AuditLog } from '../../audit/audit-log.js';
import { rectificationEvent } from '../../privacy/requests/request.service.js';
import type { View } from '../../db/views.js';
import { Customer } from './customer.entity.js';
import { CustomerReads, type CustomerReadWants } from './customer.reads.js';
import { CustomerKind, CustomerStatus } from './customer.enums.js';
import { countCustomerSearch, customerSearchFilter, parseCustomerSearch, searchPageStatement } from './customer.search.js';
import {
  CUSTOMER_SORT_FIELDS,
  type CreateCustomerArgs,
  type CustomerFieldsArgs,
  type CustomerFilter,
  type CustomerListArgs,
  type UpdateCustomerArgs,
} from './customer.input.js';
import * as validate from './customer.validation.js';
import type { RequestContext } from '../../graphql/context.js';
import { listOptions, type ListOptions } from '../../graphql/list.js';
import { permittedCustomers } from '../marketing/marketing.service.js';

/** A request's EntityManagers: `db` for the prepared read models, `em` (forked on first use) where entities are loaded. */
type DbAccess = Pick<RequestContext, 'em' | 'db'>;

export const PIN_PURPOSE = 'personal-identity-number';

/** Identity-number storage: all of it follows the classification of `personalIdentityNumber`. */
export function pinContext(customerId: string) {
  return `customer:${customerId}:personalIdentityNumber`;
}

/** Distinct filters whose ids query is kept (the list's own pages, and filters clients repeat). */
const MAX_CACHED_ID_QUERIES = 200;

export class CustomerService {
  /** The read model of the busiest reads (prepared statements, JSON views). */
  readonly reads = new CustomerReads();
  private readonly idQueries = new BuiltPerFilter<{ sql: string; params: readonly unknown[] }>(MAX_CACHED_ID_QUERIES);

  constructor(
    private readonly crypto: FieldCrypto,
    private readonly config: Config,
  ) {}

  /**
   * The filter of a list. `rows` is the caller's row filter (access/row-conditions.ts): a caller
   * whose reads of Customer are conditional never receives a row that fails the condition.
   */
  where(filter: CustomerFilter | undefined, rows?: object): FilterQuery<Customer> {
    const where = this.filterWhere(filter);
    const and = [rows, filter?.marketingChannel ? permittedCustomers([filter.marketingChannel]) : undefined].filter(
      (condition) => condition !== undefined,
    );
    return (and.length === 0 ? where : { $and: [where, ...and] }) as FilterQuery<Customer>;
  }

  private filterWhere(filter: CustomerFilter | undefined): FilterQuery<Customer> {
    const where: FilterQuery<Customer> & Record<string, unknown> = {};
    if (!filter) return where;
    // Phone, e-mail or name: customer.search.ts (refuses a q that is too short or too long).
    const search = parseCustomerSearch(filter.q);
    if (search) where.$and = [customerSearchFilter(search)];
    if (filter.ids) where.id = { $in: filter.ids };
    if (filter.kind) where.kind = filter.kind;
    if (filter.status) where.status = filter.status;
    if (filter.city) where.city = filter.city;
    if (filter.postalCode) where.postalCode = filter.postalCode;
    if (filter.sourceType) where.sourceType = filter.sourceType;
    return where;
  }

  async list(em: EntityManager, args: CustomerListArgs, rows?: object): Promise<Customer[]> {
    return em.find(Customer, this.where(args.filter, rows), listOptions(args, CUSTOMER_SORT_FIELDS, { sortField: 'name' }));
  }

  async count(em: EntityManager, args: CustomerListArgs, rows?: object): Promise<number> {
    const search = parseCustomerSearch(args.filter?.q);
    if (search) return countCustomerSearch(em, search, this.where({ ...args.filter, q: undefined }, rows));
    return em.count(Customer, this.where(args.filter, rows));
  }

  /** One customer, or null — also when the caller's row filter (`rows`) excludes it. */
  async get(em: EntityManager, id: string, rows?: object): Promise<Customer | null> {
    if (!isUuid(id)) return null;
    return em.findOne(Customer, rows ? ({ $and: [{ id }, rows] } as FilterQuery<Customer>) : { id });
  }

  async getOrFail(em: EntityManager, id: string): Promise<Customer> {
    const customer = await this.get(em, id);
    if (!customer) throw notFound('Customer', id);
    return customer;
  }

  /**
   * One customer as a read model (customer.reads.ts), with its contracts and their SIM cards when
   * wanted, and whether its processing is restricted: one prepared statement. A caller whose
   * reads of customers are conditional (`rows`) goes through the ORM, where the condition is a filter.
   */
  async read(
    db: DbAccess,
    id: string,
    rows: object | undefined,
    wants: CustomerReadWants,
  ): Promise<{ customer: Customer | View; restricted?: boolean } | null> {
    if (!isUuid(id)) return null;
    if (rows) {
      const customer = await this.get(db.em, id, rows);
      return customer ? { customer } : null;
    }
    const found = await this.reads.byId(db.db, id, wants);
    return found ? { customer: found.view, restricted: found.restricted } : null;
  }

  /**
   * A page of the list as read models, in one statement: the page's ids first (the sort index
   * alone serves that, whatever the offset), then those customers and what is wanted of them.
   */
  async page(db: DbAccess, args: CustomerListArgs, rows: object | undefined, wants: CustomerReadWants): Promise<View[]> {
    // Prepared statements on the pool: the request's own EntityManager only where the ORM builds SQL.
    const em = db.db;
    const options = listOptions(args, CUSTOMER_SORT_FIELDS, { sortField: 'name' });
    const search = parseCustomerSearch(args.filter?.q);
    if (search && (args.sortField ?? 'name') === 'name') {
      // A search sorted by name comes in the search's own order (customer.search.ts): the matched
      // name from the matched word on, then the whole name. Other sorts filter by the search.
      const others = this.where({ ...args.filter, q: undefined }, rows);
      const direction = options.orderBy.name ?? 'asc';
      return this.reads.page(em, searchPageStatement(em, search, others, { limit: options.limit, offset: options.offset, direction }), wants);
    }
    const where = this.where(args.filter, rows);
    return this.reads.page(em, this.idsQuery(em, where, options), wants);
  }

  /**
   * The query of a page's ids, built by the ORM's QueryBuilder — once per filter and order: the
   * SQL and the filter's values depend only on those (the page and its size are the last two
   * values), so the list's pages cost no query building after the first. A filter whose JSON
   * does not say all of it (a raw SQL fragment) is built every time.
   *
   * Planned once, where the values cannot change the plan: PostgreSQL plans a prepared statement
   * anew on every execution while a plan for the actual values looks cheaper than one for any
   * values, and with `limit $1 offset $2` it always does (any values: a tenth of the table), so
   * every page paid ~0.17 ms of PostgreSQL CPU for planning on a million customers, a fifth of
   * the statement. Read through sub-selects (`limit (select $1::bigint)`), the page and its size
   * are unknown to every plan alike, so after its first five executions the statement keeps one
   * plan (the sort index, whatever the offset). Only where the filter has no value that a plan
   * could depend on (none, or only flags such as the restriction's `false`): a filter on, say, a
   * rare status keeps a plan made for its value.
   */
  private idsQuery(em: EntityManager, where: FilterQuery<Customer>, options: ListOptions): { sql: string; params: readonly unknown[] } {
    const built = this.idQueries.get(where, options.orderBy, () => {
      const query = em
        .createQueryBuilder(Customer, 'c')
        .select('c.id')
        .where(where as never)
        .orderBy(options.orderBy)
        .limit(1)
        .offset(1)
        .toQuery();
      const tail = / limit \? offset \?$/;
      if (!tail.test(query.sql)) throw new Error('customer ids query: expected "limit ? offset ?" at its end');
      const params = query.params.slice(0, -2);
      const planOnce = params.every((value) => typeof value === 'boolean');
      return { sql: planOnce ? query.sql.replace(tail, ' limit (select ?::bigint) offset (select ?::bigint)') : query.sql, params };
    });
    return { sql: built.sql, params: [...built.params, options.limit, options.offset] };
  }

  personalIdentityNumber(customer: Pick<Customer, 'id' | 'personalIdentityNumberCiphertext' | 'personalIdentityNumberKeyId'>): string | null {
    if (!customer.personalIdentityNumberCiphertext || !customer.personalIdentityNumberKeyId) return null;
    return this.crypto.open(
      { ciphertext: customer.personalIdentityNumberCiphertext, keyId: customer.personalIdentityNumberKeyId },
      pinContext(customer.id),
    );
  }

  async create(em: EntityManager, audit: AuditLog, args: CreateCustomerArgs): Promise<Customer> {
    const { customer, fields } = this.prepareNew(args);
    return this.save(em, audit, customer, 'createCustomer', 'create', fields);
  }

  /**
   * A new customer validated exactly as `create` validates it, not yet persisted, with the names
   * of the fields it sets (partner-register imports write these in batches). Throws BAD_USER_INPUT
   * with every problem when anything is wrong.
   */
  prepareNew(args: CreateCustomerArgs): { customer: Customer; fields: string[] } {
    const problems = new InputProblems();
    if (!args.kind) problems.add('kind', 'is required: PRIVATE or BUSINESS');
    if (args.name === undefined || args.name === null) problems.add('name', 'is required');
    const customer = new Customer();
    customer.id = randomUUID();
    customer.kind = args.kind ?? CustomerKind.PRIVATE;
    customer.collectedAt = new Date();
    const changed = this.apply(problems, customer, args);
    problems.throwIfAny();
    return { customer, fields: ['id', ...changed] };
  }

  async update(em: EntityManager, audit: AuditLog, args: UpdateCustomerArgs): Promise<Customer> {
    const customer = await this.getOrFail(em, args.id);
    if (customer.status === CustomerStatus.ERASED) {
      throw badInput('id', 'this customer was erased: its data cannot be entered again here; record the person as a new customer');
    }
    const problems = new InputProblems();
    const { id: _id, requestId, ...fields } = args;
    const changed = this.apply(problems, customer, fields);
    problems.throwIfAny();
    if (changed.length === 0) return customer;
    // An edit under a rectification request is linked to it (ids and field names, never values).
    const linked = requestId
      ? [await rectificationEvent(em, audit.caller, requestId, { type: 'Customer', id: customer.id }, changed)]
      : [];
    return this.save(em, audit, customer, 'updateCustomer', 'update', changed, linked);
  }

  /**
   * Validates every given field (collecting all problems), then applies them to the record.
   * Returns the names of the fields that changed. Nothing is applied when anything is wrong.
   */
  private apply(problems: InputProblems, customer: Customer, args: CustomerFieldsArgs): string[] {
    const today = new Date();
    const name = validate.text(problems, 'name', args.name, { required: true });
    const email = validate.email(problems, args.email);
    const phone = validate.normalisePhone(problems, args.phone);
    const streetAddress = validate.text(problems, 'streetAddress', args.streetAddress);
    const city = validate.text(problems, 'city', args.city);
    const sourcePartner = validate.text(problems, 'sourcePartner', args.sourcePartner);
    const country = validate.country(problems, args.country);
    const postalCode = validate.postalCode(problems, args.postalCode, country ?? customer.country ?? 'FI');
    const pin = validate.personalIdentityNumber(problems, args.personalIdentityNumber);
    const businessId = validate.businessId(problems, args.businessId);
    const dateOfBirth = validate.dateOfBirth(problems, args.dateOfBirth, today);
    if (args.collectedAt && args.collectedAt > today) problems.add('collectedAt', 'cannot be in the future');
    if (args.status === CustomerStatus.ERASED) {
      problems.add('status', 'ERASED is set by the erasure of the data subject (erasurePlan, eraseDataSubject), not by hand; choose PROSPECT, ACTIVE or TERMINATED');
    }
    if (!problems.empty) return [];

    const kind = args.kind ?? customer.kind;
    const hasPin =
      pin === undefined ? Boolean(customer.personalIdentityNumberBlindIndex) : pin !== null;
    // While an identity number is stored, the date of birth always equals the one it encodes.
    const storedPin = Boolean(customer.personalIdentityNumberBlindIndex);
    const pinDateOfBirth =
      pin?.dateOfBirth ?? (pin === undefined && storedPin ? (customer.dateOfBirth ?? undefined) : undefined);
    const effectiveDob =
      dateOfBirth !== undefined ? dateOfBirth : pin ? pin.dateOfBirth : customer.dateOfBirth;
    validate.checkCombination(
      problems,
      {
        kind,
        businessId: businessId !== undefined ? businessId : customer.businessId,
        hasPersonalIdentityNumber: hasPin,
        dateOfBirth: effectiveDob,
        pinDateOfBirth,
        sourceType: args.sourceType ?? customer.sourceType,
        sourcePartner: sourcePartner !== undefined ? sourcePartner : customer.sourcePartner,
      },
      args,
    );
    if (!problems.empty) return [];

    const changed: string[] = [];
    const set = <K extends keyof Customer>(field: K, value: Customer[K] | undefined, name = field as string) => {
      if (value === undefined) return;
      const current = customer[field];
      const same = current instanceof Date && value instanceof Date ? +current === +value : current === value;
      if (same) return;
      customer[field] = value;
      changed.push(name);
    };
    set('kind', args.kind);
    set('name', name ?? undefined);
    set('email', email);
    set('phone', phone);
    set('streetAddress', streetAddress);
    set('city', city);
    set('country', country ?? undefined);
    set('postalCode', postalCode);
    set('businessId', businessId);
    set('sourceType', args.sourceType);
    set('sourcePartner', sourcePartner);
    if (args.collectedAt !== undefined && args.collectedAt !== null) set('collectedAt', args.collectedAt);
    if (pin !== undefined) {
      const blindIndex = pin ? this.crypto.blindIndex(pin.value, PIN_PURPOSE) : null;
      const current = customer.personalIdentityNumberBlindIndex;
      const same = blindIndex && current ? timingSafeEqual(blindIndex, current) : blindIndex === current;
      if (!same) {
        const sealed = pin ? this.crypto.seal(pin.value, pinContext(customer.id)) : null;
        customer.personalIdentityNumberCiphertext = sealed?.ciphertext ?? null;
        customer.personalIdentityNumberKeyId = sealed?.keyId ?? null;
        customer.personalIdentityNumberBlindIndex = blindIndex;
        customer.personalIdentityNumberMasked = pin ? maskPersonalIdentityNumber(pin.value) : null;
        changed.push('personalIdentityNumber');
      }
    }
    set('dateOfBirth', effectiveDob === customer.dateOfBirth ? undefined : effectiveDob, 'dateOfBirth');
    if (args.status !== undefined && args.status !== customer.status) {
      set('status', args.status);
      const ended = args.status === CustomerStatus.TERMINATED;
      customer.relationshipEndedAt = ended ? today : null;
    }
    return changed;
  }

  private async save(
    em: EntityManager,
    audit: AuditLog,
    customer: Customer,
    operation: string,
    action: 'create' | 'update',
    fields: string[],
    alsoAudit: AuditEntry[] = [],
  ): Promise<Customer> {
    try {
      await em.transactional(async (tx) => {
        tx.persist(customer);
        await tx.flush();
        await audit.write(tx, [
          { operation, action, subjectType: 'Customer', subjectId: customer.id, fields: [...fields].sort() },
          ...alsoAudit,
        ]);
      });
    } catch (error) {
      throw uniqueViolation(error) ?? error;
    }
    return customer;
  }

  async delete(em: EntityManager, audit: AuditLog, id: string): Promise<Customer> {
    const customer = await this.getOrFail(em, id);
    if (customer.status === CustomerStatus.TERMINATED) {
      throw badInput(
        'id',
        'this customer relationship has ended: its data goes through erasure (a data subject request), not deletion',
      );
    }
    const snapshot = Object.assign(new Customer(), customer);
    try {
      await em.transactional(async (tx) => {
        await tx.nativeDelete(Customer, { id });
        await audit.write(tx, [
          { operation: 'deleteCustomer', action: 'delete', subjectType: 'Customer', subjectId: id, fields: ['*'] },
        ]);
      });
    } catch (error) {
      // Anything attached (contracts, invoices, contact persons, ...) is protected by a foreign key.
      if (error instanceof ForeignKeyConstraintViolationException) {
        throw badInput(
          'id',
          'this customer has records attached (contracts, orders, invoices, contact persons or others): it was not entered by mistake, so its data goes through erasure (a data subject request), not deletion',
        );
      }
      throw error;
    }
    em.getUnitOfWork().unsetIdentity(customer);
    return snapshot;
  }

  /**
   * Lets customer service check a number a caller gives without reading the stored one. The
   * masked form leaves under a thousand candidates, so every attempt is audited and attempts per
   * user and customer are limited within a window.
   */
  async verifyPersonalIdentityNumber(
    em: EntityManager,
    audit: AuditLog,
    actorId: string,
    customerId: string,
    value: string,
  ): Promise<boolean> {
    const parsed = parsePersonalIdentityNumber(value);
    if (!parsed.ok) throw badInput('value', parsed.error);
    const { maxAttempts, windowMinutes } = this.config.verifyPin;
    return em.transactional(async (tx) => {
      const customer = await this.getOrFail(tx, customerId);
      const connection = tx.getConnection();
      const context = tx.getTransactionContext();
      // Serialise attempts of one user on one customer, so parallel guesses cannot overrun the limit.
      await connection.execute('select pg_advisory_xact_lock(hashtext(?), hashtext(?))', [actorId, customerId], 'run', context);
      const [row] = await connection.execute<{ attempts: string }[]>(
        `select count(*) as attempts from audit_event
          where action = 'verify' and actor_id = ? and subject_id = ?
            and outcome in ('match', 'mismatch') and at > now() - make_interval(mins => ?)`,
        [actorId, customerId, windowMinutes],
        'all',
        context,
      );
      const event = {
        operation: 'verifyPersonalIdentityNumber',
        action: 'verify',
        subjectType: 'Customer',
        subjectId: customerId,
        fields: ['personalIdentityNumber'],
      };
      if (Number(row?.attempts ?? 0) >= maxAttempts) {
        await audit.write(tx, [{ ...event, outcome: 'rate-limited' }]);
        return { limited: true as const };
      }
      const stored = customer.personalIdentityNumberBlindIndex;
      const given = this.crypto.blindIndex(parsed.value.value, PIN_PURPOSE);
      const match = stored != null && stored.length === given.length && timingSafeEqual(stored, given);
      await audit.write(tx, [{ ...event, outcome: match ? 'match' : 'mismatch' }]);
      return { limited: false as const, match };
    }).then((result) => {
      if (result.limited) {
        throw tooManyRequests(
          `Too many checks of this customer's identity number: at most ${maxAttempts} in ${windowMinutes} minutes. Try again later.`,
        );
      }
      return result.match;
    });
  }
}

export function isUuid(value: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
}

function uniqueViolation(error: unknown) {
  if (!(error instanceof UniqueConstraintViolationException)) return undefined;
  const message = String((error as { constraint?: string }).constraint ?? error.message);
  if (message.includes('pin_blind_index')) {
    return badInput('personalIdentityNumber', 'another customer already has this personal identity number');
  }
  if (message.includes('business_id')) {
    return badInput('businessId', 'another customer already has this business ID');
  }
  return undefined;
}


/**
 * The customer read model: the register's busiest reads (a customer with its contracts and SIM
 * cards; a page of customers with their contracts) as prepared statements that return each record
 * and its related records as JSON in one round trip, instead of the ORM's populate (a statement per
 * relation, parameters written into the text, every row hydrated into the identity map).
 *
 * What it returns are views (db/views.ts), not managed entities: they are for reading only. The
 * GraphQL types resolve from either; field resolvers that need an entity (a contract's lines)
 * load one. Writes always go through the services and the ORM.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { BuiltPerKey } from '../../db/built-sql.js';
import { numbered, sqlOf, statement, type Statement } from '../../db/sql.js';
import { classification } from '@register/schema';
import { viewShape, type View } from '../../db/views.js';
import { Contract, SimCard } from '../contract/contract.entity.js';
import { Customer } from './customer.entity.js';

/** Which related records to bring with each customer, and which of their fields. */
export interface CustomerReadWants {
  contracts: boolean;
  /** SIM cards of each contract (only with contracts). */
  simCards: boolean;
  /**
   * The fields the query selects of the customer, its contracts and their SIM cards
   * (selection.ts `selectedFields`): the statement carries only the columns they need. Undefined:
   * every column.
   */
  fields?: { customer?: ReadonlySet<string>; contract?: ReadonlySet<string>; simCard?: ReadonlySet<string> };
}

/** The order of a customer's contracts (Customer.contracts) and of a contract's SIM cards. */
const CONTRACT_ORDER = 'k."start_date", k."id"';
const SIM_CARD_ORDER = 's."created_at", s."id"';

/** The related records a read model carries (keys of the views). */
const CUSTOMER_RELATED = ['contracts'];
const CONTRACT_RELATED = ['simCards'];

/**
 * Selection shapes (and so prepared statements on every pooled connection) kept at most: clients
 * send a handful of distinct queries; beyond this many, further shapes read every column.
 */
const MAX_SHAPES = 64;

/** Ids queries (filters and sorts of the list, searches) whose page statement is kept, per shape. */
const MAX_IDS_QUERIES = 500;

/** The columns of each record a read carries (undefined: every column). */
interface Shape {
  key: string;
  customer?: readonly string[];
  contract?: readonly string[];
  simCard?: readonly string[];
}

/** The field naming a record's data subject: rules, the restriction check and the audit read it. */
const subjectKey = (typeName: string) => {
  const subject = classification(typeName)?.subject;
  return subject && subject !== 'id' ? [subject] : [];
};

export class CustomerReads {
  private readonly statements = new Map<string, Statement>();
  /** The page statements per selection (key) and ids query. */
  private readonly pages = new Map<string, BuiltPerKey<string, Statement>>();
  private readonly shapes = new Map<string, Shape>();

  /** One customer with what is wanted and whether its processing is restricted, or null. */
  async byId(em: EntityManager, id: string, wants: CustomerReadWants): Promise<{ view: View; restricted: boolean } | null> {
    const { withContracts, withSims } = this.flags(wants);
    const shape = this.shape(em, wants);
    const query = this.statement(`one:${withContracts}:${withSims}:${shape.key}`, () => {
      const customer = viewShape(em, Customer, CUSTOMER_RELATED);
      // Whether processing of the customer is restricted comes with it: the restriction check of
      // its fields (and of its contracts' and SIM cards', same data subject) needs no query of its own.
      return `select ${customer.json('c', this.related(em, withContracts, withSims, shape), shape.customer)} as v,
                     c."processing_restricted" as restricted
                from ${customer.table} c where c."id" = $1::uuid`;
    });
    const [row] = await (await sqlOf(em)).rows<{ v: View; restricted: boolean }>(query, [id]);
    return row ? { view: this.readCustomer(em, row.v, withContracts, withSims), restricted: row.restricted } : null;
  }

  /**
   * The customers a query of ids finds (`select c.id … order by … limit … offset …`, with `?`
   * for its values), in its order, with what is wanted — one statement: the ids are read from
   * the sort index first, and only the page's rows are fetched.
   */
  async page(em: EntityManager, idsQuery: { sql: string; params: readonly unknown[] }, wants: CustomerReadWants): Promise<View[]> {
    const { withContracts, withSims } = this.flags(wants);
    const shape = this.shape(em, wants);
    // The statement depends only on what is wanted and on the ids query, which the list and the
    // search keep per filter (the same string each time, so finding it here hashes no text):
    // built once per pair, not on every page.
    const key = `page:${withContracts}:${withSims}:${shape.key}`;
    let byIdsQuery = this.pages.get(key);
    if (!byIdsQuery) {
      byIdsQuery = new BuiltPerKey(MAX_IDS_QUERIES);
      this.pages.set(key, byIdsQuery);
    }
    const query = byIdsQuery.get(idsQuery.sql, () => {
      const select = viewShape(em, Customer, CUSTOMER_RELATED).json('c', this.related(em, withContracts, withSims, shape), shape.customer);
      return statement(`select ${select} as v
                          from unnest((select array_agg(q.id) from (${numbered(idsQuery.sql)}) q)) with ordinality as p(id, n)
                          join ${viewShape(em, Customer, CUSTOMER_RELATED).table} c on c."id" = p.id
                         order by p.n`);
    });
    const rows = await (await sqlOf(em)).rowsOfBuilt<{ v: View }>(query, idsQuery.params);
    return rows.map((row) => this.readCustomer(em, row.v, withContracts, withSims));
  }

  /** The contracts of each customer, in Customer.contracts order, in one statement. */
  async contractsOf(em: EntityManager, customerIds: readonly string[], simCards: boolean): Promise<Map<string, View[]>> {
    const query = this.statement(`contracts:${simCards}`, () => {
      const contract = this.contractJson(em, simCards);
      return `select k."customer_id" as owner, ${contract} as v
                from ${viewShape(em, Contract, CONTRACT_RELATED).table} k where k."customer_id" = any($1::uuid[])
               order by k."customer_id", ${CONTRACT_ORDER}`;
    });
    return this.grouped(em, query, customerIds, (json) => this.readContract(em, json, simCards));
  }

  /** The SIM cards of each contract, in Contract.simCards order, in one statement. */
  async simCardsOf(em: EntityManager, contractIds: readonly string[]): Promise<Map<string, View[]>> {
    const query = this.statement('simCards', () => {
      const sims = viewShape(em, SimCard);
      return `select s."contract_id" as owner, ${sims.json('s')} as v
                from ${sims.table} s where s."contract_id" = any($1::uuid[])
               order by s."contract_id", ${SIM_CARD_ORDER}`;
    });
    return this.grouped(em, query, contractIds, (json) => viewShape(em, SimCard).read(json));
  }

  private async grouped(
    em: EntityManager,
    query: Statement,
    ownerIds: readonly string[],
    read: (json: View) => View,
  ): Promise<Map<string, View[]>> {
    const result = new Map<string, View[]>(ownerIds.map((id) => [id, []]));
    if (ownerIds.length === 0) return result;
    const rows = await (await sqlOf(em)).rows<{ owner: string; v: View }>(query, [ownerIds]);
    for (const row of rows) result.get(row.owner)?.push(read(row.v));
    return result;
  }

  private flags(wants: CustomerReadWants) {
    return { withContracts: wants.contracts, withSims: wants.contracts && wants.simCards };
  }

  /** The related records of a customer `c` as JSON keys. */
  private related(em: EntityManager, withContracts: boolean, withSims: boolean, shape?: Shape): Record<string, string> {
    if (!withContracts) return {};
    return {
      contracts: `coalesce((select json_agg(${this.contractJson(em, withSims, shape)} order by ${CONTRACT_ORDER})
                    from ${viewShape(em, Contract, CONTRACT_RELATED).table} k where k."customer_id" = c."id"), '[]'::json)`,
    };
  }

  private contractJson(em: EntityManager, withSims: boolean, shape?: Shape): string {
    const sims = viewShape(em, SimCard);
    return viewShape(em, Contract, CONTRACT_RELATED).json(
      'k',
      withSims
        ? {
            simCards: `coalesce((select json_agg(${sims.json('s', {}, shape?.simCard)} order by ${SIM_CARD_ORDER})
                         from ${sims.table} s where s."contract_id" = k."id"), '[]'::json)`,
          }
        : {},
      shape?.contract,
    );
  }

  /** The columns each record of a read carries for the fields the query selects. */
  private shape(em: EntityManager, wants: CustomerReadWants): Shape {
    const fields = wants.fields;
    const customer = viewShape(em, Customer, CUSTOMER_RELATED).keysFor(fields?.customer, subjectKey('Customer'));
    const contract = wants.contracts ? viewShape(em, Contract, CONTRACT_RELATED).keysFor(fields?.contract, subjectKey('Contract')) : undefined;
    const simCard = wants.contracts && wants.simCards ? viewShape(em, SimCard).keysFor(fields?.simCard, subjectKey('SimCard')) : undefined;
    const key = [customer, contract, simCard].map((keys) => keys?.join(',') ?? '*').join('|');
    let shape = this.shapes.get(key);
    if (!shape) {
      if (this.shapes.size >= MAX_SHAPES) return { key: '*|*|*' };
      shape = { key, customer, contract, simCard };
      this.shapes.set(key, shape);
    }
    return shape;
  }

  private readCustomer(em: EntityManager, json: View, withContracts: boolean, withSims: boolean): View {
    const view = viewShape(em, Customer, CUSTOMER_RELATED).read(json);
    if (withContracts) view.contracts = (view.contracts as View[]).map((contract) => this.readContract(em, contract, withSims));
    return view;
  }

  private readContract(em: EntityManager, json: View, withSims: boolean): View {
    const view = viewShape(em, Contract, CONTRACT_RELATED).read(json);
    if (withSims) view.simCards = (view.simCards as View[]).map((sim) => viewShape(em, SimCard).read(sim));
    return view;
  }

  private statement(key: string, text: () => string): Statement {
    let query = this.statements.get(key);
    if (!query) {
      query = statement(text());
      this.statements.set(key, query);
    }
    return query;
  }
}

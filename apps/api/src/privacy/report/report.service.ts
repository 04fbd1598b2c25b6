import { Collection, Reference, wrap, type EntityMetadata } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import {
  DATA_CATEGORY_LABELS,
  dataMap,
  LEGAL_HOLDS,
  PURPOSES,
  type DataMap,
  type FieldClassification,
  type Retention,
  type Text,
  type TypeClassification,
} from '@register/schema';
import type { AuditLog } from '../../audit/audit-log.js';
import { badInput } from '../../common/errors.js';
import type { Services } from '../../services.js';
import { ContactPerson } from '../../modules/contact-person/contact-person.entity.js';
import { Customer } from '../../modules/customer/customer.entity.js';
import type { DataSubjectRequest } from '../requests/request.entity.js';
import type {
  AccessReport,
  PortabilityExport,
  ReportAccessEntry,
  ReportField,
  ReportRecord,
  ReportSection,
  ReportValue,
} from './report.types.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface ReportSubject {
  type: 'Customer' | 'ContactPerson';
  id: string;
}

type AnyRecord = Record<string, unknown>;
type ReportServices = Pick<Services, 'customers' | 'contracts' | 'marketing' | 'figures' | 'dataSubjectRequests' | 'restrictions'>;

/**
 * Values of fields that are resolved rather than stored (GraphQL field resolvers). A field of the
 * data map that is neither stored on its record nor listed here stops the report with an error
 * naming it: the report never silently leaves a field out.
 */
const RESOLVED: Record<string, (record: AnyRecord, services: ReportServices, context: { permissions: ReportValue }) => ReportValue> = {
  'Customer.personalIdentityNumber': (record, services) => services.customers.personalIdentityNumber(record as unknown as Customer),
  'Customer.marketingPermissions': (_record, _services, context) => context.permissions,
  'Contract.monthlyValueCents': (record, services) =>
    services.contracts.monthlyValueCents(record as unknown as Parameters<Services['contracts']['monthlyValueCents']>[0]),
  'Quotation.preparedByName': (record) => {
    const preparedBy = record.preparedBy as { displayName?: string } | null | undefined;
    return preparedBy?.displayName ?? null;
  },
};

/** Types computed on read: their records come from their service, not from a table. */
const COMPUTED: Record<string, (em: EntityManager, subject: ReportSubject, services: ReportServices) => Promise<AnyRecord[]>> = {
  MarketingPermissions: async (em, subject, services) => {
    if (subject.type !== 'Customer') return [];
    const found = (await services.marketing.permissionsOf(em, [subject.id])).get(subject.id);
    return found ? [found as unknown as AnyRecord] : [];
  },
  CustomerFigures: async (em, subject, services) => {
    if (subject.type !== 'Customer') return [];
    const figures = await services.figures.forCustomer(em, subject.id);
    return figures ? [figures as unknown as AnyRecord] : [];
  },
};

/** Types that only show fields of another type (an export), with no records of their own. */
const VIEWS: Record<string, string> = { MarketingAudienceMember: 'Customer' };

function retentionText(retention: Retention): Text {
  switch (retention.after) {
    case 'relationship-end':
      return {
        en: `${retention.months} months after the customer relationship ends`,
        fi: `${retention.months} kuukautta asiakassuhteen päättymisestä`,
      };
    case 'record-created':
      return { en: `${retention.months} months after the record was made`, fi: `${retention.months} kuukautta tallentamisesta` };
    case 'legal-hold': {
      const hold = LEGAL_HOLDS[retention.hold];
      return { en: hold.law, fi: `${hold.years} vuotta tilikauden päättymisestä (${hold.law})` };
    }
  }
}

export function describeField(name: string, field: FieldClassification): ReportField {
  return {
    name,
    label: field.label,
    category: field.category,
    categoryLabel: DATA_CATEGORY_LABELS[field.category] ?? { en: field.category, fi: field.category },
    personal: field.personal,
    purposes: field.purposes.map((key) => ({ key, label: PURPOSES[key] })),
    recipients: { roles: [...field.read.roles], partnerScopes: [...(field.read.scopes ?? [])] },
    retention: field.retention,
    retentionText: retentionText(field.retention),
    erasure: field.erasure,
    providedBySubject: field.providedBySubject === true,
  };
}

/** A value as JSON: dates as ISO strings, records as their ids (with a name where they have one). */
function plain(value: unknown): ReportValue {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.toISOString();
  if (Buffer.isBuffer(value)) return null;
  if (value instanceof Collection) return value.isInitialized() ? value.getItems().map((item) => plain(item)) : null;
  if (value instanceof Reference) return plain(value.unwrap());
  if (Array.isArray(value)) return value.map((item) => plain(item));
  if (typeof value === 'object') {
    const helper = wrap(value as object, true) as unknown as { __meta?: EntityMetadata } | undefined;
    if (helper?.__meta) {
      const entity = value as AnyRecord;
      const name = entity.name ?? entity.displayName;
      return typeof name === 'string' && wrap(value as object).isInitialized() ? { id: String(entity.id), name } : String(entity.id);
    }
    return Object.fromEntries(Object.entries(value as AnyRecord).map(([key, item]) => [key, plain(item)]));
  }
  if (typeof value === 'bigint') return value.toString();
  return value as ReportValue;
}

/**
 * Where the records of a type that concern the person are, and the relation to load with them:
 * its subject column, the person's own columns, or — for lines of a contract, order or quotation —
 * the subject column of the record it belongs to.
 */
function subjectWhere(meta: EntityMetadata, type: TypeClassification, subject: ReportSubject): { where: object; through?: string } | undefined {
  const direct = directSubjectWhere(meta, type, subject);
  if (direct) return { where: direct };
  const relation = type.subject.replace(/Id$/, '');
  for (const prop of Object.values(meta.properties) as { name: string; kind?: string; targetMeta?: EntityMetadata }[]) {
    if (prop.kind !== 'm:1' || !prop.targetMeta) continue;
    const target = prop.targetMeta.properties as Record<string, { kind?: string } | undefined>;
    if (target[relation]?.kind === 'm:1') return { where: { [prop.name]: { [relation]: subject.id } }, through: prop.name };
  }
  return undefined;
}

function directSubjectWhere(meta: EntityMetadata, type: TypeClassification, subject: ReportSubject): object | undefined {
  const properties = meta.properties as Record<string, { kind?: string; persist?: boolean } | undefined>;
  const stored = (name: string) => properties[name] !== undefined && properties[name]?.persist !== false;
  if (stored(type.subject)) {
    const where: object[] = [{ [type.subject]: subject.id }];
    // A contact person's own entries in a customer's record (e.g. marketing decisions).
    if (subject.type === 'ContactPerson' && type.subject !== 'contactPersonId' && stored('contactPersonId')) {
      where.push({ contactPersonId: subject.id });
    }
    return where.length === 1 ? where[0] : { $or: where };
  }
  const relation = type.subject.replace(/Id$/, '');
  if (relation !== type.subject && stored(relation)) {
    const where: object[] = [{ [relation]: subject.id }];
    if (subject.type === 'ContactPerson' && stored('contactPersonId')) where.push({ contactPersonId: subject.id });
    return where.length === 1 ? where[0] : { $or: where };
  }
  // The subject is resolved (e.g. a request's `subjectId`): the person's own columns say it.
  const own = subject.type === 'Customer' ? ['customerId', 'customer'] : ['contactPersonId', 'contactPerson'];
  const column = own.find(stored);
  return column ? { [column]: subject.id } : undefined;
}

/**
 * The access report (GDPR Art. 15) and the portability export (Art. 20), generated from the data
 * map: every type whose subject leads to the person, every field of every record, with what the
 * map says about the field, plus who accessed the person's data (the audit log), rectifications
 * made under their requests and restrictions of processing. One query per type (collections in
 * one more per relation), never one per record.
 */
export class AccessReportService {
  constructor(
    private readonly services: () => ReportServices,
    private readonly controller: string,
    private readonly map: DataMap = dataMap,
  ) {}

  /** The person of a request, or of a customer or contact person id. */
  async subjectOf(
    em: EntityManager,
    input: { requestId?: string | null; subjectId?: string | null },
  ): Promise<{ subject: ReportSubject; request: DataSubjectRequest | null }> {
    if (input.requestId) {
      const request = await this.services().dataSubjectRequests.getOrFail(em, input.requestId, 'requestId');
      if (request.customerId) return { subject: { type: 'Customer', id: request.customerId }, request };
      if (request.contactPersonId) return { subject: { type: 'ContactPerson', id: request.contactPersonId }, request };
      throw badInput('requestId', 'link the request to the customer or contact person it concerns first');
    }
    const id = input.subjectId;
    if (!id) throw badInput('subjectId', 'is required: give the request (requestId) or the customer or contact person (subjectId)');
    if (!UUID.test(id)) throw badInput('subjectId', 'must be a customer or contact person number (a UUID)');
    if (await em.count(Customer, { id })) return { subject: { type: 'Customer', id }, request: null };
    if (await em.count(ContactPerson, { id })) return { subject: { type: 'ContactPerson', id }, request: null };
    throw badInput('subjectId', 'no customer or contact person has this number');
  }

  /** Generates the report and audits it (an event on the person and one on the request). */
  async generate(
    em: EntityManager,
    audit: AuditLog,
    input: { requestId?: string | null; subjectId?: string | null },
  ): Promise<AccessReport> {
    const { subject, request } = await this.subjectOf(em, input);
    const report = await this.build(em, subject, request?.id ?? null);
    await audit.write(em, [
      { operation: 'accessReport', action: 'report', subjectType: subject.type, subjectId: subject.id, fields: ['*'] },
      ...(request
        ? [{ operation: 'accessReport', action: 'report', subjectType: 'DataSubjectRequest', subjectId: request.id, fields: [] }]
        : []),
    ]);
    return report;
  }

  async build(em: EntityManager, subject: ReportSubject, requestId: string | null): Promise<AccessReport> {
    const services = this.services();
    const sections: ReportSection[] = [];
    const loaded = new Map<string, AnyRecord[]>();
    for (const [typeName, type] of Object.entries(this.map)) {
      loaded.set(typeName, await this.records(em, typeName, type, subject));
    }
    const permissionsRecord = loaded.get('MarketingPermissions')?.[0];
    const permissions = permissionsRecord ? plain(permissionsRecord) : null;
    for (const [typeName, type] of Object.entries(this.map)) {
      const records = loaded.get(typeName) ?? [];
      const fields = Object.entries(type.fields).map(([name, field]) => describeField(name, field));
      sections.push({
        type: typeName,
        label: type.label,
        subjectField: type.subject,
        viewOf: VIEWS[typeName] ?? null,
        fields,
        records: records.map((record) => this.record(typeName, type, record, services, permissions)),
      });
    }
    const person = subject.type === 'Customer' ? loaded.get('Customer')?.[0] : loaded.get('ContactPerson')?.[0];
    const requests = await services.dataSubjectRequests.ofSubject(em, subject.id);
    const [accessLog, rectifications, restrictions] = await Promise.all([
      this.accessLog(em, subject.id),
      this.rectifications(em, requests.map((r) => r.id)),
      services.restrictions.history(em, subject.id),
    ]);
    return {
      generatedAt: new Date().toISOString(),
      controller: this.controller,
      subject: { ...subject, name: typeof person?.name === 'string' ? person.name : null },
      requestId,
      sections,
      accessLog,
      rectifications,
      restrictions: restrictions.map((r) => ({
        reason: r.reason,
        since: r.since.toISOString(),
        liftedAt: r.liftedAt?.toISOString() ?? null,
        requestId: r.requestId ?? null,
      })),
    };
  }

  /** The data the person provided (fields marked `providedBySubject`), as structured JSON. */
  async portability(em: EntityManager, audit: AuditLog, requestId: string): Promise<PortabilityExport> {
    const { subject, request } = await this.subjectOf(em, { requestId });
    const services = this.services();
    const data: Record<string, Record<string, ReportValue>[]> = {};
    for (const [typeName, type] of Object.entries(this.map)) {
      const provided = Object.entries(type.fields).filter(([, field]) => field.providedBySubject);
      if (provided.length === 0 || VIEWS[typeName]) continue;
      const records = await this.records(em, typeName, type, subject);
      const rows = records
        .filter((record) => provided.some(([name]) => record[name] !== null && record[name] !== undefined || RESOLVED[`${typeName}.${name}`]))
        .map((record) =>
          Object.fromEntries(provided.map(([name]) => [name, this.value(typeName, name, record, services, null)])),
        )
        .filter((row) => Object.values(row).some((value) => value !== null));
      if (rows.length > 0) data[typeName] = rows;
    }
    await audit.write(em, [
      { operation: 'portabilityExport', action: 'export', subjectType: subject.type, subjectId: subject.id, fields: ['*'] },
      { operation: 'portabilityExport', action: 'export', subjectType: 'DataSubjectRequest', subjectId: request!.id, fields: [] },
    ]);
    return { format: 'lesec-register-portability/1', generatedAt: new Date().toISOString(), subject, requestId: request!.id, data };
  }

  private async records(em: EntityManager, typeName: string, type: TypeClassification, subject: ReportSubject): Promise<AnyRecord[]> {
    const computed = COMPUTED[typeName];
    if (computed) return computed(em, subject, this.services());
    if (VIEWS[typeName]) return [];
    const meta = em.getMetadata().getByClassName(typeName, false);
    if (!meta) throw new Error(`The access report cannot find the records of ${typeName}: it has no entity and no loader`);
    const found = subjectWhere(meta, type, subject);
    if (!found) throw new Error(`The access report cannot find whose records of ${typeName} these are (subject ${type.subject})`);
    const { where, through } = found;
    if (!through && this.plainRowsSuffice(typeName, type, meta)) {
      // Rows mapped to property names, without building entities: a history of 10,000 events costs
      // one query and no hydration. Getters like `customerId` read the foreign key of `customer`.
      const rows = (await em
        .createQueryBuilder(meta.class)
        .select('*')
        .where(where as never)
        .orderBy({ id: 'asc' } as never)
        .execute('all', true)) as AnyRecord[];
      return rows.map((row) => {
        for (const name of Object.keys(type.fields)) {
          if (!(name in row) && name.endsWith('Id') && name.slice(0, -2) in row) {
            const reference = row[name.slice(0, -2)];
            row[name] = reference && typeof reference === 'object' ? (reference as AnyRecord).id : reference;
          }
        }
        return row;
      });
    }
    // Relations that are fields of the map come with the records: one query per relation, not per record.
    const populate = Object.keys(type.fields).filter((field) => {
      const kind = (meta.properties as Record<string, { kind?: string } | undefined>)[field]?.kind;
      return kind === '1:m' || kind === 'm:n' || kind === 'm:1' || kind === '1:1';
    });
    if (through && !populate.includes(through)) populate.push(through);
    if (type.fields.preparedByName && (meta.properties as Record<string, unknown>).preparedBy) populate.push('preparedBy');
    if (type.fields.monthlyValueCents && (meta.properties as Record<string, unknown>).lines && !populate.includes('lines')) populate.push('lines');
    const records = await em.find(meta.class, where as never, {
      populate: populate as never,
      orderBy: { id: 'asc' } as never,
    });
    return records as AnyRecord[];
  }

  /**
   * Whether every field of the type is a column of its table or the foreign key of one of its
   * relations (`customerId` of `customer`): then its records need no entities to be read.
   */
  private plainRowsSuffice(typeName: string, type: TypeClassification, meta: EntityMetadata): boolean {
    const properties = meta.properties as Record<string, { kind?: string; persist?: boolean; fieldNames?: string[] } | undefined>;
    const column = (name: string) => {
      const prop = properties[name];
      return prop !== undefined && prop.persist !== false && (prop.kind === 'scalar' || prop.kind === 'm:1') && (prop.fieldNames?.length ?? 0) > 0;
    };
    return Object.keys(type.fields).every(
      (name) => !RESOLVED[`${typeName}.${name}`] && (column(name) || (name.endsWith('Id') && properties[name.slice(0, -2)]?.kind === 'm:1')),
    );
  }

  private value(typeName: string, name: string, record: AnyRecord, services: ReportServices, permissions: ReportValue): ReportValue {
    const resolved = RESOLVED[`${typeName}.${name}`];
    if (resolved) return plain(resolved(record, services, { permissions }));
    if (!(name in record)) {
      throw new Error(`The access report cannot read ${typeName}.${name}: it is neither stored on the record nor resolved in report.service.ts`);
    }
    return plain(record[name]);
  }

  private record(typeName: string, type: TypeClassification, record: AnyRecord, services: ReportServices, permissions: ReportValue): ReportRecord {
    const values = Object.fromEntries(
      Object.keys(type.fields).map((name) => [name, this.value(typeName, name, record, services, permissions)]),
    );
    const time = record.collectedAt ?? record.recordedAt ?? record.createdAt ?? record.at ?? null;
    return {
      id: typeof record.id === 'string' ? record.id : typeof record.customerId === 'string' ? record.customerId : null,
      values,
      provenance: {
        sourceType: typeof record.sourceType === 'string' ? record.sourceType : null,
        sourcePartner: typeof record.sourcePartner === 'string' ? record.sourcePartner : null,
        collectedAt: time instanceof Date ? time.toISOString() : typeof time === 'string' ? time : null,
      },
    };
  }

  /** Who read or changed the person's data, and when: events about them alone or naming them among many (both indexed). */
  private async accessLog(em: EntityManager, subjectId: string): Promise<ReportAccessEntry[]> {
    const rows = await em.getConnection().execute<
      { seq: string; at: Date; actor_type: string; actor_id: string | null; operation: string; action: string; subject_type: string | null; fields: string[]; outcome: string | null }[]
    >(
      `select seq::text as seq, at, actor_type, actor_id, operation, action, subject_type, fields, outcome
         from audit_event where subject_id = ? or subject_ids @> array[?]::text[] order by seq`,
      [subjectId, subjectId],
      'all',
      em.getTransactionContext(),
    );
    const names = await this.actorNames(em, rows);
    return rows.map((row) => ({
      seq: row.seq,
      at: new Date(row.at).toISOString(),
      actorType: row.actor_type,
      actorId: row.actor_id,
      actorName: row.actor_id ? (names.get(`${row.actor_type}:${row.actor_id}`) ?? null) : null,
      operation: row.operation,
      action: row.action,
      recordType: row.subject_type,
      fields: row.fields,
      outcome: row.outcome,
    }));
  }

  /** Staff users and partner keys named by id in audit events: two queries at most. */
  private async actorNames(em: EntityManager, rows: { actor_type: string; actor_id: string | null }[]): Promise<Map<string, string>> {
    const ids = (type: string) => [...new Set(rows.filter((r) => r.actor_type === type && r.actor_id && UUID.test(r.actor_id)).map((r) => r.actor_id!))];
    const names = new Map<string, string>();
    const connection = em.getConnection();
    const staff = ids('staff');
    const partners = ids('partner');
    if (staff.length > 0) {
      const found = await connection.execute<{ id: string; name: string }[]>(
        `select id::text as id, display_name as name from staff_user where id = any(?::uuid[])`,
        [`{${staff.join(',')}}`],
        'all',
        em.getTransactionContext(),
      );
      for (const row of found) names.set(`staff:${row.id}`, row.name);
    }
    if (partners.length > 0) {
      const found = await connection.execute<{ id: string; name: string }[]>(
        `select id::text as id, partner || ' (' || label || ')' as name from api_key where id = any(?::uuid[])`,
        [`{${partners.join(',')}}`],
        'all',
        em.getTransactionContext(),
      );
      for (const row of found) names.set(`partner:${row.id}`, row.name);
    }
    return names;
  }

  /** Edits made under the person's rectification requests (events on the request's id). */
  private async rectifications(em: EntityManager, requestIds: string[]) {
    if (requestIds.length === 0) return [];
    const rows = await em.getConnection().execute<{ subject_id: string; at: Date; actor_type: string; actor_id: string | null; fields: string[] }[]>(
      `select subject_id, at, actor_type, actor_id, fields from audit_event
        where subject_id = any(?::text[]) and action = 'rectify' order by seq`,
      [`{${requestIds.join(',')}}`],
      'all',
      em.getTransactionContext(),
    );
    const names = await this.actorNames(em, rows);
    return rows.map((row) => ({
      requestId: row.subject_id,
      at: new Date(row.at).toISOString(),
      actorName: row.actor_id ? (names.get(`${row.actor_type}:${row.actor_id}`) ?? null) : null,
      fields: row.fields,
    }));
  }
}

/**
 * The vocabulary of the data map. Kept free of dependencies so that the API, the admin app and
 * the generators (access report, erasure plan, registry description) can all import it.
 */

/** Staff roles. A user may hold several; the union of their rights applies. */
export const STAFF_ROLES = [
  'admin',
  'dpo',
  'service',
  'sales',
  'billing',
  'marketing',
  'analyst',
] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

/** Scopes of partner API keys (partners act on the controller's behalf as processors). */
export const PARTNER_SCOPES = ['delivery'] as const;
export type PartnerScope = (typeof PARTNER_SCOPES)[number];

export const isStaffRole = (value: string): value is StaffRole =>
  (STAFF_ROLES as readonly string[]).includes(value);
export const isPartnerScope = (value: string): value is PartnerScope =>
  (PARTNER_SCOPES as readonly string[]).includes(value);

/** Who is asking: a signed-in staff member with roles, or a partner system with scopes. */
export type Principal =
  | { kind: 'staff'; roles: readonly StaffRole[] }
  | { kind: 'partner'; scopes: readonly PartnerScope[] }
  | { kind: 'anonymous' };

export const DATA_CATEGORIES = [
  'identity',
  'contact',
  'national-id',
  'business',
  'contract',
  'billing',
  'marketing',
  'feedback',
  'derived',
  'provenance',
  'lifecycle',
  'disclosure',
] as const;
export type DataCategory = (typeof DATA_CATEGORIES)[number];

/** Names of the data categories, as the registry description and the access report show them. */
export const DATA_CATEGORY_LABELS: Readonly<Record<DataCategory, { en: string; fi: string }>> = {
  identity: { en: 'Identifying data', fi: 'Tunnistetiedot' },
  contact: { en: 'Contact details', fi: 'Yhteystiedot' },
  'national-id': { en: 'Personal identity number', fi: 'Henkilötunnus' },
  business: { en: 'Company data of business customers', fi: 'Yritysasiakkaan yritystiedot' },
  contract: { en: 'Contracts, services, equipment and orders', fi: 'Sopimukset, palvelut, laitteet ja tilaukset' },
  billing: { en: 'Billing and collection', fi: 'Laskutus ja perintä' },
  marketing: { en: 'Direct-marketing permits and prohibitions', fi: 'Suoramarkkinointiluvat ja -kiellot' },
  feedback: { en: 'Feedback and survey answers', fi: 'Palaute ja kyselyvastaukset' },
  derived: { en: 'Figures compiled from the register', fi: 'Rekisterin tiedoista kootut tiedot' },
  provenance: { en: 'Source and time of collection', fi: 'Tietolähde ja keruuajankohta' },
  lifecycle: { en: 'State and history of the customer relationship', fi: 'Asiakassuhteen tila ja historia' },
  disclosure: { en: 'Disclosures to authorities', fi: 'Luovutukset viranomaisille' },
};

/** Purposes from section 3 of the registry description. */
export const PURPOSES = {
  'customer-relationship': {
    en: 'Managing, maintaining and developing the customer relationship',
    fi: 'Asiakassuhteen hoitaminen, ylläpito ja kehittäminen',
  },
  'service-delivery': {
    en: 'Providing and delivering the ordered services',
    fi: 'Tilattujen palvelujen tuottaminen ja toimittaminen',
  },
  billing: {
    en: 'Billing and collection',
    fi: 'Laskutus ja perintä',
  },
  marketing: {
    en: 'Direct marketing and its targeting within the limits of the law',
    fi: 'Suoramarkkinointi ja sen kohdentaminen lain sallimissa rajoissa',
  },
  statistics: {
    en: 'Analysis, market research and statistics',
    fi: 'Analysointi, markkinatutkimus ja tilastointi',
  },
  'legal-obligation': {
    en: 'Complying with legal obligations (e.g. the Accounting Act)',
    fi: 'Lakisääteisten velvoitteiden täyttäminen (esim. kirjanpitolaki)',
  },
} as const;
export type Purpose = keyof typeof PURPOSES;

/** Legal holds: records that must outlive an erasure request. */
export const LEGAL_HOLDS = {
  'accounting-voucher': {
    years: 6,
    law: 'Accounting Act (1336/1997) 2:10 — vouchers 6 years from the end of the financial year',
  },
  'accounting-book': {
    years: 10,
    law: 'Accounting Act (1336/1997) 2:10 — books 10 years from the end of the financial year',
  },
  'contract-claims': {
    years: 3,
    law: 'Act on the Limitation of Debts (728/2003) — claims 3 years from the end of the contract',
  },
} as const;
export type LegalHold = keyof typeof LEGAL_HOLDS;

/** What erasure does to a field. */
export type ErasureStrategy =
  | { strategy: 'delete' }
  | { strategy: 'anonymise'; replacement: string | null }
  | { strategy: 'hold'; hold: LegalHold }
  | { strategy: 'none'; reason: string };

/** How long a field is kept once the customer relationship has ended. */
export type Retention =
  | { after: 'relationship-end'; months: number }
  | { after: 'record-created'; months: number }
  | { after: 'legal-hold'; hold: LegalHold };

/** Channels of direct marketing (section 3 of the registry description, promise 6). */
export const MARKETING_CHANNELS = ['EMAIL', 'SMS', 'PHONE', 'POST'] as const;
export type MarketingChannelName = (typeof MARKETING_CHANNELS)[number];

/**
 * Named conditions on a record under which a role's read applies: row permissions kept as data
 * (like Hasura's row filters). The API implements each name twice — as a check of one record
 * (field rules, per parent) and as a filter of a list (rows a limited caller never receives) — and
 * a name without an implementation denies.
 *   - `marketing-permitted`: the data subject's current direct-marketing state permits at least
 *     one channel;
 *   - `marketing-permitted:<CHANNEL>`: it permits that channel.
 */
export type RowCondition = 'marketing-permitted' | `marketing-permitted:${MarketingChannelName}`;
export const ROW_CONDITIONS = [
  'marketing-permitted',
  'marketing-permitted:EMAIL',
  'marketing-permitted:SMS',
  'marketing-permitted:PHONE',
  'marketing-permitted:POST',
] as const satisfies readonly RowCondition[];

export interface AccessList {
  readonly roles: readonly StaffRole[];
  readonly scopes?: readonly PartnerScope[];
  /**
   * Roles of `roles` that read the field only on records where one of the named conditions holds.
   * A principal that also holds a role of `roles` without a condition reads it on every record.
   */
  readonly when?: Readonly<Partial<Record<StaffRole, RowCondition | readonly RowCondition[]>>>;
}

export interface WriteAccessList {
  /** Roles that may set the field on create and change it later. */
  readonly roles: readonly StaffRole[];
  /** Roles that may only set it when the record is created ("write on entry"). */
  readonly onCreate?: readonly StaffRole[];
  readonly scopes?: readonly PartnerScope[];
}

export interface Text {
  readonly en: string;
  readonly fi: string;
}

export interface FieldClassification {
  readonly label: Text;
  readonly category: DataCategory;
  /** Personal data: reading it is audited, logs redact it. */
  readonly personal: boolean;
  readonly purposes: readonly Purpose[];
  readonly read: AccessList;
  readonly write: WriteAccessList;
  readonly erasure: ErasureStrategy;
  readonly retention: Retention;
  /** Database columns behind the field when they differ from its name (they follow its rules). */
  readonly storage?: readonly string[];
  readonly note?: string;
  /**
   * The data subject gave this data (GDPR Art. 20): it belongs to the portability export. Fields
   * whose value the controller derived or recorded itself leave it out.
   */
  readonly providedBySubject?: boolean;
}

export interface TypeClassification {
  readonly label: Text;
  /** Whose data a record of this type is: the data subject is found through this field. */
  readonly subject: string;
  readonly fields: Readonly<Record<string, FieldClassification>>;
  /**
   * The mutations that write records of this type when they are not `create<Type>` /
   * `update<Type>` (e.g. an append-only ledger written by one command). Their arguments are named
   * after the fields they write, and the field rules above apply to them.
   */
  readonly mutations?: { readonly create?: string; readonly update?: string };
}

/**
 * Makes every read of `role` on the type conditional: on the fields named in `fields` under their
 * own condition, on every other field the role reads under `otherwise`. A field added later is
 * therefore conditional too, never silently open.
 */
export function conditionalReads(
  type: TypeClassification,
  rule: {
    readonly role: StaffRole;
    readonly otherwise: RowCondition;
    readonly fields: Readonly<Record<string, RowCondition | readonly RowCondition[]>>;
  },
): TypeClassification {
  for (const name of Object.keys(rule.fields)) {
    if (!type.fields[name]?.read.roles.includes(rule.role)) {
      throw new Error(`conditionalReads: ${type.label.en}.${name} is not a field that ${rule.role} reads`);
    }
  }
  const fields = Object.fromEntries(
    Object.entries(type.fields).map(([name, field]) => {
      if (!field.read.roles.includes(rule.role)) return [name, field];
      const when = { ...field.read.when, [rule.role]: rule.fields[name] ?? rule.otherwise };
      return [name, { ...field, read: { ...field.read, when } }];
    }),
  );
  return { ...type, fields };
}

export type DataMap = Readonly<Record<string, TypeClassification>>;

import type {
  BillingMethod,
  ContactChannel,
  ContractStatus,
  CustomerEventKind,
  CustomerKind,
  CustomerSegment,
  AgeBand,
  CustomerStatus,
  DataSource,
  DisclosureLegalBasis,
  DataSubjectRequestChannel,
  DataSubjectRequestStatus,
  DataSubjectRequestType,
  DisclosureSubjectKind,
  FinnishRegion,
  StatisticsDimension,
  StatisticsService,
  FeedbackKind,
  InvoiceStatus,
  MarketingChannel,
  MarketingDecision,
  MarketingSource,
  OrderStatus,
  QuotationStatus,
  ServiceKind,
  SimCardStatus,
} from '@register/schema';

/**
 * The values of every enum of the API, in a sensible order for a select. react-admin translates
 * `register.enums.<EnumName>.<VALUE>` (i18n/en.ts, fi.ts); the values themselves are the API's.
 */
export const ENUMS = {
  CustomerKind: ['PRIVATE', 'BUSINESS'] satisfies CustomerKind[],
  CustomerStatus: ['ACTIVE', 'PROSPECT', 'TERMINATED', 'ERASED'] satisfies CustomerStatus[],
  DataSource: ['DATA_SUBJECT', 'SERVICE_DELIVERY', 'PARTNER'] satisfies DataSource[],
  MarketingChannel: ['EMAIL', 'SMS', 'PHONE', 'POST'] satisfies MarketingChannel[],
  MarketingDecision: ['PERMIT', 'PROHIBIT'] satisfies MarketingDecision[],
  MarketingSource: ['CUSTOMER_FORM', 'PHONE_CALL', 'EMAIL', 'IN_PERSON', 'OBJECTION_REQUEST', 'PARTNER'] satisfies MarketingSource[],
  BillingMethod: ['E_INVOICE', 'EMAIL', 'PAPER', 'DIRECT_PAYMENT'] satisfies BillingMethod[],
  InvoiceStatus: ['OPEN', 'REMINDER_SENT', 'IN_COLLECTION', 'PAID', 'CREDITED'] satisfies InvoiceStatus[],
  FeedbackKind: ['SURVEY_ANSWER', 'FREE_FEEDBACK', 'COMPLAINT'] satisfies FeedbackKind[],
  ServiceKind: ['MOBILE', 'BROADBAND', 'FIXED_LINE', 'TV', 'SECURITY', 'OTHER'] satisfies ServiceKind[],
  ContractStatus: ['DRAFT', 'ACTIVE', 'ENDED', 'CANCELLED'] satisfies ContractStatus[],
  SimCardStatus: ['ORDERED', 'ACTIVE', 'SUSPENDED', 'CLOSED'] satisfies SimCardStatus[],
  CustomerEventKind: [
    'CONTACT',
    'CONTRACT_CREATED',
    'CONTRACT_CHANGED',
    'CONTRACT_STATUS_CHANGED',
    'SERVICE_ADDED',
    'SERVICE_CHANGED',
    'SERVICE_REMOVED',
    'SIM_ADDED',
    'SIM_STATUS_CHANGED',
    'QUOTATION',
    'ORDER',
  ] satisfies CustomerEventKind[],
  ContactChannel: ['PHONE', 'EMAIL', 'VISIT', 'CHAT'] satisfies ContactChannel[],
  CustomerSegment: ['NEW', 'STANDARD', 'VALUED', 'KEY'] satisfies CustomerSegment[],
  OrderStatus: ['NEW', 'CONFIRMED', 'IN_DELIVERY', 'DELIVERED', 'CANCELLED'] satisfies OrderStatus[],
  QuotationStatus: ['DRAFT', 'SENT', 'ACCEPTED', 'CONVERTED', 'REJECTED', 'EXPIRED'] satisfies QuotationStatus[],
  DisclosureSubjectKind: ['CUSTOMER', 'CONTACT_PERSON'] satisfies DisclosureSubjectKind[],
  DisclosureLegalBasis: ['POLICE', 'TAX', 'COURT_ORDER', 'TRAFICOM', 'ENFORCEMENT', 'OTHER'] satisfies DisclosureLegalBasis[],
  DataSubjectRequestType: ['ACCESS', 'RECTIFICATION', 'ERASURE', 'RESTRICTION', 'OBJECTION', 'PORTABILITY'] satisfies DataSubjectRequestType[],
  DataSubjectRequestStatus: ['RECEIVED', 'IDENTITY_VERIFIED', 'IN_PROGRESS', 'EXTENDED', 'COMPLETED', 'REFUSED'] satisfies DataSubjectRequestStatus[],
  DataSubjectRequestChannel: ['LETTER', 'EMAIL', 'IN_PERSON'] satisfies DataSubjectRequestChannel[],
  StatisticsDimension: ['SEGMENT', 'SERVICE', 'REGION', 'AGE_BAND', 'KIND'] satisfies StatisticsDimension[],
  StatisticsService: ['MOBILE', 'BROADBAND', 'FIXED_LINE', 'TV', 'SECURITY', 'OTHER', 'NO_ACTIVE_SERVICE'] satisfies StatisticsService[],
  AgeBand: ['UNDER_18', 'AGE_18_29', 'AGE_30_44', 'AGE_45_64', 'AGE_65_PLUS', 'UNKNOWN'] satisfies AgeBand[],
  FinnishRegion: [
    'UUSIMAA', 'VARSINAIS_SUOMI', 'SATAKUNTA', 'KANTA_HAME', 'PIRKANMAA', 'PAIJAT_HAME', 'KYMENLAAKSO', 'ETELA_KARJALA',
    'ETELA_SAVO', 'POHJOIS_SAVO', 'POHJOIS_KARJALA', 'KESKI_SUOMI', 'ETELA_POHJANMAA', 'POHJANMAA', 'KESKI_POHJANMAA',
    'POHJOIS_POHJANMAA', 'KAINUU', 'LAPPI', 'AHVENANMAA', 'UNKNOWN',
  ] satisfies FinnishRegion[],
} as const;

export type EnumName = keyof typeof ENUMS;

export interface Choice {
  id: string;
  name: string;
}

/** Choices of a select or a SelectField for an enum (optionally only some of its values). */
export function choicesOf(enumName: EnumName, only?: readonly string[]): Choice[] {
  return (ENUMS[enumName] as readonly string[])
    .filter((value) => !only || only.includes(value))
    .map((id) => ({ id, name: `register.enums.${enumName}.${id}` }));
}

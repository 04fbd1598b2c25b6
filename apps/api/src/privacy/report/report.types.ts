import type { DataCategory, ErasureStrategy, PartnerScope, Retention, StaffRole, Text } from '@register/schema';

/** A JSON value of the report (dates as ISO strings, references as ids). */
export type ReportValue = string | number | boolean | null | ReportValue[] | { [key: string]: ReportValue };

export interface ReportField {
  name: string;
  label: Text;
  category: DataCategory;
  categoryLabel: Text;
  personal: boolean;
  purposes: { key: string; label: Text }[];
  /** Who may read the field: staff roles inside the controller, partner scopes (processors) outside. */
  recipients: { roles: StaffRole[]; partnerScopes: PartnerScope[] };
  retention: Retention;
  retentionText: Text;
  erasure: ErasureStrategy;
  providedBySubject: boolean;
}

export interface ReportRecord {
  id: string | null;
  values: Record<string, ReportValue>;
  /** Where this record came from and when (section 5 of the registry description). */
  provenance: { sourceType: string | null; sourcePartner: string | null; collectedAt: string | null };
}

export interface ReportSection {
  type: string;
  label: Text;
  /** The field through which the record names the person. */
  subjectField: string;
  /** A view of another type's fields with no records of its own (e.g. the marketing export). */
  viewOf: string | null;
  fields: ReportField[];
  records: ReportRecord[];
}

export interface ReportAccessEntry {
  seq: string;
  at: string;
  actorType: string;
  actorId: string | null;
  /** The staff member's name or the partner of the API key, where the register still holds it. */
  actorName: string | null;
  operation: string;
  action: string;
  recordType: string | null;
  fields: string[];
  outcome: string | null;
}

export interface ReportRectification {
  requestId: string;
  at: string;
  actorName: string | null;
  fields: string[];
}

export interface ReportRestriction {
  reason: string;
  since: string;
  liftedAt: string | null;
  requestId: string | null;
}

export interface AccessReport {
  generatedAt: string;
  controller: string;
  subject: { type: 'Customer' | 'ContactPerson'; id: string; name: string | null };
  requestId: string | null;
  sections: ReportSection[];
  accessLog: ReportAccessEntry[];
  rectifications: ReportRectification[];
  restrictions: ReportRestriction[];
}

export interface PortabilityExport {
  format: string;
  generatedAt: string;
  subject: { type: 'Customer' | 'ContactPerson'; id: string };
  requestId: string;
  /** Per type, the records with only the fields the person provided. */
  data: Record<string, Record<string, ReportValue>[]>;
}

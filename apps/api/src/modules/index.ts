/**
 * The domain modules of the API. A module brings its entities, its resolvers and the rules of its
 * operations; the rules of its fields come from the data map. Adding a domain = one line here.
 */
import type { EntityClass } from '@mikro-orm/core';
import { AuthResolver } from '../access/auth.resolver.js';
import { sessionRules } from '../access/operation-rules.js';
import type { RuleMap } from '../access/shield.js';
import { AuditEvent } from '../audit/audit-event.entity.js';
import { auditRules } from '../audit/audit.rules.js';
import { AuditResolver } from '../audit/audit.resolver.js';
import { BillingAccount } from './billing/billing-account.entity.js';
import { BillingAccountResolver, InvoiceResolver } from './billing/billing.resolver.js';
import { billingRules } from './billing/billing.rules.js';
import { Invoice } from './billing/invoice.entity.js';
import { EquipmentModel, ServiceProduct } from './catalogue/catalogue.entity.js';
import { EquipmentModelResolver, ServiceProductResolver } from './catalogue/catalogue.resolver.js';
import { catalogueRules } from './catalogue/catalogue.rules.js';
import { ContactPerson } from './contact-person/contact-person.entity.js';
import { ContactPersonResolver } from './contact-person/contact-person.resolver.js';
import { contactPersonRules } from './contact-person/contact-person.rules.js';
import { Customer } from './customer/customer.entity.js';
import { CustomerResolver } from './customer/customer.resolver.js';
import { customerRules } from './customer/customer.rules.js';
import { Order, OrderLine } from './order/order.entity.js';
import { OrderResolver } from './order/order.resolver.js';
import { orderRules } from './order/order.rules.js';
import { Quotation, QuotationLine } from './quotation/quotation.entity.js';
import { QuotationResolver } from './quotation/quotation.resolver.js';
import { quotationRules } from './quotation/quotation.rules.js';
import { CustomerFiguresResolver } from './compiled/compiled.resolver.js';
import { compiledRules } from './compiled/compiled.rules.js';
import { Contract, ContractLine, SimCard } from './contract/contract.entity.js';
import { ContractLineResolver, ContractResolver, SimCardResolver } from './contract/contract.resolver.js';
import { contractRules } from './contract/contract.rules.js';
import { CustomerEvent } from './history/history.entity.js';
import { CustomerEventResolver } from './history/history.resolver.js';
import { historyRules } from './history/history.rules.js';
import { Feedback } from './feedback/feedback.entity.js';
import { ImportRowError, ImportRun } from './import/import.entity.js';
import { ImportResolver, ImportRowErrorResolver } from './import/import.resolver.js';
import { importRules } from './import/import.rules.js';
import { FeedbackResolver } from './feedback/feedback.resolver.js';
import { feedbackRules } from './feedback/feedback.rules.js';
import { CustomerMarketingState, MarketingPermitEntry } from './marketing/marketing.entity.js';
import { CustomerMarketingResolver, MarketingAudienceResolver, MarketingPermitEntryResolver } from './marketing/marketing.resolver.js';
import { marketingRules } from './marketing/marketing.rules.js';
import { ApiKey } from './staff/api-key.entity.js';
import { StaffSession } from './staff/staff-session.entity.js';
import { StaffUser } from './staff/staff-user.entity.js';
import { StaffResolver } from './staff/staff.resolver.js';
import { staffRules } from './staff/staff.rules.js';
import { accessReportModule, dataSubjectRequestsModule, restrictionModule } from '../privacy/index.js';
import { Disclosure } from '../privacy/disclosures/disclosure.entity.js';
import { DisclosureResolver } from '../privacy/disclosures/disclosure.resolver.js';
import { disclosureRules } from '../privacy/disclosures/disclosure.rules.js';
import { DescriptionResolver } from '../privacy/description/description.resolver.js';
import { descriptionRules } from '../privacy/description/description.rules.js';
import { StatisticsResolver } from './statistics/statistics.resolver.js';
import { statisticsRules } from './statistics/statistics.rules.js';
import { ErasureResolver } from '../privacy/erasure/erasure.resolver.js';
import { erasureRules } from '../privacy/erasure/erasure.rules.js';
import { RetentionRun } from '../privacy/retention/retention-run.entity.js';
import { RetentionResolver } from '../privacy/retention/retention.resolver.js';
import { retentionRules } from '../privacy/retention/retention.rules.js';

export interface DomainModule {
  name: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- entity classes of any shape
  entities: EntityClass<any>[];
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- TypeGraphQL resolver classes
  resolvers: Function[];
  rules: RuleMap;
}

export const domainModules: DomainModule[] = [
  { name: 'session', entities: [], resolvers: [AuthResolver], rules: sessionRules },
  { name: 'audit', entities: [AuditEvent], resolvers: [AuditResolver], rules: auditRules },
  { name: 'staff', entities: [StaffUser, StaffSession, ApiKey], resolvers: [StaffResolver], rules: staffRules },
  { name: 'customer', entities: [Customer], resolvers: [CustomerResolver], rules: customerRules },
  { name: 'contract', entities: [Contract, ContractLine, SimCard], resolvers: [ContractResolver, ContractLineResolver, SimCardResolver], rules: contractRules },
  { name: 'history', entities: [CustomerEvent], resolvers: [CustomerEventResolver], rules: historyRules },
  { name: 'compiled', entities: [], resolvers: [CustomerFiguresResolver], rules: compiledRules },
  { name: 'marketing', entities: [MarketingPermitEntry, CustomerMarketingState], resolvers: [MarketingPermitEntryResolver, CustomerMarketingResolver, MarketingAudienceResolver], rules: marketingRules },
  { name: 'contact-person', entities: [ContactPerson], resolvers: [ContactPersonResolver], rules: contactPersonRules },
  { name: 'billing', entities: [BillingAccount, Invoice], resolvers: [BillingAccountResolver, InvoiceResolver], rules: billingRules },
  { name: 'feedback', entities: [Feedback], resolvers: [FeedbackResolver], rules: feedbackRules },
  { name: 'catalogue', entities: [ServiceProduct, EquipmentModel], resolvers: [ServiceProductResolver, EquipmentModelResolver], rules: catalogueRules },
  { name: 'order', entities: [Order, OrderLine], resolvers: [OrderResolver], rules: orderRules },
  { name: 'quotation', entities: [Quotation, QuotationLine], resolvers: [QuotationResolver], rules: quotationRules },
  { name: 'disclosures', entities: [Disclosure], resolvers: [DisclosureResolver], rules: disclosureRules },
  { name: 'statistics', entities: [], resolvers: [StatisticsResolver], rules: statisticsRules },
  { name: 'description', entities: [], resolvers: [DescriptionResolver], rules: descriptionRules },
  { name: 'import', entities: [ImportRun, ImportRowError], resolvers: [ImportResolver, ImportRowErrorResolver], rules: importRules },
  dataSubjectRequestsModule,
  restrictionModule,
  accessReportModule,
  { name: 'erasure', entities: [RetentionRun], resolvers: [ErasureResolver, RetentionResolver], rules: { ...erasureRules, ...retentionRules, Query: { ...erasureRules.Query, ...retentionRules.Query } } },
];

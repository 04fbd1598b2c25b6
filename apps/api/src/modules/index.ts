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
import { EquipmentModel, ServiceProduct } from './catalogue/catalogue.entity.js';
import { EquipmentModelResolver, ServiceProductResolver } from './catalogue/catalogue.resolver.js';
import { catalogueRules } from './catalogue/catalogue.rules.js';
import { Customer } from './customer/customer.entity.js';
import { CustomerResolver } from './customer/customer.resolver.js';
import { customerRules } from './customer/customer.rules.js';
import { ApiKey } from './staff/api-key.entity.js';
import { StaffSession } from './staff/staff-session.entity.js';
import { StaffUser } from './staff/staff-user.entity.js';
import { StaffResolver } from './staff/staff.resolver.js';
import { staffRules } from './staff/staff.rules.js';

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
  { name: 'catalogue', entities: [ServiceProduct, EquipmentModel], resolvers: [ServiceProductResolver, EquipmentModelResolver], rules: catalogueRules },
];

/**
 * The data-subject-rights modules of privacy/ (requests, access report and portability,
 * restriction). modules/index.ts registers each with one line.
 */
import type { DomainModule } from '../modules/index.js';
import { accessReportRules } from './report/report.rules.js';
import { AccessReportResolver } from './report/report.resolver.js';
import { DataSubjectRequest } from './requests/request.entity.js';
import { DataSubjectRequestResolver } from './requests/request.resolver.js';
import { dataSubjectRequestRules } from './requests/request.rules.js';
import { ProcessingRestriction } from './restriction/restriction.entity.js';
import { ProcessingRestrictionResolver } from './restriction/restriction.resolver.js';
import { restrictionRules } from './restriction/restriction.rules.js';

export const dataSubjectRequestsModule: DomainModule = {
  name: 'data-subject-requests',
  entities: [DataSubjectRequest],
  resolvers: [DataSubjectRequestResolver],
  rules: dataSubjectRequestRules,
};

export const restrictionModule: DomainModule = {
  name: 'restriction',
  entities: [ProcessingRestriction],
  resolvers: [ProcessingRestrictionResolver],
  rules: restrictionRules,
};

export const accessReportModule: DomainModule = {
  name: 'access-report',
  entities: [],
  resolvers: [AccessReportResolver],
  rules: accessReportRules,
};

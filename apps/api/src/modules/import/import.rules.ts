import { hasRole } from '../../access/rules.js';
import type { RuleMap } from '../../access/shield.js';

/**
 * Customer service and the registry liaison officer bring customers in from partner registers
 * (which columns each may fill is checked against the data map when the file is read). An import
 * run holds counts and row numbers, never a value of the file, so its fields share the rule.
 */
const importers = hasRole('service', 'dpo');

export const importRules: RuleMap = {
  Query: {
    ImportRun: importers,
    allImportRuns: importers,
    _allImportRunsMeta: importers,
    allImportRowErrors: importers,
    _allImportRowErrorsMeta: importers,
  },
  Mutation: { importPartnerCustomers: importers },
  ImportRun: {
    id: importers, partnerRegister: importers, fileName: importers, dryRun: importers, status: importers,
    totalRows: importers, processedRows: importers, validRows: importers, invalidRows: importers,
    importedRows: importers, duplicateRows: importers, progress: importers, startedBy: importers,
    startedAt: importers, finishedAt: importers, failure: importers,
  },
  ImportRowError: { id: importers, runId: importers, rowNumber: importers, column: importers, kind: importers, message: importers },
};

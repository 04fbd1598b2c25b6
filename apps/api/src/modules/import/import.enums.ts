import { registerEnumType } from 'type-graphql';

export enum ImportStatus {
  /** A dry run: rows are being validated, nothing is written. */
  VALIDATING = 'VALIDATING',
  /** Rows are being validated and the valid ones written, one batch (one transaction) at a time. */
  IMPORTING = 'IMPORTING',
  COMPLETED = 'COMPLETED',
  /** Stopped by an unexpected error; batches committed before it stay, the failed one left nothing. */
  FAILED = 'FAILED',
}

export enum ImportProblemKind {
  /** The row failed validation and was not written. */
  INVALID = 'INVALID',
  /** The customer is already in the register (or earlier in the file) and the row was skipped. */
  DUPLICATE = 'DUPLICATE',
}

registerEnumType(ImportStatus, { name: 'ImportStatus', description: 'State of a partner-register import' });
registerEnumType(ImportProblemKind, {
  name: 'ImportProblemKind',
  description: 'Why a row of an import was not written',
});

export * from './data-map/index.js';
/** Types of the whole schema (generated). */
export type * as SchemaTypes from './generated/types.js';
/** Typed documents and result types of the operations in src/operations (generated). */
export * from './generated/operations.js';
// The data map's role and scope lists are the source; the generated unions are the same strings.
export type { PartnerScope, StaffRole } from './data-map/index.js';

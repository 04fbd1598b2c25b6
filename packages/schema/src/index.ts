export * from './data-map/index.js';
/** Types of the whole schema (generated). */
export type * as SchemaTypes from './generated/types.js';
/** Result and variables types of the operations in src/operations (generated). */
export * from './generated/operations.js';
/** Their typed documents (generated), one module per file of src/operations. */
export * from './generated/documents/index.js';
// The data map's role and scope lists are the source; the generated unions are the same strings.
export type { PartnerScope, StaffRole } from './data-map/index.js';

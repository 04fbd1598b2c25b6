export * from './data-map/index.js';
/** Types of the whole schema (generated). */
export type * as SchemaTypes from './generated/types.js';
/** Typed documents and result types of the operations in src/operations (generated). */
export * from './generated/operations.js';

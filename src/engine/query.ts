/**
 * The engine's Query: the union of every registered question kind's schema (see kinds/registry.ts),
 * and the references they share. Import from here; a kind module imports its pieces from refs.ts.
 */
export * from './refs.ts';
export { Query, type QueryKind } from './kinds/registry.ts';

import { Foundation1764100000000 } from './1764100000000-foundation';

/** Migrations in order. Listed explicitly so the build, the CLI and the tests run the same set. */
export const MIGRATIONS = [Foundation1764100000000];

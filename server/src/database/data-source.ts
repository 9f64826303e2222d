import { DataSource } from 'typeorm';
import { dataSourceOptions } from './data-source-options';

/** For the TypeORM CLI (`npm run migration:generate`): needs DATABASE_URL. */
const url = process.env.DATABASE_URL;
if (!url) {
  console.error('DATABASE_URL is required for the TypeORM CLI (e.g. postgres://root@127.0.0.1:5432/ikou)');
  process.exit(1);
}
export default new DataSource(dataSourceOptions(url));

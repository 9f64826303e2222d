import type { AppConfig } from '../config/config';

/** The configuration plus the addresses of the services actually in use (possibly embedded ones). */
export interface Runtime {
  config: AppConfig;
  databaseUrl: string;
  redisUrl: string;
  role: 'api' | 'worker' | 'api+worker';
}

export const RUNTIME = Symbol('RUNTIME');

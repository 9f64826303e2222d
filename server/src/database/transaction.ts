import type { DataSource, EntityManager } from 'typeorm';

/**
 * The one way features run a change that spans tables (the change, its audit event, its outbox
 * message): all in one transaction, or none. `afterCommit` callbacks run only once it committed
 * (e.g. enqueue the outbox message's send job), never for a rolled-back change.
 */
export interface Tx {
  manager: EntityManager;
  afterCommit(callback: () => Promise<unknown> | unknown): void;
}

export async function inTransaction<T>(db: DataSource, work: (tx: Tx) => Promise<T>): Promise<T> {
  const callbacks: Array<() => Promise<unknown> | unknown> = [];
  const result = await db.transaction((manager) => work({ manager, afterCommit: (callback) => callbacks.push(callback) }));
  for (const callback of callbacks) {
    // The change is committed; a failed follow-up (Redis down) is recovered by a reconciler, not by failing the caller.
    await Promise.resolve()
      .then(callback)
      .catch(() => undefined);
  }
  return result;
}

/**
 * For answers whose timing must not tell which branch was taken (an existing account or an unknown one):
 * call at the start, await the result before answering. The branches' own times differ by a few ms (an
 * audit event, a counter, a link issued); the answer comes no sooner than `ms` after the start either way.
 * Real time, not the test clock: it is about what a caller can measure.
 */
export function answerFloor(ms: number): () => Promise<void> {
  const until = Date.now() + ms;
  return () => new Promise((resolve) => setTimeout(resolve, Math.max(0, until - Date.now())));
}

/**
 * A wrong password, customers' and staff's: for an existing account the failure is also recorded (an
 * audit event, a counter), 7–11 ms an unknown email does not spend (test/api/abuse-existence.e2e-spec.ts).
 * Above the hash's usual time (argon2id, 20–100 ms on a busy machine).
 */
export const WRONG_PASSWORD_FLOOR_MS = 250;

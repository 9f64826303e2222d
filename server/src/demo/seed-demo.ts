// STUB: to be replaced by the demo seed implementation.
export async function seedDemoIfFirstStart(databaseUrl: string, log: (line: string) => void): Promise<string | undefined> {
  void databaseUrl;
  void log;
  return undefined;
}

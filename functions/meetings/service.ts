/** Meetings domain (to be written). */
export async function runScheduledWork(_now: Date = new Date()): Promise<Record<string, number>> {
  return {};
}

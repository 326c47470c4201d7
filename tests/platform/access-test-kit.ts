// Test helper for the access flows: absolute clock moves, event capture through the EventHub, typed calls.
import type { z } from "zod";
import type { PlatformEvent } from "../../contract/platform-api.js";
import type { Answer, Fixture } from "./platform-fixture.js";

/** Sets the fixture's clock to an absolute instant (it keeps running from there). */
export function setClock(f: Fixture, isoInstant: string): number {
  const at = Date.parse(isoInstant);
  f.clock.offsetMs = at - Date.now();
  return at;
}

/** Everything the EventHub sends to a department's subscriber from now on. */
export async function captureEvents(f: Fixture, departmentId: string): Promise<{ events: PlatformEvent[]; stop: () => void }> {
  const events: PlatformEvent[] = [];
  const stop = await f.platform.services.events.subscribe(departmentId, null, (e) => events.push(e.event));
  return { events, stop };
}

/** The `data` of a 200 answer, parsed; anything else fails with the answer's error. */
export function ok<S extends z.ZodType>(schema: S, res: Answer): z.infer<S> {
  if (res.status !== 200) throw new Error(`expected 200, got ${res.status}: ${JSON.stringify(res.body.error)}`);
  return schema.parse(res.body.data);
}

/** Two years: tests move the clock by months and keep their tokens. */
export const LONG_ACCESS_TTL_MS = 2 * 365 * 24 * 3600_000;

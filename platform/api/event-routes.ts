// Runs in the platform API. GET /events: server-sent events, resumed after Last-Event-ID, with heartbeats so
// proxies keep the connection and the client notices a dead one.
import type { PlatformServices } from "./platform-services.js";
import type { RouteHandlers } from "./route-binding.js";
import type { StoredEvent } from "../events/event-hub.js";

export function eventHandlers(s: PlatformServices): Pick<RouteHandlers, "events"> {
  return {
    events: async ({ auth, query, request, reply }) => {
      const header = request.headers["last-event-id"];
      const raw = (Array.isArray(header) ? header[0] : header) ?? query.lastEventId;
      const lastEventId = raw !== undefined && /^\d{1,15}$/.test(raw) ? Number(raw) : null;
      reply.hijack();
      const res = reply.raw;
      res.writeHead(200, {
        "Content-Type": "text/event-stream; charset=utf-8",
        "Cache-Control": "no-store",
        Connection: "keep-alive",
        "X-Accel-Buffering": "no",
      });
      res.write("retry: 3000\n\n");
      const send = (e: StoredEvent): void => {
        if (!res.writableEnded) res.write(`id: ${e.seq}\nevent: ${e.event.type}\ndata: ${JSON.stringify(e.event)}\n\n`);
      };
      const unsubscribe = await s.events.subscribe(auth.departmentId, lastEventId, send);
      const heartbeat = setInterval(() => res.write(": ping\n\n"), s.config.sseHeartbeatMs);
      const end = (): void => {
        clearInterval(heartbeat);
        unsubscribe();
      };
      res.on("close", end);
      if (res.destroyed) end();
    },
  };
}

// Child-process entry (bundled to .tmp/bench-build/nms-server.mjs): one node-media-server 4.x instance in its own
// process so its CPU and RSS can be measured alone. Args: --rtmp-port, --http-port, --data <dir>,
// --pull <streamPath>=<rtmp url> (repeatable: RTMP pull relay tasks, the way NMS relays another server).
import { parseArgs } from "node:util";
import NodeMediaServer from "node-media-server";
// Internal module: only to quiet NMS debug logging (the constructor sets level "debug").
import nmsLogger from "node-media-server/src/core/logger.js";

const { values } = parseArgs({
  options: {
    "rtmp-port": { type: "string" },
    "http-port": { type: "string" },
    data: { type: "string" },
    pull: { type: "string", multiple: true, default: [] },
  },
});

const nms = new NodeMediaServer(
  {
    bind: "127.0.0.1",
    rtmp: { port: Number(values["rtmp-port"]) },
    http: { port: Number(values["http-port"]) },
    // No auth.jwt: NMS then serves no API and needs no secrets; relay tasks are added in-process below.
    auth: { play: false, publish: false },
    webadmin: { enable: false },
    store: { path: values.data ?? ".tmp/nms-data" },
  },
  "",
);
(nmsLogger as { level: string }).level = "error";
await nms.run();
for (const arg of values.pull) {
  const eq = arg.indexOf("=");
  nms.relayServer.addTask({ url: arg.slice(eq + 1), streamPath: arg.slice(0, eq), mode: "pull", reconnectInterval: 1000 });
}
process.stdout.write(`nms: ready ${process.pid}\n`);
const stop = (): void => {
  void nms.stop().finally(() => process.exit(0));
  setTimeout(() => process.exit(0), 1500).unref();
};
process.on("SIGTERM", stop);
process.on("SIGINT", stop);

// The slice of node-media-server 4.4 the benchmarks use (the package ships no types).
declare module "node-media-server" {
  export interface NmsRelayTask {
    url: string;
    streamPath: string;
    mode?: "pull" | "push";
    reconnect?: boolean;
    reconnectInterval?: number;
  }
  export default class NodeMediaServer {
    constructor(config: Record<string, unknown>, configPath?: string);
    relayServer: { addTask(task: NmsRelayTask): unknown };
    run(): Promise<void>;
    stop(): Promise<void>;
  }
}
declare module "node-media-server/src/core/logger.js" {
  const logger: { level: string };
  export default logger;
}

// Test shim, preloaded into a Node fork (NODE_OPTIONS=--import): the child sees what an Electron utilityProcess
// child sees, a process.parentPort and no process.send, so tests can prove a child needs nothing else from its
// parent. Messages posted on the port reach the parent as a utilityProcess's do (the data itself).
import { EventEmitter } from "node:events";

if (typeof process.send === "function") {
  const send = process.send.bind(process);
  const port = new EventEmitter();
  port.postMessage = (message) => void send(message);
  process.on("message", (data) => port.emit("message", { data, ports: [] }));
  process.on("disconnect", () => port.emit("close"));
  process.parentPort = port;
  process.send = undefined;
}

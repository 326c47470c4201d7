// Runs in bench orchestrators. Every child process a benchmark starts (ffmpeg, servers, viewer fleets) is registered
// here so it is stopped on success, on failure and on Ctrl-C: a leftover encoder would skew the next run's CPU figures.
import { spawn, type ChildProcess, type SpawnOptions } from "node:child_process";
import { createInterface } from "node:readline";

const live = new Set<ChildProcess>();

export interface Child {
  name: string;
  process: ChildProcess;
  pid: number;
  /** Last lines of stderr/stdout, for error messages. */
  tail(): string;
  stop(): Promise<void>;
}

export function startChild(name: string, command: string, args: string[], options: SpawnOptions = {}): Child {
  const proc = spawn(command, args, { stdio: ["ignore", "pipe", "pipe"], ...options });
  if (proc.pid === undefined) throw new Error(`${name}: could not start ${command}`);
  live.add(proc);
  const lines: string[] = [];
  const keep = (line: string): void => {
    lines.push(line);
    if (lines.length > 40) lines.shift();
  };
  // Always drain the pipes: a full pipe would block the child and look like a slow server.
  if (proc.stdout) createInterface({ input: proc.stdout }).on("line", keep);
  if (proc.stderr) createInterface({ input: proc.stderr }).on("line", keep);
  proc.once("exit", () => live.delete(proc));
  return {
    name,
    process: proc,
    pid: proc.pid,
    tail: () => lines.join("\n"),
    stop: () => stopProcess(proc),
  };
}

export async function stopProcess(proc: ChildProcess, graceMs = 3000): Promise<void> {
  if (proc.exitCode !== null || proc.signalCode !== null) return;
  const exited = new Promise<void>((r) => proc.once("exit", () => r()));
  proc.kill("SIGTERM");
  const timer = setTimeout(() => proc.kill("SIGKILL"), graceMs);
  await exited;
  clearTimeout(timer);
}

export async function stopAll(): Promise<void> {
  await Promise.all([...live].map((p) => stopProcess(p)));
}

/** Resolves with the first match of `pattern` in the child's stdout or stderr. */
export function waitForLine(child: Child, pattern: RegExp, timeoutMs: number): Promise<RegExpExecArray> {
  return new Promise((resolve, reject) => {
    const streams = [child.process.stdout, child.process.stderr].filter((s) => s !== null);
    const readers = streams.map((s) => createInterface({ input: s }));
    const done = (): void => {
      clearTimeout(timer);
      for (const r of readers) r.close();
      child.process.off("exit", onExit);
    };
    const timer = setTimeout(() => {
      done();
      reject(new Error(`${child.name}: no line matching ${pattern} within ${timeoutMs} ms\n${child.tail()}`));
    }, timeoutMs);
    const onExit = (code: number | null): void => {
      done();
      reject(new Error(`${child.name} exited (${code}) before printing ${pattern}\n${child.tail()}`));
    };
    child.process.once("exit", onExit);
    for (const r of readers) {
      r.on("line", (line) => {
        const m = pattern.exec(line);
        if (m) {
          done();
          resolve(m);
        }
      });
    }
  });
}

let installed = false;
/** Stops every child on exit paths the orchestrator's own finally blocks cannot see (signals, crashes). */
export function installCleanup(): void {
  if (installed) return;
  installed = true;
  process.on("exit", () => {
    for (const p of live) p.kill("SIGKILL");
  });
  for (const sig of ["SIGINT", "SIGTERM"] as const) {
    process.on(sig, () => {
      void stopAll().finally(() => process.exit(130));
    });
  }
}

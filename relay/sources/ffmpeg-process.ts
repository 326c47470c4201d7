// Runs in the relay. One ffmpeg child: spawned without a shell, stderr kept (bounded) so a failure can
// say what ffmpeg said, killed for good on stop.
import { spawn, type ChildProcessByStdio } from "node:child_process";
import type { Readable, Writable } from "node:stream";

const STDERR_KEEP_BYTES = 4096;

export class FfmpegProcess {
  readonly child: ChildProcessByStdio<Writable, Readable, Readable>;
  private stderr = "";
  private killed = false;

  constructor(path: string, args: string[]) {
    this.child = spawn(path, args, { stdio: ["pipe", "pipe", "pipe"], windowsHide: true });
    this.child.stderr.setEncoding("utf8");
    this.child.stderr.on("data", (text: string) => {
      this.stderr = (this.stderr + text).slice(-STDERR_KEEP_BYTES);
    });
    // EPIPE when ffmpeg exits while we write: reported through "exit" instead.
    this.child.stdin.on("error", () => {});
  }

  /** Last non-empty lines of ffmpeg's stderr, for an error message. */
  lastWords(lines = 2): string {
    return this.stderr
      .split(/\r?\n/)
      .map((l) => l.trim())
      .filter(Boolean)
      .slice(-lines)
      .join(" | ");
  }

  get stderrText(): string {
    return this.stderr;
  }

  onExit(listener: (code: number | null, signal: NodeJS.Signals | null) => void): void {
    this.child.once("exit", listener);
  }

  kill(): void {
    if (this.killed) return;
    this.killed = true;
    this.child.stdin.destroy();
    this.child.stdout.destroy();
    this.child.kill("SIGKILL");
  }
}

/** Describes an exit for an error message: "ffmpeg exited with code 1: <its last words>". */
export function describeExit(proc: FfmpegProcess, code: number | null, signal: NodeJS.Signals | null): string {
  const how = signal ? `was killed by ${signal}` : `exited with code ${code ?? "?"}`;
  const said = proc.lastWords();
  return `ffmpeg ${how}${said ? `: ${said}` : ""}`;
}

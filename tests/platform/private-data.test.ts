// The platform's data folder holds password hashes, refresh-token hashes and the token and media keys: the folder
// is 0700, the database, its WAL and shared-memory files and the key file 0600, whatever the umask, and data left
// by an older build with wider modes is tightened on the next start. The reader connection refuses writes.
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PlatformStore, setMeta } from "../../platform/store/platform-store.js";
import { loadOrCreateSecretFile } from "../../platform/store/private-files.js";

const mode = (path: string): number => statSync(path).mode & 0o777;
const work = mkdtempSync(join(tmpdir(), "vigil-platform-private-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

// Modes are POSIX; on Windows the folder's ACL is what protects it.
describe.skipIf(process.platform === "win32")("platform data files", () => {
  let umask = 0;
  beforeAll(() => {
    // The most permissive umask: modes must not depend on the environment's.
    umask = process.umask(0);
  });
  afterAll(() => void process.umask(umask));

  it("creates the folder 0700 and the database, -wal and -shm 0600", async () => {
    const dir = join(work, "fresh", "platform");
    const store = await PlatformStore.open(dir);
    try {
      await store.write((db) => setMeta(db, "probe", "1"));
      expect(mode(dir)).toBe(0o700);
      for (const file of ["platform.sqlite", "platform.sqlite-wal", "platform.sqlite-shm"]) expect(mode(join(dir, file)), file).toBe(0o600);
    } finally {
      await store.close();
    }
  });

  it("tightens a folder and database an older build left world-readable", async () => {
    const dir = join(work, "old");
    const first = await PlatformStore.open(dir);
    await first.write((db) => setMeta(db, "kept", "yes"));
    await first.close();
    chmodSync(dir, 0o755);
    chmodSync(join(dir, "platform.sqlite"), 0o644);
    const store = await PlatformStore.open(dir);
    try {
      expect(mode(dir)).toBe(0o700);
      expect(mode(join(dir, "platform.sqlite"))).toBe(0o600);
      expect(await store.getMeta("kept")).toBe("yes");
    } finally {
      await store.close();
    }
  });

  it("keeps a key file private: a fresh key is 0600, an old 0644 one is kept and tightened, a malformed one replaced", () => {
    const dir = join(work, "keys");
    mkdirSync(dir);
    const file = join(dir, "media.key");
    const valid = (t: string) => /^[0-9a-f]{64}$/.test(t);
    const fresh = loadOrCreateSecretFile(file, valid, () => "a".repeat(64));
    expect(fresh).toBe("a".repeat(64));
    expect(mode(file)).toBe(0o600);

    chmodSync(file, 0o644);
    expect(loadOrCreateSecretFile(file, valid, () => "b".repeat(64))).toBe("a".repeat(64));
    expect(mode(file)).toBe(0o600);

    writeFileSync(file, "not a key", { mode: 0o644 });
    expect(loadOrCreateSecretFile(file, valid, () => "c".repeat(64))).toBe("c".repeat(64));
    expect(readFileSync(file, "utf8")).toBe("c".repeat(64));
    expect(mode(file)).toBe(0o600);
  });
});

describe("platform store connections", () => {
  it("the reader sees committed writes and refuses to write itself", async () => {
    const store = await PlatformStore.open(join(work, "reader"));
    try {
      await store.write((db) => setMeta(db, "k", "v"));
      expect(await store.getMeta("k")).toBe("v");
      // The reader is typed as a full connection; query_only makes a write through it fail, not land outside the writer.
      await expect(store.reader.get("INSERT INTO meta (key, value) VALUES ('x', 'y') RETURNING key")).rejects.toThrow(/readonly/i);
      expect(await store.getMeta("x")).toBeUndefined();
    } finally {
      await store.close();
    }
  });
});

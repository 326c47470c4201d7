import { describe, expect, it } from "vitest";
import { translator } from "../i18n/i18n.js";
import { formatStamp, showsWatermark, watermarkGrantId, watermarkLines } from "./watermark-text.js";

const CAM = "52030200001320001000";
const user = { username: "zhangwei", displayName: "张伟", department: "市应急指挥中心" };

describe("formatStamp", () => {
  it("writes YYYY-MM-DD HH:mm:ss in local time", () => {
    const ms = new Date(2025, 0, 2, 3, 4, 5, 678).getTime();
    expect(formatStamp(ms)).toBe("2025-01-02 03:04:05");
  });
});

describe("showsWatermark", () => {
  it("marks tiles that show video", () => {
    for (const s of ["playing", "stalled", "connecting"] as const) expect(showsWatermark(s, CAM)).toBe(true);
    for (const s of ["idle", "error", "locked", "expired"] as const) expect(showsWatermark(s, CAM)).toBe(false);
    expect(showsWatermark("playing", null)).toBe(false);
  });
});

describe("watermarkGrantId", () => {
  it("names grants and media grants from the ticket", () => {
    expect(watermarkGrantId({ basis: "GRANT", refId: "G-1" }, undefined)).toBe("G-1");
    expect(watermarkGrantId({ basis: "MEDIA_GRANT", refId: "M-2" }, undefined)).toBe("M-2");
    expect(watermarkGrantId({ basis: "APPLICATION", refId: "A-3" }, undefined)).toBeNull();
    expect(watermarkGrantId({ basis: "UNCONDITIONAL", refId: null }, { allowed: true, basis: "GRANT", refId: "G-9", validUntil: 1 })).toBeNull();
  });
  it("falls back to the camera's access until a ticket arrives", () => {
    expect(watermarkGrantId(null, { allowed: true, basis: "GRANT", refId: "G-9", validUntil: 1 })).toBe("G-9");
    expect(watermarkGrantId(null, { allowed: true, basis: "OWN_DEPARTMENT", refId: null, validUntil: null })).toBeNull();
    expect(watermarkGrantId(null, { allowed: false, reason: "NOT_SHARED" })).toBeNull();
    expect(watermarkGrantId(null, undefined)).toBeNull();
  });
});

describe("watermarkLines", () => {
  const now = new Date(2025, 5, 1, 12, 0, 9).getTime();
  it("says who, when, which camera and which grant", () => {
    const [who, what] = watermarkLines(translator("zh-CN"), { user, now, cameraId: CAM, grantId: "G-7" });
    expect(who).toBe("张伟（zhangwei）· 市应急指挥中心");
    expect(what).toBe(`2025-06-01 12:00:09 · ${CAM} · 授权 G-7`);
  });
  it("leaves the grant out when there is none", () => {
    const [, what] = watermarkLines(translator("en"), { user, now, cameraId: CAM, grantId: null });
    expect(what).toBe(`2025-06-01 12:00:09 · ${CAM}`);
  });
});

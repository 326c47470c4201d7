import { describe, expect, it } from "vitest";
import { ApiErrorCodeSchema, PlatformStatusSchema, RoleSchema } from "../../../contract/console-api.js";
import { LockReasonSchema } from "../../../contract/catalog-view.js";
import { SharingClassSchema, SourceDomainSchema } from "../../../contract/camera.js";
import { en } from "./en.js";
import { zhCN } from "./zh-CN.js";
import { errorMessageKey, formatMessage, translator } from "./i18n.js";

describe("message tables", () => {
  it("have the same keys", () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(zhCN).sort());
  });
  it("have no empty strings", () => {
    for (const table of [zhCN, en] as Record<string, string>[]) {
      for (const [key, value] of Object.entries(table)) expect(value.trim(), key).not.toBe("");
    }
  });
  it("use the same placeholders in both languages", () => {
    const names = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const key of Object.keys(zhCN) as (keyof typeof zhCN)[]) expect(names(en[key]), key).toEqual(names(zhCN[key]));
  });
  it("cover every API error code, domain and sharing class", () => {
    for (const code of ApiErrorCodeSchema.options) expect(zhCN).toHaveProperty(errorMessageKey(code));
    for (const d of SourceDomainSchema.options) expect(zhCN).toHaveProperty(`domain.${d}`);
    for (const s of SharingClassSchema.options) expect(zhCN).toHaveProperty(`sharing.${s}`);
  });
  it("cover every lock reason, role and platform state", () => {
    for (const r of LockReasonSchema.options) {
      expect(zhCN).toHaveProperty(`lock.short.${r}`);
      expect(zhCN).toHaveProperty(`lock.detail.${r}`);
    }
    for (const r of RoleSchema.options) expect(zhCN).toHaveProperty(`role.${r}`);
    for (const s of PlatformStatusSchema.shape.state.options) expect(zhCN).toHaveProperty([`platform.state.${s}`]);
    for (const d of SourceDomainSchema.options) expect(zhCN).toHaveProperty(`domain.short.${d}`);
  });
});

describe("formatMessage", () => {
  it("fills placeholders and keeps unknown ones", () => {
    expect(formatMessage("{a} of {b}", { a: 1 })).toBe("1 of {b}");
  });
  it("translates by locale", () => {
    expect(translator("zh-CN")("error.CAMERA_OFFLINE")).toBe("摄像机离线，请稍后重试或选择其他摄像机。");
    expect(translator("en")("header.layoutButton", { n: 4 })).toBe("4 tiles");
  });
});

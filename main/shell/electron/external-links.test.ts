// Runs in Vitest (Node). The external-link allowlist: nothing by default, https only, exact origins.
import { describe, expect, it } from "vitest";
import { isAllowedExternalUrl, parseExternalLinkOrigins } from "./external-links.js";

describe("parseExternalLinkOrigins", () => {
  it("is empty by default", () => {
    expect(parseExternalLinkOrigins(undefined)).toEqual([]);
    expect(parseExternalLinkOrigins("  ")).toEqual([]);
  });

  it("reads comma- or space-separated https origins", () => {
    expect(parseExternalLinkOrigins("https://docs.example.gov.cn, https://help.example.gov.cn:8443/ https://a.example")).toEqual([
      "https://docs.example.gov.cn",
      "https://help.example.gov.cn:8443",
      "https://a.example",
    ]);
  });

  it("refuses what is not an https origin, naming the entry", () => {
    expect(() => parseExternalLinkOrigins("http://docs.example.gov.cn")).toThrow(/only https origins.*http:\/\/docs\.example\.gov\.cn/);
    expect(() => parseExternalLinkOrigins("docs.example.gov.cn")).toThrow(/not a URL: docs\.example\.gov\.cn/);
    expect(() => parseExternalLinkOrigins("https://docs.example.gov.cn/manual")).toThrow(/origin only/);
    expect(() => parseExternalLinkOrigins("https://user:pw@docs.example.gov.cn")).toThrow(/origin only/);
    expect(() => parseExternalLinkOrigins("https://docs.example.gov.cn/?q=1")).toThrow(/origin only/);
  });
});

describe("isAllowedExternalUrl", () => {
  const allowed = ["https://docs.example.gov.cn"];

  it("admits https URLs of a listed origin", () => {
    expect(isAllowedExternalUrl("https://docs.example.gov.cn/manual/wall.html#tiles", allowed)).toBe(true);
    expect(isAllowedExternalUrl("https://DOCS.example.gov.cn:443/x", allowed)).toBe(true);
  });

  it("admits nothing with the default (empty) list", () => {
    expect(isAllowedExternalUrl("https://docs.example.gov.cn/", [])).toBe(false);
    expect(isAllowedExternalUrl("https://example.com/", [])).toBe(false);
  });

  it("refuses other origins, look-alikes, other schemes and credentials", () => {
    for (const url of [
      "https://evil.example/",
      "https://docs.example.gov.cn.evil.example/",
      "https://sub.docs.example.gov.cn/",
      "https://docs.example.gov.cn:8443/",
      "http://docs.example.gov.cn/",
      "file:///etc/passwd",
      "javascript:alert(1)",
      "smb://docs.example.gov.cn/share",
      "https://user@docs.example.gov.cn/",
      "not a url",
    ]) {
      expect(isAllowedExternalUrl(url, allowed), url).toBe(false);
    }
  });
});

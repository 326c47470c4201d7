import { describe, expect, it } from "vitest";
import type { CameraView, CatalogTree } from "../../../contract/catalog-view.js";
import {
  LEAF_PAGE_SIZE,
  branchContext,
  flattenCatalog,
  leafKey,
  leafOpenKey,
  openLeaves,
  pagesToLoad,
  parseLeafKey,
  regionOpenKey,
  searchRows,
  toggleOpen,
  type LeafData,
  type LeafKey,
} from "./catalog-rows.js";

function cam(n: number, over: Partial<CameraView> = {}): CameraView {
  return {
    id: `5203020000132${String(n).padStart(7, "0")}`,
    name: `camera ${n}`,
    civilCode: "520302",
    regionName: "红花岗区",
    domain: "xueliang",
    regionCodes: ["52", "5203", "520302"],
    ownerDepartmentId: "dept-police",
    ownerDepartment: "市公安局",
    sharingClass: "UNCONDITIONAL",
    online: true,
    ptzType: 1,
    longitude: 106.9,
    latitude: 27.7,
    address: "遵义市红花岗区",
    mediaUse: false,
    privacyMasks: [],
    favorite: false,
    access: { allowed: true, basis: "UNCONDITIONAL", validUntil: null, refId: null },
    programOutput: false,
    ...over,
  };
}

const tree: CatalogTree = {
  revision: 3,
  root: { code: "520300", name: "遵义市", total: 1203, online: 1100 },
  regions: [
    {
      code: "520302",
      name: "红花岗区",
      total: 1201,
      online: 1099,
      domains: [
        { domain: "xueliang", total: 1200, online: 1098 },
        { domain: "skynet", total: 1, online: 1 },
      ],
    },
    { code: "520303", name: "汇川区", total: 2, online: 1, domains: [{ domain: "tourism", total: 2, online: 1 }] },
  ],
};

const XL = leafKey("520302", "xueliang");
const SK = leafKey("520302", "skynet");
const TO = leafKey("520303", "tourism");

function leaf(total: number, pages: Record<number, CameraView[]>): LeafData {
  return { total, pages: new Map(Object.entries(pages).map(([k, v]) => [Number(k), v])), failed: null };
}

describe("flattenCatalog", () => {
  it("shows the city and its counties, collapsed, by default", () => {
    const rows = flattenCatalog(tree, new Set(), new Map());
    expect(rows.map((r) => r.kind)).toEqual(["root", "region", "region"]);
    expect(rows[0]).toMatchObject({ name: "遵义市", total: 1203, online: 1100 });
    expect(rows[1]).toMatchObject({ code: "520302", open: false, total: 1201 });
  });

  it("an open county lists its domains with counts; leaves stay closed", () => {
    const rows = flattenCatalog(tree, new Set([regionOpenKey("520302")]), new Map());
    expect(rows.map((r) => r.kind)).toEqual(["root", "region", "domain", "domain", "region"]);
    expect(rows[2]).toMatchObject({ leaf: XL, domain: "xueliang", total: 1200, online: 1098, open: false });
  });

  it("an open leaf keeps its leaf open only while its county is open", () => {
    const open = new Set([leafOpenKey(TO)]);
    expect(flattenCatalog(tree, open, new Map()).some((r) => r.kind === "pending")).toBe(false);
    expect(openLeaves(tree, open)).toEqual([]);
    open.add(regionOpenKey("520303"));
    expect(openLeaves(tree, open)).toEqual([TO]);
  });

  it("an open leaf without data shows a placeholder per camera the tree counts", () => {
    const rows = flattenCatalog(tree, new Set([regionOpenKey("520302"), leafOpenKey(XL)]), new Map());
    const pending = rows.filter((r) => r.kind === "pending");
    expect(pending).toHaveLength(1200);
    expect(rows[3]).toMatchObject({ kind: "pending", leaf: XL, index: 0 });
    expect(rows[rows.length - 2]).toMatchObject({ kind: "domain", leaf: SK });
  });

  it("fills loaded pages with cameras and leaves the rest pending, using the leaf's own total", () => {
    const page0 = Array.from({ length: LEAF_PAGE_SIZE }, (_, i) => cam(i));
    const leaves = new Map<LeafKey, LeafData>([[XL, leaf(1190, { 0: page0 })]]);
    const rows = flattenCatalog(tree, new Set([regionOpenKey("520302"), leafOpenKey(XL)]), leaves);
    const leafRows = rows.slice(3, 3 + 1190);
    expect(leafRows.filter((r) => r.kind === "camera")).toHaveLength(LEAF_PAGE_SIZE);
    expect(leafRows[0]).toMatchObject({ kind: "camera", depth: 3 });
    expect(leafRows[LEAF_PAGE_SIZE]).toMatchObject({ kind: "pending", index: LEAF_PAGE_SIZE });
    expect(rows[3 + 1190]).toMatchObject({ kind: "domain", leaf: SK });
  });

  it("shows an empty leaf and a failed leaf as one row each", () => {
    const open = new Set([regionOpenKey("520302"), leafOpenKey(XL), leafOpenKey(SK)]);
    const leaves = new Map<LeafKey, LeafData>([
      [XL, leaf(0, {})],
      [SK, { total: 0, pages: new Map(), failed: "PLATFORM_UNREACHABLE" }],
    ]);
    const kinds = flattenCatalog(tree, open, leaves).map((r) => r.kind);
    expect(kinds).toEqual(["root", "region", "domain", "empty", "domain", "failed", "region"]);
  });
});

describe("pagesToLoad", () => {
  it("asks once for each page the placeholders in view wait for", () => {
    const page0 = Array.from({ length: LEAF_PAGE_SIZE }, (_, i) => cam(i));
    const rows = flattenCatalog(tree, new Set([regionOpenKey("520302"), leafOpenKey(XL)]), new Map([[XL, leaf(1200, { 0: page0 })]]));
    expect(pagesToLoad(rows, 0, 100)).toEqual([]);
    expect(pagesToLoad(rows, 490, 520)).toEqual([{ leaf: XL, page: 1 }]);
    expect(pagesToLoad(rows, 990, 1100)).toEqual([
      { leaf: XL, page: 1 },
      { leaf: XL, page: 2 },
    ]);
    expect(pagesToLoad(rows, -5, 1e9).length).toBe(2);
  });
});

describe("helpers", () => {
  it("toggles open keys without mutating", () => {
    const a = new Set(["x"]);
    expect([...toggleOpen(a, "x")]).toEqual([]);
    expect([...toggleOpen(a, "y")].sort()).toEqual(["x", "y"]);
    expect([...a]).toEqual(["x"]);
  });
  it("round-trips leaf keys", () => expect(parseLeafKey(TO)).toEqual({ civilCode: "520303", domain: "tourism" }));
  it("lays search results flat", () => {
    expect(searchRows([cam(1), cam(2)]).map((r) => r.kind === "camera" && r.depth)).toEqual([0, 0]);
  });
});

describe("branchContext", () => {
  it("names the county and domain above a camera deep in a leaf", () => {
    const rows = flattenCatalog(tree, new Set([regionOpenKey("520302"), leafOpenKey(SK), leafOpenKey(XL)]), new Map());
    const ctx = branchContext(rows, 900);
    expect(ctx).toMatchObject({ region: { code: "520302" }, regionIndex: 1, domain: { leaf: XL }, domainIndex: 2 });
    const skIndex = rows.findIndex((r) => r.kind === "domain" && r.leaf === SK);
    expect(branchContext(rows, skIndex + 1)?.domain.leaf).toBe(SK);
    expect(branchContext(rows, 0)).toBeNull();
    expect(branchContext(rows, 1)).toBeNull();
    expect(branchContext(searchRows([cam(1)]), 0)).toBeNull();
  });
});

import { describe, expect, it } from "vitest";
import type { CameraView, CatalogTree } from "../../../contract/catalog-view.js";
import { translator } from "../i18n/i18n.js";
import { CatalogFolderSchema } from "../wall/dnd.js";
import { EMPTY_PICK, addPage, folderLabel, folderLeaves, pickFull } from "./catalog-folders.js";

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
  revision: 1,
  root: { code: "520300", name: "遵义市", total: 5, online: 4 },
  regions: [
    {
      code: "520302",
      name: "红花岗区",
      total: 3,
      online: 3,
      domains: [
        { domain: "xueliang", total: 2, online: 2 },
        { domain: "skynet", total: 0, online: 0 },
        { domain: "tourism", total: 1, online: 1 },
      ],
    },
    { code: "520303", name: "汇川区", total: 2, online: 1, domains: [{ domain: "school", total: 2, online: 1 }] },
  ],
};

describe("catalog folders", () => {
  it("cover their leaves in tree order, empty leaves skipped", () => {
    expect(folderLeaves(tree, { kind: "all" })).toEqual(["520302/xueliang", "520302/tourism", "520303/school"]);
    expect(folderLeaves(tree, { kind: "favorites" })).toEqual(["520302/xueliang", "520302/tourism", "520303/school"]);
    expect(folderLeaves(tree, { kind: "region", code: "520302", name: "红花岗区" })).toEqual(["520302/xueliang", "520302/tourism"]);
    expect(folderLeaves(tree, { kind: "leaf", code: "520303", domain: "school", name: "汇川区 · 教育" })).toEqual(["520303/school"]);
    expect(folderLeaves(tree, { kind: "leaf", code: "520302", domain: "skynet", name: "x" })).toEqual([]);
    expect(folderLeaves(tree, { kind: "search", query: "dzk" })).toEqual([]);
  });

  it("pick online cameras the user may open, in order, each once, and count the rest", () => {
    let pick = addPage(EMPTY_PICK, [cam(1), cam(2, { online: false }), cam(3, { access: { allowed: false, reason: "NOT_SHARED" } }), cam(4)]);
    pick = addPage(pick, [cam(4), cam(5)]);
    expect(pick.ids).toEqual([cam(1).id, cam(4).id, cam(5).id]);
    expect(pick.names.get(cam(5).id)).toBe("camera 5");
    expect(pick.skipped).toBe(2);
    expect(pick.capped).toBe(false);
  });

  it("stop at the cap and say the folder held more", () => {
    const pick = addPage(EMPTY_PICK, [cam(1), cam(2), cam(3)], 2);
    expect(pick.ids).toHaveLength(2);
    expect(pick.capped).toBe(true);
    expect(pickFull(pick, 2)).toBe(true);
    expect(pickFull(addPage(EMPTY_PICK, [cam(1)], 2), 2)).toBe(false);
  });

  it("a drag payload from elsewhere is refused", () => {
    expect(CatalogFolderSchema.safeParse({ kind: "region", code: "520302", name: "红花岗区" }).success).toBe(true);
    expect(CatalogFolderSchema.safeParse({ kind: "region", code: "../etc", name: "x" }).success).toBe(false);
    expect(CatalogFolderSchema.safeParse({ kind: "search", query: "" }).success).toBe(false);
    expect(CatalogFolderSchema.safeParse({ kind: "rm" }).success).toBe(false);
  });
});

describe("folder labels", () => {
  it("name the folder as the panel showed it", () => {
    const t = translator("zh-CN");
    expect(folderLabel({ kind: "region", code: "520302", name: "红花岗区" }, t)).toBe("红花岗区");
    expect(folderLabel({ kind: "search", query: "dzk" }, t)).toBe("搜索结果“dzk”");
    expect(folderLabel({ kind: "favorites" }, translator("en"))).toBe("Favorites");
  });
});

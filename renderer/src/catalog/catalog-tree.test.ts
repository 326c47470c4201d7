import { describe, expect, it } from "vitest";
import type { Camera } from "../../../contract/camera.js";
import { buildCatalogTree, cameraMatches, cityCodeOf, expandedKeys, searchTerms } from "./catalog-tree.js";

let serial = 0;
function cam(over: Partial<Camera>): Camera {
  serial += 1;
  return {
    id: `520302000013200${String(serial).padStart(5, "0")}`,
    name: `camera ${serial}`,
    civilCode: "520302",
    regionName: "红花岗区",
    domain: "xueliang",
    ownerDepartment: "市公安局",
    sharingClass: "UNCONDITIONAL",
    online: true,
    ptzType: 1,
    longitude: 106.9,
    latitude: 27.7,
    address: "遵义市红花岗区",
    ...over,
  };
}

const cameras: Camera[] = [
  cam({ name: "丁字口", domain: "skynet" }),
  cam({ name: "老城", domain: "xueliang", online: false }),
  cam({ name: "海龙屯", civilCode: "520303", regionName: "汇川区", domain: "tourism", ownerDepartment: "市文旅局", address: "汇川区高坪街道" }),
  cam({ name: "林场瞭望塔", civilCode: "520303", regionName: "汇川区", domain: "forestry", online: false }),
  cam({ name: "湄江", civilCode: "520329", regionName: "湄潭县", domain: "water" }),
];

describe("buildCatalogTree", () => {
  const tree = buildCatalogTree(cameras);
  it("groups by city, county (civil code order) and domain (fixed order)", () => {
    expect(tree.cities.map((c) => c.cityCode)).toEqual(["520300"]);
    const city = tree.cities[0]!;
    expect(city.counties.map((c) => c.name)).toEqual(["红花岗区", "汇川区", "湄潭县"]);
    expect(city.counties[0]!.domains.map((d) => d.domain)).toEqual(["xueliang", "skynet"]);
    expect(city.counties[1]!.domains.map((d) => d.domain)).toEqual(["tourism", "forestry"]);
  });
  it("counts total and online at every level", () => {
    expect([tree.total, tree.online]).toEqual([5, 3]);
    const hh = tree.cities[0]!.counties[0]!;
    expect([hh.total, hh.online]).toEqual([2, 1]);
    expect(hh.domains.map((d) => [d.total, d.online])).toEqual([[1, 0], [1, 1]]);
  });
});

describe("search", () => {
  it("matches name, address, id substring, region and department", () => {
    const ids = (q: string) => buildCatalogTree(cameras, q).total;
    expect(ids("海龙")).toBe(1);
    expect(ids("高坪")).toBe(1);
    expect(ids(cameras[4]!.id.slice(-6))).toBe(1);
    expect(ids("汇川")).toBe(2);
    expect(ids("文旅局")).toBe(1);
    expect(ids("  ")).toBe(5);
    expect(ids("nothing-like-this")).toBe(0);
  });
  it("needs every term to match and ignores case", () => {
    const c = cam({ name: "North Gate", regionName: "播州区" });
    expect(cameraMatches(c, searchTerms("north 播州"))).toBe(true);
    expect(cameraMatches(c, searchTerms("NORTH 汇川"))).toBe(false);
  });
  it("drops empty branches and expands every match while searching", () => {
    const tree = buildCatalogTree(cameras, "湄江");
    expect(tree.cities[0]!.counties.map((c) => c.civilCode)).toEqual(["520329"]);
    const open = expandedKeys(tree, true, new Set());
    expect(open.has("county:520329")).toBe(true);
    expect(open.has("domain:520329:water")).toBe(true);
  });
  it("keeps counties collapsed and domains open by default; toggles flip them", () => {
    const tree = buildCatalogTree(cameras);
    const open = expandedKeys(tree, false, new Set(["county:520303", "domain:520303:forestry"]));
    expect(open.has("city:520300")).toBe(true);
    expect(open.has("county:520303")).toBe(true);
    expect(open.has("county:520302")).toBe(false);
    expect(open.has("domain:520303:tourism")).toBe(true);
    expect(open.has("domain:520303:forestry")).toBe(false);
  });
});

describe("cityCodeOf", () => {
  it("maps a county code to its city", () => expect(cityCodeOf("520329")).toBe("520300"));
});

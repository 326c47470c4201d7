import { describe, expect, it } from "vitest";
import { CatalogFiltersSchema } from "../../../contract/catalog-view.js";
import {
  NO_FILTERS,
  activeFilterCount,
  filtersParam,
  onlineFilterOf,
  sameFilters,
  setFavoritesOnly,
  setOnlineFilter,
  toggleDomain,
  toggleSharing,
} from "./catalog-filters.js";

describe("catalog filters", () => {
  it("toggles domains in a fixed order and drops an empty list", () => {
    let f = toggleDomain(NO_FILTERS, "tourism");
    f = toggleDomain(f, "xueliang");
    expect(f.domains).toEqual(["xueliang", "tourism"]);
    f = toggleDomain(toggleDomain(f, "xueliang"), "tourism");
    expect(f).toEqual({});
  });
  it("toggles sharing classes", () => {
    const f = toggleSharing(toggleSharing(NO_FILTERS, "NOT_SHARED"), "UNCONDITIONAL");
    expect(f.sharingClasses).toEqual(["UNCONDITIONAL", "NOT_SHARED"]);
    expect(toggleSharing(f, "NOT_SHARED").sharingClasses).toEqual(["UNCONDITIONAL"]);
  });
  it("maps online / offline / all to the optional flag", () => {
    expect(onlineFilterOf(NO_FILTERS)).toBe("all");
    const on = setOnlineFilter(NO_FILTERS, "online");
    expect(on).toEqual({ online: true });
    expect(onlineFilterOf(setOnlineFilter(on, "offline"))).toBe("offline");
    expect(setOnlineFilter(on, "all")).toEqual({});
  });
  it("keeps favoritesOnly only when on", () => {
    expect(setFavoritesOnly(NO_FILTERS, true)).toEqual({ favoritesOnly: true });
    expect(setFavoritesOnly({ favoritesOnly: true }, false)).toEqual({});
  });
  it("counts active groups and sends nothing when none narrows", () => {
    const f = setFavoritesOnly(setOnlineFilter(toggleDomain(toggleDomain(NO_FILTERS, "water"), "school"), "offline"), true);
    expect(activeFilterCount(f)).toBe(3);
    expect(filtersParam(NO_FILTERS)).toBeUndefined();
    expect(filtersParam(f)).toEqual({ domains: ["school", "water"], online: false, favoritesOnly: true });
    expect(CatalogFiltersSchema.safeParse(filtersParam(f)).success).toBe(true);
  });
  it("compares normalized filters", () => {
    expect(sameFilters({ domains: [] }, {})).toBe(true);
    expect(sameFilters({ online: true }, { online: false })).toBe(false);
  });
});

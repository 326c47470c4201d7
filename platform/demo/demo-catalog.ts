// Runs in the platform. The Zunyi demo catalog, deterministic (same ids and names everywhere). At the default
// scale it is the foundation's ~200-camera catalog with the same ids, names and places (so console favorites and
// walls survive the switch to the platform), plus one classified (Secrecy=1) camera per county; `scale` grows
// every county × domain cell proportionally, up to 100,000 cameras and beyond. Two showcase cameras in 红花岗区 let a
// new user try the sharing rules by hand: a CONDITIONAL one to apply for, a NOT_SHARED one for a special grant.
import type { SharingClass, SourceDomain } from "../../contract/camera.js";
import type { PlatformCamera } from "../../contract/platform-api.js";
import { formatGbId } from "../gb/gb-id.js";
import { GUIZHOU, ZUNYI_CITY, ZUNYI_REGIONS, type Region } from "./zunyi-regions.js";

type DomainProfile = {
  domain: SourceDomain;
  /** GB/T 28181 industry digits (9–10). */
  industry: string;
  perRegion: number;
  department: (region: Region) => string;
  sharing: (i: number) => SharingClass;
  names: string[];
  ptzTypes: number[];
  mediaUse: boolean;
  masked: boolean;
};

const DOMAINS: DomainProfile[] = [
  { domain: "xueliang", industry: "01", perRegion: 3, department: (r) => `${r.name}委政法委`, sharing: () => "UNCONDITIONAL", names: ["社区出入口", "小区北门", "农贸市场", "村委会广场", "背街小巷"], ptzTypes: [3, 1, 3], mediaUse: false, masked: false },
  { domain: "skynet", industry: "00", perRegion: 2, department: (r) => (r.name.endsWith("区") ? `遵义市公安局${r.name}分局` : `${r.name}公安局`), sharing: (i) => (i % 3 === 2 ? "NOT_SHARED" : "CONDITIONAL"), names: ["主干道路口", "派出所门前", "汽车站广场", "治安卡口", "商业街"], ptzTypes: [1, 4], mediaUse: false, masked: false },
  { domain: "tourism", industry: "08", perRegion: 2, department: (r) => `${r.name}文体旅游局`, sharing: () => "UNCONDITIONAL", names: ["景区入口", "游客中心", "观景台", "停车场"], ptzTypes: [1, 2], mediaUse: true, masked: false },
  { domain: "school", industry: "11", perRegion: 1, department: (r) => `${r.name}教育局`, sharing: (i) => (i % 2 === 0 ? "CONDITIONAL" : "NOT_SHARED"), names: ["第一中学校门", "实验小学校门", "职业学校操场"], ptzTypes: [3], mediaUse: false, masked: true },
  { domain: "traffic", industry: "04", perRegion: 2, department: (r) => `${r.name}交通运输局`, sharing: () => "UNCONDITIONAL", names: ["国道收费站", "高速匝道口", "隧道出口", "桥梁监测点"], ptzTypes: [4, 1], mediaUse: true, masked: false },
  { domain: "forestry", industry: "40", perRegion: 1, department: (r) => `${r.name}林业局`, sharing: () => "UNCONDITIONAL", names: ["森林防火瞭望塔", "林区卡口"], ptzTypes: [1], mediaUse: false, masked: false },
  { domain: "water", industry: "43", perRegion: 1, department: (r) => `${r.name}水务局`, sharing: () => "CONDITIONAL", names: ["水库大坝", "河道水位站"], ptzTypes: [5], mediaUse: false, masked: false },
  { domain: "social", industry: "01", perRegion: 1, department: (r) => `${r.name}社会资源（自愿接入）`, sharing: (i) => (i % 2 === 0 ? "CONDITIONAL" : "NOT_SHARED"), names: ["商户门前", "酒店大堂外", "加油站"], ptzTypes: [3], mediaUse: false, masked: true },
];

const MASK = { points: [[0.05, 0.6], [0.35, 0.6], [0.35, 0.95], [0.05, 0.95]] as Array<[number, number]> };

/** Small deterministic PRNG (mulberry32). */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function departmentId(region: Region, domain: SourceDomain): string {
  return `${region.code}-${domain}`;
}

/** The platform's virtual organization (GB type 216) per domain, a second parent of each camera. */
export function domainOrgId(domainIndex: number): string {
  return formatGbId(`${ZUNYI_CITY.code}00`, "00", "216", "6", domainIndex + 1);
}

function baseCount(regionIndex: number, profile: DomainProfile): number {
  const extra = regionIndex < 3 ? 1 : 0;
  return profile.perRegion + (profile.perRegion > 1 ? extra : 0);
}

export const BASE_CAMERA_COUNT = ZUNYI_REGIONS.reduce((sum, _r, ri) => sum + DOMAINS.reduce((s, p) => s + baseCount(ri, p), 0), 0);

/** Cameras per county × domain cell for a target total (never below the base catalog). */
function cellCounts(target: number): number[][] {
  const base = ZUNYI_REGIONS.map((_r, ri) => DOMAINS.map((p) => baseCount(ri, p)));
  if (target <= BASE_CAMERA_COUNT) return base;
  const counts = base.map((row) => row.map((n) => Math.floor((n * target) / BASE_CAMERA_COUNT)));
  let missing = target - counts.flat().reduce((a, b) => a + b, 0);
  for (let ri = 0; missing > 0; ri = (ri + 1) % counts.length) {
    const row = counts[ri] ?? [];
    row[0] = (row[0] ?? 0) + 1;
    missing--;
  }
  return counts;
}

type Draft = Omit<PlatformCamera, "version" | "updatedAt" | "statusChangedAt">;

/** Parts every camera of one county × domain cell shares (shared objects: 100,000 copies cost seconds of GC). */
type Cell = Pick<Draft, "regionPath" | "parentIds" | "ownerDepartment" | "privacyMasks" | "profiles">;
const cellCache = new Map<string, Cell>();
const PROFILES: PlatformCamera["profiles"] = ["main", "sub"];

function cellOf(region: Region, profile: DomainProfile, domainIndex: number): Cell {
  const key = `${region.code}.${domainIndex}`;
  let cell = cellCache.get(key);
  if (!cell) {
    cell = {
      regionPath: [
        { code: GUIZHOU.code, name: GUIZHOU.name },
        { code: ZUNYI_CITY.code.slice(0, 4), name: ZUNYI_CITY.name },
        { code: region.code, name: region.name },
      ],
      parentIds: [region.code, domainOrgId(domainIndex)],
      ownerDepartment: { id: departmentId(region, profile.domain), name: profile.department(region) },
      privacyMasks: profile.masked ? [MASK] : [],
      profiles: PROFILES,
    };
    cellCache.set(key, cell);
  }
  return cell;
}

function draft(region: Region, profile: DomainProfile, domainIndex: number, id: string, name: string, i: number, random: () => number, online: boolean): Draft {
  const place = region.places[(i + domainIndex) % region.places.length] ?? region.name;
  const cell = cellOf(region, profile, domainIndex);
  return {
    id,
    name,
    civilCode: region.code,
    regionPath: cell.regionPath,
    address: `贵州省遵义市${region.name}${place}`,
    parental: 0,
    parentIds: cell.parentIds,
    domain: profile.domain,
    ownerDepartment: cell.ownerDepartment,
    sharingClass: profile.sharing(i + ZUNYI_REGIONS.indexOf(region)),
    secrecy: 0,
    ptzType: profile.ptzTypes[i % profile.ptzTypes.length] ?? 3,
    longitude: Math.round((region.lon + (random() - 0.5) * 0.2) * 1e6) / 1e6,
    latitude: Math.round((region.lat + (random() - 0.5) * 0.2) * 1e6) / 1e6,
    status: online ? "ONLINE" : "OFFLINE",
    mediaUse: profile.mediaUse,
    privacyMasks: cell.privacyMasks,
    profiles: cell.profiles,
  };
}

/** Showcase cameras (always online: the status simulator leaves them alone), named so the demo is obvious. */
export const SHOWCASE_CAMERAS = {
  /** 有条件共享: the operator applies, the approver approves, the camera unlocks. */
  conditional: formatGbId("52030200", "43", "132", "6", 950001),
  /** 不予共享: the commander opens it under a special authorization once the approver agrees. */
  notShared: formatGbId("52030200", "01", "132", "6", 950002),
} as const;
export const SHOWCASE_CAMERA_IDS: readonly string[] = Object.values(SHOWCASE_CAMERAS);

function showcase(random: () => number): Draft[] {
  const region = ZUNYI_REGIONS[0] as Region;
  const di = (domain: SourceDomain): number => DOMAINS.findIndex((p) => p.domain === domain);
  const water = di("water");
  const social = di("social");
  return [
    {
      ...draft(region, DOMAINS[water] as DomainProfile, water, SHOWCASE_CAMERAS.conditional, "演示·有条件共享·湘江河道水位站", 0, random, true),
      address: "贵州省遵义市红花岗区湘江河畔（演示点位）",
      sharingClass: "CONDITIONAL",
    },
    {
      ...draft(region, DOMAINS[social] as DomainProfile, social, SHOWCASE_CAMERAS.notShared, "演示·不予共享·丁字口商户门前", 0, random, true),
      address: "贵州省遵义市红花岗区丁字口（演示点位）",
      sharingClass: "NOT_SHARED",
    },
  ];
}

/**
 * Every demo camera. `scale`: total unclassified cameras wanted (default: the base ~200).
 * Deterministic: the same scale gives the same records, byte for byte, given the same `now`.
 */
export function buildDemoCatalog(options: { scale?: number; now: Date }): PlatformCamera[] {
  const stamp = options.now.toISOString();
  const finish = (d: Draft): PlatformCamera => Object.assign(d, { version: 1, updatedAt: stamp, statusChangedAt: stamp });
  const showcaseRandom = prng(20261001);
  const showcased = showcase(showcaseRandom);
  // The showcase cameras count towards the scale, so `scale` stays the number of served cameras.
  const cells = cellCounts(Math.max(0, (options.scale ?? 0) - showcased.length));
  const out: PlatformCamera[] = [];
  // Base cameras first, drawing from the same PRNG sequence as the foundation's embedded catalog.
  const random = prng(20240601);
  ZUNYI_REGIONS.forEach((region, ri) => {
    DOMAINS.forEach((profile, di) => {
      const count = baseCount(ri, profile);
      for (let i = 0; i < count; i++) {
        const serial = 1 + ri * 1000 + di * 100 + i;
        const place = region.places[(i + di) % region.places.length] ?? region.name;
        const label = profile.names[(i + ri) % profile.names.length] ?? "监控点";
        const online = random() > 0.08;
        const id = formatGbId(`${region.code}00`, profile.industry, "132", "6", serial);
        out.push(finish(draft(region, profile, di, id, `${place}${label}${count > 1 ? `${i + 1}号` : ""}`, i, random, online)));
      }
    });
  });
  for (const d of showcased) out.push(finish(d));
  // Classified cameras: present on the platform, never served to consoles.
  ZUNYI_REGIONS.forEach((region, ri) => {
    const skynet = DOMAINS[1] as DomainProfile;
    const id = formatGbId(`${region.code}00`, skynet.industry, "131", "0", 900000 + ri);
    out.push(finish({ ...draft(region, skynet, 1, id, `${region.places[0] ?? region.name}技侦专用点位`, 0, random, true), secrecy: 1, sharingClass: "NOT_SHARED" }));
  });
  // Scaled cameras: serials from 200000 up, per domain band, so they never collide with the base ones.
  const extraRandom = prng(20250101);
  ZUNYI_REGIONS.forEach((region, ri) => {
    DOMAINS.forEach((profile, di) => {
      const from = baseCount(ri, profile);
      const to = cells[ri]?.[di] ?? from;
      for (let i = from; i < to; i++) {
        const place = region.places[(i + di) % region.places.length] ?? region.name;
        const label = profile.names[(i + ri) % profile.names.length] ?? "监控点";
        const id = formatGbId(`${region.code}00`, profile.industry, i % 5 === 0 ? "131" : "132", "6", 200000 + di * 99000 + i);
        out.push(finish(draft(region, profile, di, id, `${place}${label}${i + 1}号`, i, extraRandom, extraRandom() > 0.06)));
      }
    });
  });
  return out;
}

/** Which demo clip plays for a camera: stable per id, so a camera always looks the same. */
export function demoClipIndex(cameraId: string, clipCount: number): number {
  let h = 0;
  for (const ch of cameraId) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  return clipCount > 0 ? h % clipCount : 0;
}

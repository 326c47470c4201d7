// Runs in main. The embedded demo catalog: about 200 cameras across Zunyi's county-level divisions and domains,
// deterministic (same ids and names on every machine), each backed by one of the demo clips.
// Seam: the platform issue replaces this source with a catalog synced from the central platform.
import type { Camera, SharingClass, SourceDomain } from "../../contract/camera.js";
import { ZUNYI_REGIONS, type Region } from "./zunyi-regions.js";

type DomainProfile = {
  domain: SourceDomain;
  /** GB/T 28181 industry digits (9–10). */
  industry: string;
  perRegion: number;
  department: (region: Region) => string;
  sharing: (i: number) => SharingClass;
  names: string[];
  ptzTypes: number[];
};

const DOMAINS: DomainProfile[] = [
  {
    domain: "xueliang", industry: "01", perRegion: 3,
    department: (r) => `${r.name}委政法委`,
    sharing: () => "UNCONDITIONAL",
    names: ["社区出入口", "小区北门", "农贸市场", "村委会广场", "背街小巷"],
    ptzTypes: [3, 1, 3],
  },
  {
    domain: "skynet", industry: "00", perRegion: 2,
    department: (r) => (r.name.endsWith("区") ? `遵义市公安局${r.name}分局` : `${r.name}公安局`),
    sharing: (i) => (i % 3 === 2 ? "NOT_SHARED" : "CONDITIONAL"),
    names: ["主干道路口", "派出所门前", "汽车站广场", "治安卡口", "商业街"],
    ptzTypes: [1, 4],
  },
  {
    domain: "tourism", industry: "08", perRegion: 2,
    department: (r) => `${r.name}文体旅游局`,
    sharing: () => "UNCONDITIONAL",
    names: ["景区入口", "游客中心", "观景台", "停车场"],
    ptzTypes: [1, 2],
  },
  {
    domain: "school", industry: "11", perRegion: 1,
    department: (r) => `${r.name}教育局`,
    sharing: (i) => (i % 2 === 0 ? "CONDITIONAL" : "NOT_SHARED"),
    names: ["第一中学校门", "实验小学校门", "职业学校操场"],
    ptzTypes: [3],
  },
  {
    domain: "traffic", industry: "04", perRegion: 2,
    department: (r) => `${r.name}交通运输局`,
    sharing: () => "UNCONDITIONAL",
    names: ["国道收费站", "高速匝道口", "隧道出口", "桥梁监测点"],
    ptzTypes: [4, 1],
  },
  {
    domain: "forestry", industry: "40", perRegion: 1,
    department: (r) => `${r.name}林业局`,
    sharing: () => "UNCONDITIONAL",
    names: ["森林防火瞭望塔", "林区卡口"],
    ptzTypes: [1],
  },
  {
    domain: "water", industry: "43", perRegion: 1,
    department: (r) => `${r.name}水务局`,
    sharing: () => "CONDITIONAL",
    names: ["水库大坝", "河道水位站"],
    ptzTypes: [5],
  },
  {
    domain: "social", industry: "01", perRegion: 1,
    department: (r) => `${r.name}社会资源（自愿接入）`,
    sharing: (i) => (i % 2 === 0 ? "CONDITIONAL" : "NOT_SHARED"),
    names: ["商户门前", "酒店大堂外", "加油站"],
    ptzTypes: [3],
  },
];

/** Small deterministic PRNG (mulberry32) so the demo catalog is identical everywhere. */
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

/** GB/T 28181 id: civil code (6) + grass-roots "00" + industry (2) + type 132 IPC + network 6 (e-gov extranet) + serial (6). */
export function demoCameraId(civilCode: string, industry: string, serial: number): string {
  return `${civilCode}00${industry}1326${String(serial).padStart(6, "0")}`;
}

export function buildDemoCatalog(): Camera[] {
  const random = prng(20240601);
  const cameras: Camera[] = [];
  ZUNYI_REGIONS.forEach((region, regionIndex) => {
    // The central districts carry more cameras, as real deployments do.
    const extra = regionIndex < 3 ? 1 : 0;
    for (const profile of DOMAINS) {
      const count = profile.perRegion + (profile.perRegion > 1 ? extra : 0);
      for (let i = 0; i < count; i++) {
        const serial = 1 + regionIndex * 1000 + DOMAINS.indexOf(profile) * 100 + i;
        const place = region.places[(i + DOMAINS.indexOf(profile)) % region.places.length] ?? region.name;
        const label = profile.names[(i + regionIndex) % profile.names.length] ?? "监控点";
        cameras.push({
          id: demoCameraId(region.code, profile.industry, serial),
          name: `${place}${label}${count > 1 ? `${i + 1}号` : ""}`,
          civilCode: region.code,
          regionName: region.name,
          domain: profile.domain,
          ownerDepartment: profile.department(region),
          sharingClass: profile.sharing(i + regionIndex),
          online: random() > 0.08,
          ptzType: profile.ptzTypes[i % profile.ptzTypes.length] ?? 3,
          longitude: Math.round((region.lon + (random() - 0.5) * 0.2) * 1e6) / 1e6,
          latitude: Math.round((region.lat + (random() - 0.5) * 0.2) * 1e6) / 1e6,
          address: `贵州省遵义市${region.name}${place}`,
        });
      }
    }
  });
  return cameras;
}

export const DEMO_CLIPS = ["crossroads.flv", "riverside.flv", "plaza.flv", "mountain.flv"] as const;

/** Which demo clip plays for a camera: stable per id so a camera always looks the same. */
export function demoClipFor(cameraId: string): string {
  let h = 0;
  for (const ch of cameraId) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  return DEMO_CLIPS[h % DEMO_CLIPS.length] ?? DEMO_CLIPS[0];
}

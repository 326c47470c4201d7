// Runs everywhere (main, relay, renderer). The camera record the console works with.
import { z } from "zod";

/** GB/T 28181 unified code: 20 digits (center 8, industry 2, type 3, network 1, serial 6). */
export const GbDeviceIdSchema = z.string().regex(/^\d{20}$/, "a GB/T 28181 device id has 20 digits");

export const SourceDomainSchema = z.enum([
  "xueliang", // 雪亮
  "skynet", // 天网
  "tourism", // 文旅
  "school", // 学校
  "traffic", // 交通
  "forestry", // 林业（森林防火）
  "water", // 水务
  "social", // 社会（自愿接入）
]);
export type SourceDomain = z.infer<typeof SourceDomainSchema>;

export const SharingClassSchema = z.enum(["UNCONDITIONAL", "CONDITIONAL", "NOT_SHARED"]);
export type SharingClass = z.infer<typeof SharingClassSchema>;

export const CameraSchema = z.object({
  id: GbDeviceIdSchema,
  name: z.string().min(1),
  /** 6-digit civil code of the county-level division the camera sits in. */
  civilCode: z.string().regex(/^\d{6}$/),
  /** Display name of that division, e.g. 红花岗区. */
  regionName: z.string().min(1),
  /** Civil codes of the camera's region path, province → county (region scopes of grants match any of them). */
  regionCodes: z.array(z.string().regex(/^\d{2,8}$/)).max(8),
  domain: SourceDomainSchema,
  ownerDepartmentId: z.string().min(1),
  ownerDepartment: z.string().min(1),
  sharingClass: SharingClassSchema,
  online: z.boolean(),
  ptzType: z.number().int().min(1).max(7),
  longitude: z.number().min(-180).max(180),
  latitude: z.number().min(-90).max(90),
  address: z.string(),
  /** Media departments may use it for live coverage. */
  mediaUse: z.boolean(),
  /**
   * Privacy masks (隐私遮挡): polygons over the picture, points normalized 0..1 from the top-left. Drawn opaque over
   * the program output (public dissemination) and over every tile a media user sees.
   */
  privacyMasks: z.array(z.object({ points: z.array(z.tuple([z.number().min(0).max(1), z.number().min(0).max(1)])).min(3).max(32) })).max(16),
});
export type Camera = z.infer<typeof CameraSchema>;

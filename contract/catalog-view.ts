// Runs everywhere. What the console's catalog panel asks main for: a tree of counts, one leaf's cameras, search.
// Main keeps the catalog (100,000 cameras and more) and its search index; windows fetch only what they show.
import { z } from "zod";
import { AccessBasisSchema, AccessRefusalSchema, type AccessBasis } from "./access-evaluator.js";
import { CameraSchema, GbDeviceIdSchema, SharingClassSchema, SourceDomainSchema } from "./camera.js";

export const CatalogFiltersSchema = z
  .object({
    domains: z.array(SourceDomainSchema).max(8).optional(),
    sharingClasses: z.array(SharingClassSchema).max(3).optional(),
    /** true: online only; false: offline only; absent: both. */
    online: z.boolean().optional(),
    favoritesOnly: z.boolean().optional(),
  })
  .strict();
export type CatalogFilters = z.infer<typeof CatalogFiltersSchema>;

/** Why the user cannot open a camera now (the lock badge says it): the evaluator's refusals, or nobody logged in. */
export const LockReasonSchema = z.enum([...AccessRefusalSchema.options, "NOT_LOGGED_IN"]);
export type LockReason = z.infer<typeof LockReasonSchema>;

export { AccessBasisSchema, type AccessBasis };

export const CameraAccessSchema = z.discriminatedUnion("allowed", [
  z.object({
    allowed: z.literal(true),
    basis: AccessBasisSchema,
    /** Wall-clock ms (the console's access clock) when this basis ends; null = no end. */
    validUntil: z.number().int().nullable(),
    /** The application or grant behind the basis (shown in the watermark); null for standing rules. */
    refId: z.string().nullable(),
  }),
  z.object({ allowed: z.literal(false), reason: LockReasonSchema }),
]);
export type CameraAccess = z.infer<typeof CameraAccessSchema>;

export const CameraViewSchema = CameraSchema.extend({
  favorite: z.boolean(),
  /** May this user open it on a wall tile now (purpose `live`). */
  access: CameraAccessSchema,
  /** May this user put it on the program output now (purpose `program`: media use or a media grant). */
  programOutput: z.boolean(),
});
export type CameraView = z.infer<typeof CameraViewSchema>;

const CountsSchema = z.object({ total: z.number().int().nonnegative(), online: z.number().int().nonnegative() });

export const CatalogTreeSchema = z.object({
  /** Changes whenever the catalog, access or favorites change; refetch what you show. */
  revision: z.number().int().nonnegative(),
  root: z.object({ code: z.string(), name: z.string() }).merge(CountsSchema),
  regions: z.array(
    z
      .object({
        code: z.string(),
        name: z.string(),
        domains: z.array(z.object({ domain: SourceDomainSchema }).merge(CountsSchema)),
      })
      .merge(CountsSchema),
  ),
});
export type CatalogTree = z.infer<typeof CatalogTreeSchema>;

export const LEAF_PAGE_MAX = 5000;
export const SEARCH_LIMIT_MAX = 500;

export const ListCamerasParamsSchema = z
  .object({
    civilCode: z.string().regex(/^\d{6}$/),
    domain: SourceDomainSchema,
    filters: CatalogFiltersSchema.optional(),
    offset: z.number().int().nonnegative().optional(),
    limit: z.number().int().min(1).max(LEAF_PAGE_MAX).optional(),
  })
  .strict();

export const SearchCamerasParamsSchema = z
  .object({
    /** Chinese name, full pinyin, pinyin initials, address or (part of) a GB id. */
    query: z.string().trim().min(1).max(64),
    filters: CatalogFiltersSchema.optional(),
    limit: z.number().int().min(1).max(SEARCH_LIMIT_MAX).optional(),
  })
  .strict();

export const CameraPageSchema = z.object({
  items: z.array(CameraViewSchema),
  total: z.number().int().nonnegative(),
  revision: z.number().int().nonnegative(),
});
export type CameraPage = z.infer<typeof CameraPageSchema>;

export const SetFavoriteParamsSchema = z.object({ cameraId: GbDeviceIdSchema, favorite: z.boolean() }).strict();

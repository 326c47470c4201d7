// Runs in the renderer. Small pieces the access drawer's tabs share: camera names, scopes, badges, error texts,
// field messages, the regions to pick from and the user's roles.
import { useMemo } from "react";
import type { SessionState } from "../../../contract/console-api.js";
import type { AccessScope } from "../../../contract/platform-api.js";
import { useCatalogStore } from "../catalog/catalog-store.js";
import { useT } from "../i18n/use-t.js";
import { useCameraView } from "../state/camera-cache.js";
import { useConsoleStore } from "../state/console-store.js";
import { useAccessData, type Failure, type Region } from "./access-data.js";
import type { Message } from "./form-errors.js";
import type { Badge } from "./status-badges.js";

type Role = NonNullable<SessionState["user"]>["roles"][number];
const NO_ROLES: readonly Role[] = [];

export function useRoles(): readonly Role[] {
  return useConsoleStore((s) => s.session?.user?.roles ?? NO_ROLES);
}

/** The county-level regions of the catalog: the unfiltered tree the drawer fetched, else the catalog panel's. */
export function useRegions(): readonly Region[] {
  const all = useAccessData((s) => s.regions.data);
  const shown = useCatalogStore((s) => s.tree?.regions);
  return useMemo(() => all ?? (shown ?? []).map((r) => ({ code: r.code, name: r.name })), [all, shown]);
}

export function RegionName({ code }: { code: string }) {
  const regions = useRegions();
  return <>{regions.find((r) => r.code === code)?.name ?? code}</>;
}

/** A camera's name (fetched once into the camera cache); its id until known. */
export function CameraName({ id }: { id: string }) {
  const camera = useCameraView(id);
  return (
    <span className="acc-camera" title={id}>
      {camera?.name ?? id}
    </span>
  );
}

/** What a scope covers, compactly: camera names (the first few, then a count), a region, or a source domain. */
export function ScopeView({ scope, max = 6 }: { scope: AccessScope; max?: number }) {
  const t = useT();
  if (scope.kind === "region")
    return (
      <span className="acc-scope">
        {t("access.scope.region")} <RegionName code={scope.civilCode} />
      </span>
    );
  if (scope.kind === "domain")
    return (
      <span className="acc-scope">
        {t("access.scope.domain")} {t(`domain.${scope.domain}`)}
      </span>
    );
  const shown = scope.cameraIds.slice(0, max);
  return (
    <span className="acc-scope">
      {t("access.scope.cameras", { n: scope.cameraIds.length })}{" "}
      {shown.map((id) => (
        <span key={id} className="acc-chip">
          <CameraName id={id} />
        </span>
      ))}
      {scope.cameraIds.length > shown.length && <span className="acc-more">{t("access.scope.more", { n: scope.cameraIds.length - shown.length })}</span>}
    </span>
  );
}

export function StatusBadge({ badge, testId }: { badge: Badge; testId?: string }) {
  const t = useT();
  return (
    <span className={`acc-badge acc-badge--${badge.tone}`} data-testid={testId}>
      {t(badge.key)}
    </span>
  );
}

/** A failed call in the user's language; the platform's own words are added where they say what to fix. */
export function FailureText({ failure, testId }: { failure: Failure; testId?: string }) {
  const t = useT();
  const own = failure.code === "INVALID_REQUEST" ? t("access.failure.invalid") : t(`error.${failure.code}`);
  const withDetail = failure.detail !== "" && (failure.code === "INVALID_REQUEST" || failure.code === "CONFLICT" || failure.code === "FORBIDDEN");
  return (
    <div className="acc-failure" role="alert" data-testid={testId} data-code={failure.code}>
      <span>{own}</span>
      {withDetail && <span className="acc-failure__detail">{t("access.failure.detail", { detail: failure.detail })}</span>}
    </div>
  );
}

export function FieldMessage({ name, message }: { name: string; message: Message | undefined }) {
  const t = useT();
  if (!message) return null;
  return (
    <span className="acc-field__error" role="alert" data-testid={`field-error-${name}`}>
      {t(message.key, message.params)}
    </span>
  );
}

/** The loading / failed line above a list. */
export function LoadLine({ status, failure, hasData, onRetry }: { status: string; failure: Failure | null; hasData: boolean; onRetry: () => void }) {
  const t = useT();
  if (status === "failed" && failure)
    return (
      <div className="acc-loadline acc-loadline--failed">
        <FailureText failure={failure} />
        <button type="button" className="btn btn--small" onClick={onRetry}>
          {t("access.retry")}
        </button>
      </div>
    );
  if (status === "loading" && !hasData) return <div className="acc-loadline">{t("access.loading")}</div>;
  return null;
}

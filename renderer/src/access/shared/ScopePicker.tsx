// Runs in the renderer. The video scope of an application or a grant: the cameras in the cart (picked in the
// catalog; removable chips), a county-level region, or a source domain.
import { SourceDomainSchema } from "../../../../contract/camera.js";
import { useT } from "../../state/use-t.js";
import { useCameraView } from "../../state/camera-cache.js";
import { useConsoleStore, type AccessCart } from "../../state/console-store.js";
import { SCOPE_KINDS, type ScopePick } from "./access-scope.js";
import { CameraName, FieldMessage, useRegions } from "./access-widgets.js";
import type { Message } from "./form-errors.js";

type Props = { pick: ScopePick; onChange(pick: ScopePick): void; cart: AccessCart; error: Message | undefined; legend: string };

export function ScopePicker({ pick, onChange, cart, error, legend }: Props) {
  const t = useT();
  const ids = useConsoleStore((s) => (cart === "application" ? s.applicationCart : s.grantCart));
  const regions = useRegions();
  return (
    <fieldset className={`acc-scope-picker${error ? " acc-field--invalid" : ""}`} data-testid={`${cart}-scope`}>
      <legend className="acc-field__label">{legend}</legend>
      <div className="acc-radios" role="radiogroup">
        {SCOPE_KINDS.map((kind) => (
          <label key={kind} className="acc-radio">
            <input type="radio" name="scopeKind" value={kind} checked={pick.kind === kind} onChange={() => onChange({ ...pick, kind })} />
            {t(`access.scope.kind.${kind}`)}
          </label>
        ))}
      </div>
      {pick.kind === "cameras" && (
        <div className="acc-cart" data-testid={`${cart}-cart`}>
          {ids.length === 0 && <span className="acc-hint">{t(cart === "application" ? "access.cart.emptyApplication" : "access.cart.emptyGrant")}</span>}
          {ids.map((id) => (
            <CartChip key={id} id={id} cart={cart} />
          ))}
        </div>
      )}
      {pick.kind === "region" && (
        <select name="scopeRegion" className="acc-input" value={pick.civilCode} onChange={(e) => onChange({ ...pick, civilCode: e.target.value })}>
          <option value="">{t("access.pick")}</option>
          {regions.map((r) => (
            <option key={r.code} value={r.code}>
              {r.name}
            </option>
          ))}
          {pick.civilCode !== "" && !regions.some((r) => r.code === pick.civilCode) && <option value={pick.civilCode}>{pick.civilCode}</option>}
        </select>
      )}
      {pick.kind === "domain" && (
        <select name="scopeDomain" className="acc-input" value={pick.domain} onChange={(e) => onChange({ ...pick, domain: e.target.value })}>
          <option value="">{t("access.pick")}</option>
          {SourceDomainSchema.options.map((d) => (
            <option key={d} value={d}>
              {t(`domain.${d}`)}
            </option>
          ))}
        </select>
      )}
      <FieldMessage name="scope" message={error} />
    </fieldset>
  );
}

function CartChip({ id, cart }: { id: string; cart: AccessCart }) {
  const t = useT();
  const camera = useCameraView(id);
  return (
    <span className={`acc-chip acc-chip--removable${camera?.sharingClass === "NOT_SHARED" ? " acc-chip--not-shared" : ""}`} data-testid={`cart-item-${id}`}>
      <CameraName id={id} />
      {camera && <span className="acc-chip__class">{t(`sharing.short.${camera.sharingClass}`)}</span>}
      <button
        type="button"
        className="acc-chip__remove"
        data-testid={`cart-remove-${id}`}
        aria-label={t("access.cart.remove")}
        title={t("access.cart.remove")}
        onClick={() => useConsoleStore.getState().removeFromCart(cart, id)}
      >
        ×
      </button>
    </span>
  );
}

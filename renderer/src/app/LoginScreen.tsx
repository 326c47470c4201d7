// Runs in the renderer. Shown while no one is logged in: the platform address, username and password, errors in the
// operator's language with what to do next, and (demo platform only) the demo accounts, one click to fill the form.
import { useEffect, useRef, useState, type FormEvent } from "react";
import type { ApiErrorCode, SessionState } from "../../../contract/console-api.js";
import { useT } from "../state/use-t.js";
import { consoleActions } from "../state/console-actions.js";
import { useConsoleStore } from "../state/console-store.js";
import { secondsUntil } from "./clock-time.js";
import { rateLimitWaitS } from "./login-errors.js";
import { LocaleSwitch } from "./Header.js";
import { roleNames } from "./UserBadge.js";

type LoginError = { code: ApiErrorCode; retryAt: number | null };

export function LoginScreen({ session }: { session: SessionState }) {
  const t = useT();
  const [username, setUsername] = useState("");
  const [password, setPassword] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<LoginError | null>(null);
  const [missing, setMissing] = useState(false);
  const [now, setNow] = useState(() => Date.now());
  const passwordField = useRef<HTMLInputElement | null>(null);
  const linked = useConsoleStore((s) => s.connection.status === "open");

  const retryAt = error?.retryAt ?? null;
  useEffect(() => {
    if (retryAt === null) return;
    const timer = setInterval(() => setNow(Date.now()), 500);
    return () => clearInterval(timer);
  }, [retryAt]);
  const wait = retryAt === null ? 0 : secondsUntil(retryAt, now);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy || wait > 0) return;
    if (username.trim() === "" || password === "") {
      setMissing(true);
      return;
    }
    setMissing(false);
    setBusy(true);
    setError(null);
    const result = await consoleActions.login(username.trim(), password);
    setBusy(false);
    if (result.ok) return;
    const waitS = result.code === "RATE_LIMITED" ? rateLimitWaitS(result.detail) : null;
    setNow(Date.now());
    setError({ code: result.code, retryAt: waitS === null ? null : Date.now() + waitS * 1000 });
    if (result.code === "BAD_CREDENTIALS") {
      setPassword("");
      passwordField.current?.focus();
    }
  };

  const url = session.platformUrl;
  let message: string | null = null;
  if (missing) message = t("login.required");
  else if (error?.code === "RATE_LIMITED" && wait > 0) message = t("login.rateLimitedWait", { s: wait });
  else if (error?.code === "PLATFORM_UNREACHABLE") message = t("login.unreachable", { url: url ?? "—" });
  else if (error && !(error.code === "RATE_LIMITED" && error.retryAt !== null)) message = t("login.failed", { reason: t(`error.${error.code}`) });

  return (
    <div className="login" data-testid="login-screen">
      <div className="login__top">
        <h1 className="login__app">{t("app.name")}</h1>
        <LocaleSwitch />
      </div>
      <div className="login__body">
        <form className="login__card" onSubmit={(e) => void submit(e)} noValidate aria-labelledby="login-title">
          <h2 id="login-title" className="login__title">
            {t("login.title")}
          </h2>
          <p className="login__subtitle">{t("login.subtitle")}</p>
          <p className="login__platform" data-testid="login-platform">
            {url ? t("login.platform", { url }) : t("login.platformNone")}
            {session.embedded && <span className="login__embedded">{t("login.embedded")}</span>}
          </p>
          <label className="field">
            <span className="field__label">{t("login.username")}</span>
            <input
              data-testid="login-username"
              name="username"
              autoComplete="username"
              autoFocus
              spellCheck={false}
              maxLength={64}
              value={username}
              onChange={(e) => setUsername(e.target.value)}
            />
          </label>
          <label className="field">
            <span className="field__label">{t("login.password")}</span>
            <input
              ref={passwordField}
              data-testid="login-password"
              name="password"
              type="password"
              autoComplete="current-password"
              maxLength={256}
              value={password}
              onChange={(e) => setPassword(e.target.value)}
            />
          </label>
          {message && (
            <p className="login__error" role="alert" data-testid="login-error" data-code={missing ? "REQUIRED" : error?.code}>
              {message}
            </p>
          )}
          <button type="submit" className="btn btn--primary login__submit" data-testid="login-submit" disabled={busy || wait > 0 || !linked}>
            {busy && <span className="spinner spinner--small" aria-hidden="true" />}
            {busy ? t("login.submitting") : t("login.submit")}
          </button>
        </form>
        {session.demoAccounts.length > 0 && (
          <section className="demo" aria-labelledby="demo-title" data-testid="demo-accounts">
            <h3 id="demo-title" className="demo__title">
              {t("login.demoTitle")}
            </h3>
            <p className="demo__hint">{t("login.demoHint")}</p>
            <ul className="demo__list">
              {session.demoAccounts.map((a) => (
                <li key={a.username}>
                  <button
                    type="button"
                    className={`demo__account${a.username === username ? " demo__account--on" : ""}`}
                    data-testid={`demo-account-${a.username}`}
                    onClick={() => {
                      setUsername(a.username);
                      setPassword(a.password);
                      setError(null);
                      setMissing(false);
                    }}
                  >
                    <span className="demo__roles">{roleNames(t, a.roles)}</span>
                    <span className="demo__name">{a.displayName}</span>
                    <span className="demo__dept">{a.department}</span>
                    <span className="demo__cred">
                      <code>{a.username}</code> · {t("login.demoPassword", { password: a.password })}
                    </span>
                  </button>
                </li>
              ))}
            </ul>
          </section>
        )}
      </div>
    </div>
  );
}

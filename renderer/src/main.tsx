// Runs in the renderer. Entry point: zod setup, styles, then the page the URL asks for — the console app bound to a
// wall window (?wall=N, wall 1 without it), or with ?view=program&wall=W&tile=N the program output of one tile (media
// live coverage). Each page's code is fetched on demand,
// so a program window never loads the console (catalog, access drawer) and the console never loads the program page.
import "./zod-no-eval.js";
import { lazy, StrictMode, Suspense } from "react";
import { createRoot } from "react-dom/client";
import { translator } from "./i18n/i18n.js";
import { parsePageView } from "./program/program-view.js";
import { LoadBoundary } from "./shared/LoadBoundary.js";
import "./styles/theme.css";
import "./styles/app.css";
import "./styles/catalog.css";
import "./styles/wall.css";
import "./styles/layouts.css";
import "./styles/access.css";
import "./styles/grant-bar.css";
import "./styles/interaction.css";

const App = lazy(() => import("./app/App.js").then((m) => ({ default: m.App })));
const ProgramOutput = lazy(() => import("./program/ProgramOutput.js").then((m) => ({ default: m.ProgramOutput })));

const root = document.getElementById("root");
if (!root) throw new Error("index.html has no #root");
const page = parsePageView(window.location.search);
// Main has not told us the locale yet when a page's code fails to load: the default one.
const failed = (
  <div className="banner banner--error" role="alert">
    {translator("zh-CN")("app.partFailed")}
  </div>
);
createRoot(root).render(
  <StrictMode>
    <LoadBoundary failed={failed}>
      <Suspense fallback={null}>{page.view === "program" ? <ProgramOutput wall={page.wall} tile={page.tile} /> : <App wall={page.wall} />}</Suspense>
    </LoadBoundary>
  </StrictMode>,
);

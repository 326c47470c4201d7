// Runs in the renderer. Entry point: zod setup, styles, then the console app — or, with ?view=program&tile=N, the
// program output of one tile (media live coverage).
import "./zod-no-eval.js";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./app/App.js";
import { parsePageView } from "./program/program-view.js";
import { ProgramOutput } from "./program/ProgramOutput.js";
import "./styles/theme.css";
import "./styles/app.css";
import "./styles/catalog.css";
import "./styles/wall.css";
import "./styles/access.css";
import "./styles/grant-bar.css";

const root = document.getElementById("root");
if (!root) throw new Error("index.html has no #root");
const page = parsePageView(window.location.search);
createRoot(root).render(<StrictMode>{page.view === "program" ? <ProgramOutput tile={page.tile} /> : <App />}</StrictMode>);

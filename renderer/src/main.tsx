// Runs in the renderer. Entry point: zod setup, styles, then the console app.
import "./zod-no-eval.js";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./app/App.js";
import "./styles/theme.css";
import "./styles/app.css";
import "./styles/catalog.css";
import "./styles/wall.css";

const root = document.getElementById("root");
if (!root) throw new Error("index.html has no #root");
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);

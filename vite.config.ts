// Builds the renderer (React) into dist/renderer. Relative base so it loads from app:// and from the web shell alike.
import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";

export default defineConfig({
  root: "renderer",
  base: "./",
  plugins: [react()],
  build: {
    outDir: "../dist/renderer",
    emptyOutDir: true,
    sourcemap: true,
    target: "chrome120",
  },
});

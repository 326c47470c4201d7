// Builds the renderer (React) into dist/renderer. Relative base so it loads from app:// and from the web shell alike.
// Chunks: the entry picks the page (console or program output) and loads only that page's code; the access drawer
// loads when it first opens; libraries sit in chunks of their own (React, mpegts.js, the rest), which change less
// often than the app.
import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";

export default defineConfig(({ mode }) => ({
  root: "renderer",
  base: "./",
  plugins: [react()],
  build: {
    outDir: "../dist/renderer",
    emptyOutDir: true,
    // A production build ships no source maps: the web shell would serve them to anything that reaches its port and
    // the Electron package would carry them. `npx vite build --mode development` keeps them for debugging.
    sourcemap: mode !== "production",
    target: "chrome120",
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            { name: "react", test: /[\\/]node_modules[\\/](react|react-dom|scheduler|zustand|use-sync-external-store)[\\/]/ },
            { name: "mpegts", test: /[\\/]node_modules[\\/]mpegts\.js[\\/]/ },
            { name: "vendor", test: /[\\/]node_modules[\\/]/ },
          ],
        },
      },
    },
  },
}));

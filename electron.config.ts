// electron-builder configuration (`npm run dist`). Every Electron fuse is set explicitly: the type below makes
// each one required, so a new fuse in a future electron-builder fails the type check until we decide on it.
import type { Configuration } from "electron-builder";
// electron-builder re-exports Configuration but not this type; it comes from its own config package.
import type { FuseOptionsV1 } from "app-builder-lib";

const fuses: Required<Omit<FuseOptionsV1, "resetAdHocDarwinSignature">> & Pick<FuseOptionsV1, "resetAdHocDarwinSignature"> = {
  // The relay and the demo platform run as Electron utility processes, so ELECTRON_RUN_AS_NODE is never needed.
  runAsNode: false,
  enableCookieEncryption: true,
  enableNodeOptionsEnvironmentVariable: false,
  enableNodeCliInspectArguments: false,
  enableEmbeddedAsarIntegrityValidation: true,
  onlyLoadAppFromAsar: true,
  loadBrowserProcessSpecificV8Snapshot: false,
  // The renderer is served from app://, never file://.
  grantFileProtocolExtraPrivileges: false,
  resetAdHocDarwinSignature: true,
};

const config: Configuration = {
  appId: "cn.zunyi.vigil.console",
  productName: "Vigil",
  copyright: "Vigil",
  directories: { output: "release", buildResources: "build" },
  files: [
    "dist/main/**",
    "dist/preload/**",
    "dist/relay/**",
    "dist/renderer/**",
    // Demo mode (no VIGIL_PLATFORM_URL): the reference platform's API and demo media server, started as utility
    // processes (main/shell/electron/utility-platform-launcher.ts). Its dev tools (platform-run, build-openapi) stay out.
    "dist/platform/platform-main.cjs",
    "dist/platform/media-main.cjs",
    "package.json",
    "!**/*.map",
  ],
  // Demo clips travel outside the asar so the relay and the demo media server read them as plain files.
  extraResources: [{ from: "resources", to: "resources", filter: ["**/*"] }],
  asar: true,
  asarUnpack: ["**/node_modules/sqlite3/**"],
  electronFuses: fuses,
  linux: { target: ["AppImage", "deb"], category: "Video", maintainer: "Vigil team" },
  win: { target: ["nsis"] },
  mac: { target: ["dmg"], category: "public.app-category.video" },
};

export default config;

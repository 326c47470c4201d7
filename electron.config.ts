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

// Packaging resources live in build/ (directories.buildResources); paths below are relative to it. The icons are
// made by scripts/make-icons.mjs from build/icon.svg; tests/unit/build-resources.test.ts checks they are all there.
export const BUILD_RESOURCES = "build";

const config: Configuration = {
  appId: "cn.zunyi.vigil.console",
  productName: "Vigil",
  copyright: "Vigil",
  directories: { output: "release", buildResources: BUILD_RESOURCES },
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
  linux: {
    target: ["AppImage", "deb"],
    // The Linux icon set: icons/<N>x<N>.png, 16 to 1024.
    icon: "icons",
    // freedesktop main categories: a video application (Video requires AudioVideo). "Security" is left out: in the
    // menu spec it is an additional category for system security tools (under Settings or System).
    category: "AudioVideo;Video",
    maintainer: "Vigil team",
    desktop: {
      entry: {
        GenericName: "Video wall console",
        "GenericName[zh_CN]": "视频监控调度台",
        Comment: "Operator console of the city public video platform",
        "Comment[zh_CN]": "城市公共视频资源平台操作台",
        Keywords: "video;surveillance;CCTV;camera;wall;",
        "Keywords[zh_CN]": "视频;监控;摄像头;电视墙;应急;",
      },
    },
  },
  win: { target: ["nsis"], icon: "icon.ico" },
  nsis: {
    // The licence page of the installer: UTF-8 with a byte-order mark (the Unicode installer reads it so).
    license: "license.txt",
  },
  mac: { target: ["dmg"], icon: "icon.png", category: "public.app-category.video" },
};

export default config;

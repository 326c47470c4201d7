// Runs in the platform. Demo accounts, one per role (shown on the demo login screen and in docs/api/README.md).
import type { Role } from "../../contract/platform-api.js";

export type DemoUser = { id: string; username: string; password: string; displayName: string; roles: Role[]; department: { id: string; name: string } };

export const DEMO_USERS: readonly DemoUser[] = [
  { id: "u-operator", username: "operator", password: "Vigil-operator-2024", displayName: "值班员 王静", roles: ["operator"], department: { id: "520302-skynet", name: "遵义市公安局红花岗区分局" } },
  { id: "u-commander", username: "commander", password: "Vigil-commander-2024", displayName: "指挥长 李强", roles: ["commander", "operator"], department: { id: "city-emergency", name: "遵义市应急管理局（应急指挥中心）" } },
  { id: "u-media", username: "media", password: "Vigil-media-2024", displayName: "媒体 张敏", roles: ["media"], department: { id: "city-media", name: "遵义市融媒体中心" } },
  { id: "u-approver", username: "approver", password: "Vigil-approver-2024", displayName: "审批 陈涛", roles: ["approver"], department: { id: "city-data-bureau", name: "遵义市大数据发展管理局" } },
  { id: "u-auditor", username: "auditor", password: "Vigil-auditor-2024", displayName: "审计 刘洋", roles: ["auditor"], department: { id: "city-data-bureau", name: "遵义市大数据发展管理局" } },
];

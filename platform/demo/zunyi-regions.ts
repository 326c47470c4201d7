// Runs in the platform. Zunyi's county-level divisions (GB/T 2260 civil codes) and a few real places in each, for
// realistic demo camera names. Taken over from main/catalog/zunyi-regions.ts (the platform now owns the demo catalog).
// 新蒲新区 has no GB/T 2260 code of its own; 520390 is a platform-assigned code.
export type Region = { code: string; name: string; places: string[]; lon: number; lat: number };

export const ZUNYI_CITY = { code: "520300", name: "遵义市" } as const;

export const ZUNYI_REGIONS: Region[] = [
  { code: "520302", name: "红花岗区", lon: 106.92, lat: 27.65, places: ["中华路", "老城红军街", "丁字口", "遵义会议会址", "忠庄街道", "舟水桥"] },
  { code: "520303", name: "汇川区", lon: 106.93, lat: 27.73, places: ["上海路", "洗马路", "大连路", "高坪街道", "董公寺", "香港路"] },
  { code: "520304", name: "播州区", lon: 106.83, lat: 27.54, places: ["南白镇", "鸭溪镇", "三合镇", "乌江镇", "苟江工业园"] },
  { code: "520322", name: "桐梓县", lon: 106.83, lat: 28.13, places: ["娄山关", "燎原镇", "九坝镇", "杉坪村", "花秋镇"] },
  { code: "520323", name: "绥阳县", lon: 107.19, lat: 27.95, places: ["洋川街道", "宽阔水", "双河洞", "郑场镇", "风华镇"] },
  { code: "520324", name: "正安县", lon: 107.45, lat: 28.55, places: ["凤仪街道", "桴焉", "安场镇", "吉他产业园", "瑞溪镇"] },
  { code: "520325", name: "道真仡佬族苗族自治县", lon: 107.61, lat: 28.86, places: ["玉溪镇", "大沙河", "三桥镇", "洛龙镇", "仡佬文化园"] },
  { code: "520326", name: "务川仡佬族苗族自治县", lon: 107.89, lat: 28.52, places: ["都濡街道", "龙潭古寨", "丰乐镇", "洪渡河", "砚山镇"] },
  { code: "520327", name: "凤冈县", lon: 107.72, lat: 27.95, places: ["龙泉街道", "茶海之心", "永安镇", "进化镇", "绥阳镇"] },
  { code: "520328", name: "湄潭县", lon: 107.47, lat: 27.77, places: ["湄江街道", "中国茶海", "浙大西迁馆", "永兴镇", "兴隆镇"] },
  { code: "520329", name: "余庆县", lon: 107.88, lat: 27.22, places: ["白泥镇", "飞龙湖", "构皮滩", "大乌江镇", "敖溪镇"] },
  { code: "520330", name: "习水县", lon: 106.2, lat: 28.33, places: ["东皇街道", "土城镇", "东风湖", "习酒镇", "三岔河"] },
  { code: "520381", name: "赤水市", lon: 105.7, lat: 28.59, places: ["市中街道", "赤水大瀑布", "竹海", "丙安古镇", "四洞沟"] },
  { code: "520382", name: "仁怀市", lon: 106.4, lat: 27.79, places: ["茅台镇", "中枢街道", "盐津河", "坛厂街道", "赤水河谷"] },
  { code: "520390", name: "新蒲新区", lon: 107.0, lat: 27.71, places: ["新蒲街道", "虾子镇", "遵义奥体中心", "永乐镇", "新舟机场路"] },
];

export const GUIZHOU = { code: "52", name: "贵州省" } as const;

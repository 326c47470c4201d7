// Runs in the platform (and anywhere else: pure). GB/T 28181 unified 20-digit codes: what each part means.
export const GB_DEVICE_TYPES: Readonly<Record<string, string>> = {
  "111": "DVR",
  "112": "video server",
  "113": "encoder",
  "114": "decoder",
  "118": "NVR",
  "131": "camera",
  "132": "IPC",
  "200": "platform SIP server",
  "215": "business group",
  "216": "virtual organization",
};

const NETWORKS: Readonly<Record<string, string>> = {
  "0": "police video network",
  "1": "police video network",
  "2": "industry private network",
  "3": "reserved",
  "4": "reserved",
  "5": "police information network",
  "6": "e-government extranet",
  "7": "internet",
  "8": "leased line",
};

export type GbIdParts = {
  id: string;
  /** Digits 1–8: province (2), city (2), county (2), grass-roots unit (2). */
  center: { code: string; province: string; city: string; county: string; unit: string };
  /** Digits 9–10. Coarse: never infer a sharing class from it. */
  industry: string;
  /** Digits 11–13, e.g. 131 camera, 132 IPC, 216 virtual organization. */
  type: string;
  typeName: string;
  /** Digit 14. */
  network: string;
  networkName: string;
  /** Digits 15–20. */
  serial: string;
  /** A device that carries video (camera or IPC). */
  isCamera: boolean;
  /** 6-digit county-level civil code. */
  civilCode: string;
};

export type GbIdResult = { ok: true; parts: GbIdParts } | { ok: false; error: string };

export function parseGbId(input: string): GbIdResult {
  if (!/^\d{20}$/.test(input)) return { ok: false, error: `a GB/T 28181 id has 20 digits, got "${input.slice(0, 40)}"` };
  const province = input.slice(0, 2);
  const city = input.slice(2, 4);
  const county = input.slice(4, 6);
  const unit = input.slice(6, 8);
  if (province === "00") return { ok: false, error: `center code ${input.slice(0, 8)}: province 00 does not exist` };
  if (city === "00" && county !== "00") return { ok: false, error: `center code ${input.slice(0, 8)}: a county needs a city` };
  const type = input.slice(10, 13);
  const typeName = GB_DEVICE_TYPES[type];
  if (!typeName) return { ok: false, error: `device type ${type} is not a known GB/T 28181 type` };
  const network = input.slice(13, 14);
  const networkName = NETWORKS[network];
  if (!networkName) return { ok: false, error: `network digit ${network} is not defined` };
  return {
    ok: true,
    parts: {
      id: input,
      center: { code: input.slice(0, 8), province, city, county, unit },
      industry: input.slice(8, 10),
      type,
      typeName,
      network,
      networkName,
      serial: input.slice(14),
      isCamera: type === "131" || type === "132",
      civilCode: `${province}${city}${county}`,
    },
  };
}

/** Composes an id; the parts must already have the right lengths. */
export function formatGbId(center8: string, industry2: string, type3: string, network1: string, serial: number): string {
  return `${center8}${industry2}${type3}${network1}${String(serial).padStart(6, "0")}`;
}

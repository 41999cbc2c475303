// Checks a SOPS file's MAC as SOPS defines it, with a data key unwrapped by someone else (the age CLI):
// SHA-512 over the values in the clear, in document order, encrypted with AES-256-GCM under the data key
// with sops.lastmodified as additional data. Prints "mac ok" or exits 1.
// usage: node verify-mac.mjs FILE DATA_KEY_HEX
import { readFileSync } from "node:fs";
import { gcm } from "@noble/ciphers/aes";
import { sha512 } from "@noble/hashes/sha2";
import { bytesToHex, hexToBytes } from "@noble/hashes/utils";
import { parse } from "yaml";

const doc = parse(readFileSync(process.argv[2], "utf8"));
const key = hexToBytes(process.argv[3]);
const enc = new TextEncoder();

function open(text, aad) {
  const m = /^ENC\[AES256_GCM,data:(.*),iv:(.+),tag:(.+),type:(.+)\]$/.exec(text);
  const b = (s) => Uint8Array.from(Buffer.from(s, "base64"));
  const sealed = new Uint8Array([...b(m[1]), ...b(m[3])]);
  return { bytes: gcm(key, b(m[2]), enc.encode(aad)).decrypt(sealed), type: m[4] };
}

const hash = sha512.create();
function walk(node, path) {
  if (Array.isArray(node)) { node.forEach((item) => walk(item, path)); return; }
  if (node !== null && typeof node === "object") {
    for (const [k, v] of Object.entries(node)) { if (!(path.length === 0 && k === "sops")) walk(v, [...path, k]); }
    return;
  }
  if (node === "" || node === null) return;
  hash.update(open(node, path.join(":") + ":").bytes);
}
walk(doc, []);
const computed = bytesToHex(hash.digest()).toUpperCase();
const stored = new TextDecoder().decode(open(doc.sops.mac, doc.sops.lastmodified).bytes);
if (stored !== computed) { console.error(`mac mismatch: ${stored} != ${computed}`); process.exit(1); }
console.log("mac ok");

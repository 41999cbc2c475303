// Writes a SOPS file as SOPS does, with no jiti code: values from a JSON object encrypted with AES-256-GCM
// (32-byte IV, the path as additional data), the MAC over them, and the data key as wrapped by the age CLI.
// usage: node write-fixture.mjs OUT VALUES_JSON DATA_KEY_HEX RECIPIENT ARMORED_KEY_FILE
import { readFileSync, writeFileSync } from "node:fs";
import { randomBytes } from "node:crypto";
import { gcm } from "@noble/ciphers/aes";
import { sha512 } from "@noble/hashes/sha2";
import { bytesToHex, hexToBytes } from "@noble/hashes/utils";
import { stringify } from "yaml";

const [out, valuesJson, keyHex, recipient, armoredFile] = process.argv.slice(2);
const key = hexToBytes(keyHex);
const enc = new TextEncoder();

function seal(bytes, type, aad) {
  const iv = Uint8Array.from(randomBytes(32));
  const sealed = gcm(key, iv, enc.encode(aad)).encrypt(bytes);
  const b64 = (u) => Buffer.from(u).toString("base64");
  return `ENC[AES256_GCM,data:${b64(sealed.slice(0, -16))},iv:${b64(iv)},tag:${b64(sealed.slice(-16))},type:${type}]`;
}
function typed(v) {
  if (typeof v === "boolean") return [enc.encode(v ? "True" : "False"), "bool"];
  if (typeof v === "number") return [enc.encode(String(v)), Number.isInteger(v) ? "int" : "float"];
  return [enc.encode(v), "str"];
}

const hash = sha512.create();
const data = {};
for (const [k, v] of Object.entries(JSON.parse(valuesJson))) {
  const [bytes, type] = typed(v);
  hash.update(bytes);
  data[k] = bytes.length === 0 ? "" : seal(bytes, type, `${k}:`);
}
const lastmodified = new Date().toISOString().replace(/\.\d+Z$/, "Z");
data.sops = {
  age: [{ recipient, enc: readFileSync(armoredFile, "utf8") }],
  lastmodified,
  mac: seal(enc.encode(bytesToHex(hash.digest()).toUpperCase()), "str", lastmodified),
  unencrypted_suffix: "_unencrypted",
  version: "3.10.2",
};
writeFileSync(out, stringify(data));

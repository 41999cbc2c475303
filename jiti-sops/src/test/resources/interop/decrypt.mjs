// Decrypts a SOPS file with the sops-age package and prints its values as JSON.
// usage: node decrypt.mjs FILE   (the identity in SOPS_AGE_KEY)
import { decryptSops } from "sops-age";

const values = await decryptSops({ path: process.argv[2], secretKey: process.env.SOPS_AGE_KEY });
process.stdout.write(JSON.stringify(values));

// Validates every object of a JSON array (the file given) with kubernetes-models' class for its apiVersion and
// kind; prints one line per invalid object and a summary, and exits 1 when any is invalid.
import { readFileSync } from "node:fs";

const objects = JSON.parse(readFileSync(process.argv[2], "utf8"));
let invalid = 0;
for (const o of objects) {
  let Model;
  try {
    const module = await import(`kubernetes-models/${o.apiVersion}/${o.kind}`);
    Model = module[o.kind] ?? module.default;
  } catch (e) {
    invalid++;
    console.log(`${o.apiVersion} ${o.kind}/${o.metadata?.name}: no such kind (${e.message})`);
    continue;
  }
  try {
    new Model(o).validate();
  } catch (e) {
    invalid++;
    console.log(`${o.kind}/${o.metadata?.name}: ${e.message}`);
  }
}
console.log(`checked ${objects.length}, invalid ${invalid}`);
process.exit(invalid ? 1 : 0);

// Runs search-core.js under Node over a static index folder (recall and byte measurements).
// Usage: node node_runner.js <search-core.js> <static-dir>  < [{"q": "…", "lang": "zh"}, …]
"use strict";
const fs = require("fs");
const path = require("path");
const core = require(path.resolve(process.argv[2]));
const dir = path.resolve(process.argv[3]);

function fetchJson(file) {
  return new Promise((resolve, reject) => {
    fs.readFile(file, (err, buf) => (err ? reject(err) : resolve([JSON.parse(buf.toString("utf8")), buf.length])));
  });
}

async function main() {
  const queries = JSON.parse(fs.readFileSync(0, "utf8"));
  const out = [];
  for (const item of queries) {
    const engine = await new core.Engine(dir, fetchJson).load();  // a fresh browser each time
    const first = await engine.search(item.q, { lang: item.lang || null, page: 1 });
    const bytes = engine.bytes;
    const second = first.pages > 1 ? await engine.search(item.q, { lang: item.lang || null, page: 2 }) : { results: [] };
    out.push({ q: item.q, bytes, total: first.total,
               urls: first.results.concat(second.results).map((r) => r.url) });
  }
  process.stdout.write(JSON.stringify(out));
}
main().catch((e) => { console.error(e.stack || e); process.exit(1); });

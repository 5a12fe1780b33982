// `npm run fixtures -- --seed N --out FILE`: regenerate the PyTorch reference cases
// (the format of tests/fixtures/mha-torch.json) with reference/pytorch/fixtures.py, which
// runs the PyTorch twins and torch.nn.MultiheadAttention and stops if they disagree beyond
// 1e-10. `npm run fixtures -- --check FILE` recomputes an existing file instead.
//
// It needs a Python with PyTorch: $TORCH_PYTHON if set, else /usr/bin/python3 (Debian's
// python3-torch installs there; a pyenv `python3` on PATH usually has no torch), else
// `python3` on PATH. `npm test` never runs this.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { findTorchPython } from './torch-python';

const script = fileURLToPath(new URL('../reference/pytorch/fixtures.py', import.meta.url));
const found = findTorchPython();
if (!found.python) {
  console.error(`fixtures: ${found.reason}`);
  process.exit(1);
}
const run = spawnSync(found.python, [script, ...process.argv.slice(2)], { stdio: 'inherit' });
process.exit(run.status ?? 1);

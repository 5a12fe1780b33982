// Find a Python that can `import torch`, for the fixture script and for the optional test
// that runs the PyTorch twins. Nothing else in the project needs Python.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/** The one-line hint printed when no Python with torch is found. */
export const TORCH_HINT =
  'no Python with PyTorch found: on Debian/Ubuntu run `sudo apt-get install -y python3-torch`, or set TORCH_PYTHON to a python that can `import torch`';

/**
 * The Python to use: $TORCH_PYTHON when set (and it must have torch), else the first of
 * /usr/bin/python3 and `python3` on PATH that can import torch.
 *
 * @returns `{ python, version }` when found, else `{ reason }`: one line saying what to install.
 */
export function findTorchPython(): { python?: string; version?: string; reason?: string } {
  const explicit = process.env.TORCH_PYTHON;
  const candidates = explicit ? [explicit] : [...(existsSync('/usr/bin/python3') ? ['/usr/bin/python3'] : []), 'python3'];
  for (const python of candidates) {
    const probe = spawnSync(python, ['-c', 'import torch; print(torch.__version__)'], { encoding: 'utf8' });
    if (probe.status === 0) return { python, version: probe.stdout.trim() };
  }
  return { reason: explicit ? `TORCH_PYTHON=${explicit} cannot import torch: ${TORCH_HINT}` : TORCH_HINT };
}

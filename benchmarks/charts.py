"""How charts of big orgs come out: shape, fit on an A3 page, and cost of the worst inputs.

    make bench-charts               # or: python benchmarks/charts.py

For generated orgs of 150, 500 and 2,000 roles (``python -m orgmodel.synthetic
N``) and examples/global.org.txt (150 roles with regions and dotted lines), it
draws the default chart with the installed ``orgmodel`` and prints its size,
its width:height (target: at most 2.5:1) and, for the 150-role orgs, the
smallest text in points once the chart is fitted to an A3 landscape page
(target: at least 6 pt). Then, for the inputs that once took minutes (issue
11, item 12), the time at two sizes and their ratio (about 2 for linear).
Exits 1 if a target is missed. Not a test: run it by hand or from CI logs.
"""

from __future__ import annotations

import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ORGMODEL = str(Path(sys.executable).with_name("orgmodel"))
A3 = (1190.55, 841.89)  # landscape, points
MAX_RATIO, MIN_TEXT = 2.5, 6.0


def draw(org: Path, *args: str) -> tuple[bytes, float]:
    start = time.perf_counter()
    done = subprocess.run([ORGMODEL, "render", str(org), "-o", "-", *args], capture_output=True, check=False)
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"{org}: {done.stderr.decode(errors='replace').strip()}")
    return done.stdout, seconds


def shape(svg: bytes) -> tuple[float, float, float]:
    """Width and height in points, and the smallest font size used."""
    width, height = (float(v) for v in re.search(rb'<svg width="([\d.]+)pt" height="([\d.]+)pt"', svg).groups())  # type: ignore[union-attr]
    smallest = min(float(v) for v in re.findall(rb'font-size="([\d.]+)"', svg))
    return width, height, smallest


def shapes(folder: Path) -> bool:
    orgs = []
    for size in (150, 500, 2000):
        path = folder / f"generated-{size}.org.txt"
        path.write_text(subprocess.run([sys.executable, "-m", "orgmodel.synthetic", str(size)], capture_output=True,
                                       text=True, check=True).stdout)
        orgs.append((f"generated {size}", path, size == 150))
    orgs.append(("examples/global.org.txt", ROOT / "examples" / "global.org.txt", True))
    print(f"{'chart':<26}{'size (pt)':>16}{'w:h':>7}{'A3 text':>9}  {'s':>6}  verdict")
    passed = True
    for name, path, a3 in orgs:
        svg, seconds = draw(path)
        width, height, smallest = shape(svg)
        fitted = smallest * min(A3[0] / width, A3[1] / height)
        ok = width / height <= MAX_RATIO and (not a3 or fitted >= MIN_TEXT)
        passed &= ok
        text = f"{fitted:.1f} pt" if a3 else "-"
        print(f"{name:<26}{f'{width:.0f} x {height:.0f}':>16}{width / height:>7.2f}{text:>9}  {seconds:>6.2f}  "
              f"{'PASS' if ok else 'FAIL'}")
    return passed


def _mermaid_teams(folder: Path, teams: int) -> Path:
    path = folder / f"teams-{teams}.org.txt"
    path.write_text("".join(f'team t{i} "Team {i}"\nrole r{i} "Analyst"\n  team t{i}\n' for i in range(teams)))
    return path


def _dense_dotted(folder: Path, roles: int) -> Path:
    path = folder / f"dotted-{roles}.org.txt"
    lines = ['role cmo "CMO"']
    for i in range(roles):
        lines += [f'role r{i} "Analyst"', "  reports-to cmo",
                  "  dotted-to " + ", ".join(f"r{(i + j) % roles}" for j in range(1, 41))]
    path.write_text("\n".join(lines) + "\n")
    return path


def costs(folder: Path) -> None:
    print(f"\n{'worst input (issue 11, item 12)':<44}{'small':>8}{'double':>8}{'ratio':>7}")
    rows = [("mermaid, 10,000 / 20,000 teams", _mermaid_teams, (10_000, 20_000), ("--format", "mermaid")),
            ("dense dotted lines, 32 / 64 KB", _dense_dotted, (115, 230), ())]
    for name, make, sizes, args in rows:
        seconds = [draw(make(folder, size), *args)[1] for size in sizes]
        print(f"{name:<44}{seconds[0]:>7.2f}s{seconds[1]:>7.2f}s{seconds[1] / seconds[0]:>7.2f}")


def main() -> int:
    with tempfile.TemporaryDirectory() as folder:
        passed = shapes(Path(folder))
        costs(Path(folder))
    return 0 if passed else 1


if __name__ == "__main__":
    sys.exit(main())

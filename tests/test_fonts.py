"""Chart fonts: Lato for Latin, the machine's fonts for every other script, a private fontconfig folder.

The glyph test draws each character with orgmodel's font setup and again with
Lato alone (where every non-Latin character is the missing-glyph box), and
compares the pixels: a character drawn exactly like its box has no glyph.
"""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import EXAMPLES, REPO, run_cli

from orgmodel.render import fonts

# Names in each script the issue lists, in characters Lato lacks; each is compared on its own.
SCRIPTS = {
    "Japanese": ("マーケティング部長", "fonts-noto-cjk", "30de"),
    "Chinese": ("市场总监", "fonts-noto-cjk", "603b"),
    "Korean": ("마케팅이사", "fonts-noto-cjk", "b9c8"),
    "Arabic": ("مدير التسويق", "fonts-dejavu-core or fonts-noto-core", "0645"),
    "Hebrew": ("מנהל שיווק", "fonts-dejavu-core or fonts-noto-core", "05de"),
    "Cyrillic": ("Директор", "fonts-dejavu-core", "0414"),
    "Greek": ("Διευθυντής", "fonts-dejavu-core", "0394"),
    "Vietnamese": ("Đđốếịễươ", "fonts-dejavu-core", "1ed1"),  # the letters Lato lacks
    "emoji": ("🚀🎉✅📈", "fonts-symbola", "1f680"),
}
UNASSIGNED = "\u0378"  # no font has it: always the box
LATIN = "Aé&g"  # Lato's own: the same pixels with or without the machine's fonts

_DRAW = """
import json, os, sys, base64
if sys.argv[1] != "orgmodel":
    os.environ["FONTCONFIG_FILE"] = sys.argv[1]
from orgmodel.render import engine
out = []
for char in json.load(sys.stdin):
    dot = ('digraph { pad=0.2; n [shape=plaintext margin=0 fontsize=40 fontname="Lato,sans-serif" label=<&#%d;>] }'
           % ord(char))
    if sys.argv[1] == "orgmodel":
        data = engine.render(dot, "png")[0]
    else:
        data = engine._embedded(dot, "png")[0]  # the configuration given, not orgmodel's
    out.append(base64.b64encode(data).decode())
print(json.dumps(out))
"""


def _draw(chars: list[str], config: str) -> list[bytes]:
    """PNGs of each character at 40 pt, drawn in a fresh process (fontconfig reads its file once)."""
    import base64

    done = subprocess.run([sys.executable, "-c", _DRAW, config], input=json.dumps(chars), capture_output=True,
                          text=True, check=True, timeout=120)
    return [base64.b64decode(item) for item in json.loads(done.stdout)]


def _ink(png: bytes) -> object:
    """The character's ink: the grey image cropped to its dark pixels."""
    from PIL import Image

    image = Image.open(io.BytesIO(png)).convert("L")
    box = image.point(lambda v: 255 if v < 160 else 0).getbbox()
    assert box is not None, "nothing was drawn"
    return image.crop(box)


def _same_drawing(a: object, b: object) -> bool:
    """Whether two inks show the same drawing, whatever their size.

    The missing-glyph box's size follows the fonts around it, so both inks are
    scaled to 24x24 and compared: two boxes of one code point differ in about
    7% of the pixels, a glyph and its box in 38% or more.
    """
    from PIL import Image

    size = (24, 24)
    x = a.resize(size, Image.BILINEAR).tobytes()  # type: ignore[attr-defined]
    y = b.resize(size, Image.BILINEAR).tobytes()  # type: ignore[attr-defined]
    return sum(1 for p, q in zip(x, y, strict=True) if abs(p - q) > 96) < 0.2 * len(x)


def _has_font_for(codepoint: str) -> bool | None:
    """Whether the machine has a font for a character (fontconfig's own fc-list), None if unknown."""
    if shutil.which("fc-list") is None:
        return None
    listed = subprocess.run(["fc-list", f":charset={codepoint}", "family"], capture_output=True, text=True)
    return bool(listed.stdout.strip())


@pytest.fixture(scope="module")
def drawings(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[list[bytes], list[bytes]]]:
    """Each sample's characters drawn with orgmodel's fonts and with Lato alone."""
    pytest.importorskip("PIL", reason="Pillow (a test dependency: pip install -e '.[test]') reads the PNGs")
    folder = tmp_path_factory.mktemp("lato-only")
    lato_only = folder / "fonts.conf"
    lato_only.write_text(f'<?xml version="1.0"?><fontconfig><dir>{fonts.font_folder()}</dir>'
                         f"<cachedir>{folder / 'cache'}</cachedir></fontconfig>")
    samples = {name: [c for c in text if not c.isspace()] for name, (text, _, _) in SCRIPTS.items()}
    samples["unassigned"], samples["latin"] = [UNASSIGNED], list(LATIN)
    order = [(name, char) for name, chars in samples.items() for char in chars]
    chars = [char for _, char in order]
    ours, boxes = _draw(chars, "orgmodel"), _draw(chars, str(lato_only))
    result: dict[str, tuple[list[bytes], list[bytes]]] = {}
    for (name, _), mine, box in zip(order, ours, boxes, strict=True):
        result.setdefault(name, ([], []))
        result[name][0].append(mine)
        result[name][1].append(box)
    return result


def test_the_comparison_sees_a_missing_glyph_and_latin_stays_lato(drawings: dict) -> None:
    ours, boxes = drawings["unassigned"]
    assert _same_drawing(_ink(ours[0]), _ink(boxes[0]))  # a box is recognised as a box
    for mine, lato in zip(*drawings["latin"], strict=True):
        assert mine == lato  # Latin: Lato's pixels, byte for byte


@pytest.mark.parametrize("script", list(SCRIPTS))
def test_every_script_draws_glyphs_not_boxes(script: str, drawings: dict) -> None:
    text, package, probe = SCRIPTS[script]
    installed = _has_font_for(probe)
    if not installed and os.environ.get("CI") != "true":
        pytest.skip(f"no font for {script} on this machine (Debian: apt-get install {package})")
    assert installed, f"CI installs {package} (.ci/run)"
    chars = [c for c in text if not c.isspace()]
    assert not [c for c, mine, lato in zip(chars, *drawings[script], strict=True) if mine == lato], "Lato has these"
    boxed = [char for char, mine, box in zip(chars, *drawings[script], strict=True) if _same_drawing(_ink(mine), _ink(box))]
    assert boxed == [], f"{script}: drawn as the missing-glyph box: {boxed}"


def test_a_lato_installed_on_the_machine_is_not_used() -> None:
    """Another Lato (Debian's fonts-lato 2.0) measures differently; charts keep orgmodel's."""
    machine_latos = [p for folder in fonts.system_font_folders() if folder.is_dir()
                     for p in folder.rglob("Lato-Regular.*")]
    if not machine_latos and os.environ.get("CI") != "true":
        pytest.skip("no Lato installed on this machine to test against (Debian: apt-get install fonts-lato)")
    assert machine_latos, "CI installs fonts-lato (.ci/run)"
    drawn = run_cli("render", "examples/acme.org.txt", "-o", "-").stdout
    assert drawn.encode() == (REPO / "docs" / "acme.svg").read_bytes()


# ---- the fontconfig folder (issue 11, item 1) ----

def test_private_folder_checks(tmp_path: Path) -> None:
    mine = tmp_path / "mine"
    mine.mkdir(mode=0o700)
    loose = tmp_path / "loose"
    loose.mkdir()
    loose.chmod(0o777)
    link = tmp_path / "link"
    link.symlink_to(mine)
    file = tmp_path / "file"
    file.write_text("")
    cases = [(mine, True), (loose, False), (link, False), (file, False), (tmp_path / "missing", False)]
    if os.getuid() == 0:
        foreign = tmp_path / "foreign"
        foreign.mkdir(mode=0o700)
        os.chown(foreign, 65534, 65534)
        cases.append((foreign, False))
    assert [(path.name, fonts.is_private_folder(path)) for path, _ in cases] == [
        (path.name, expected) for path, expected in cases]


def _plant(tmp_path: Path, how: str) -> tuple[Path, Path]:
    """Plant ``$TMPDIR/orgmodel-UID`` the way another local user could; returns it and the victim folder."""
    planted = tmp_path / f"orgmodel-{os.getuid()}"
    victim = tmp_path / "victim"
    victim.mkdir()
    if how == "symlink":
        planted.symlink_to(victim)
    else:
        planted.mkdir()
        planted.chmod(0o777)
        (planted / "cache").symlink_to(victim)
        if how == "foreign" and os.getuid() == 0:
            os.chown(planted, 65534, 65534)
    return planted, victim


@pytest.mark.parametrize("how", ["symlink", "world-writable", "foreign"])
def test_a_planted_fontconfig_folder_is_not_used(tmp_path: Path, how: str) -> None:
    planted, victim = _plant(tmp_path, how)
    before = sorted(p.name for p in planted.iterdir())
    not_a_folder = tmp_path / "home-is-a-file"
    not_a_folder.write_text("")
    out = tmp_path / "acme.svg"
    env = {"TMPDIR": str(tmp_path), "HOME": str(not_a_folder), "XDG_CACHE_HOME": ""}
    result = run_cli("render", str(EXAMPLES / "acme.org.txt"), "-o", str(out), env=env)
    assert result.returncode == 0, result.stderr
    assert out.read_bytes() == (REPO / "docs" / "acme.svg").read_bytes()  # drawn with orgmodel's fonts all the same
    assert list(victim.iterdir()) == []  # nothing written through the planted links
    assert sorted(p.name for p in planted.iterdir()) == before  # nothing added to the planted folder


def test_the_users_cache_folder_is_private_and_files_are_replaced_not_followed(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    env = {"XDG_CACHE_HOME": str(cache)}
    assert run_cli("render", str(EXAMPLES / "acme.org.txt"), "-o", str(tmp_path / "a.svg"), env=env).returncode == 0
    folder = cache / "orgmodel"
    assert fonts.is_private_folder(folder)
    [config] = folder.glob("fonts-*.conf")
    assert config.stat().st_mode & 0o777 == 0o600
    # A link planted where the configuration goes is replaced, and its target left alone.
    target = tmp_path / "precious"
    target.write_text("keep me")
    config.unlink()
    config.symlink_to(target)
    assert run_cli("render", str(EXAMPLES / "acme.org.txt"), "-o", str(tmp_path / "b.svg"), env=env).returncode == 0
    assert target.read_text() == "keep me"
    assert not config.is_symlink() and "<fontconfig>" in config.read_text()

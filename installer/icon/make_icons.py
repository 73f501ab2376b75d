"""Render the app icon from `installer/icon/sundhedshus.svg` into `resources/icons/`.

    python installer/icon/make_icons.py [--out DIR]

Writes `sundhedshus-N.png` for N in SIZES (Qt's QSvgRenderer, offscreen: no display needed), then
`sundhedshus.ico` (Windows: 16–256) and `sundhedshus.icns` (macOS: Pillow's set, 128–512 px and the Retina
sizes 16–512 pt) with Pillow from those renderings, so every size is drawn from the vector source rather than
scaled down from one bitmap.
The output is deterministic (no timestamps in the PNGs), so re-running it on an unchanged SVG changes no file.
"""

from __future__ import annotations

import argparse
import io
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SOURCE = Path(__file__).resolve().with_name("sundhedshus.svg")
OUT = ROOT / "resources" / "icons"
NAME = "sundhedshus"
SIZES: tuple[int, ...] = (16, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES: tuple[int, ...] = (16, 24, 32, 48, 64, 128, 256)  # 256 is the largest an ICO entry holds
ICNS_SIZES: tuple[int, ...] = (16, 32, 64, 128, 256, 512, 1024)  # 1024: the 512@2x Retina slot


def render_png(svg: Path, size: int) -> bytes:
    """The SVG drawn at size × size pixels on a transparent ground, as PNG bytes."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    if QGuiApplication.instance() is None:
        # Kept in a module global: the application must outlive every QImage painted here.
        global _APP
        _APP = QGuiApplication([sys.argv[0]])
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"Kan ikke læse SVG-filen: {svg}")
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    buffer.close()
    return bytes(data.data())


def make_icons(svg: Path = SOURCE, out: Path = OUT) -> list[Path]:
    """Every icon file, written to `out`; returns their paths."""
    from PIL import Image

    out.mkdir(parents=True, exist_ok=True)
    images: dict[int, Image.Image] = {}
    for size in sorted(set(SIZES) | set(ICO_SIZES) | set(ICNS_SIZES)):
        images[size] = Image.open(io.BytesIO(render_png(svg, size))).convert("RGBA")
    written: list[Path] = []
    for size in SIZES:
        path = out / f"{NAME}-{size}.png"
        images[size].save(path, "PNG", optimize=True)
        written.append(path)
    ico = out / f"{NAME}.ico"
    largest = images[max(ICO_SIZES)]
    largest.save(ico, "ICO", sizes=[(s, s) for s in ICO_SIZES],
                 append_images=[images[s] for s in ICO_SIZES if s != max(ICO_SIZES)])
    written.append(ico)
    icns = out / f"{NAME}.icns"
    images[max(ICNS_SIZES)].save(icns, "ICNS",
                                 append_images=[images[s] for s in ICNS_SIZES if s != max(ICNS_SIZES)])
    written.append(icns)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Lav app-ikonerne (PNG, ICO, ICNS) ud fra SVG-filen.")
    parser.add_argument("--svg", type=Path, default=SOURCE)
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # rendering needs no display
    for path in make_icons(args.svg, args.out):
        print(f"{path.stat().st_size:>8} {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

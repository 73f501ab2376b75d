"""The About box: the version, what the app is for, and the licences of the libraries it ships with."""

from __future__ import annotations

from PySide6 import __version__ as pyside_version
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from desktop.i18n import t
from planners import __version__

LIBRARIES = (
    # name, licence, address
    ("PySide6 (Qt for Python)", "LGPL v3", "https://www.qt.io/qt-for-python"),
    ("matplotlib", "Matplotlib License (PSF-based)", "https://matplotlib.org"),
    ("openpyxl", "MIT", "https://openpyxl.readthedocs.io"),
    ("sqlite-utils", "Apache 2.0", "https://sqlite-utils.datasette.io"),
)


def about_html() -> str:
    libs = "".join(f"<li>{name} — {licence} — <a href='{url}'>{url}</a></li>" for name, licence, url in LIBRARIES)
    purpose = t("Planlægning af læge- og sundhedshuse: rumprogram, anlægsbudget, finansiering, husleje og "
                "ansøgningsbilag til puljen.")
    return (f"<h2>{t('Sundhedshus')} {__version__}</h2>"
            f"<p>{purpose}</p>"
            f"<p>{t('Bygget med disse biblioteker:')}</p><ul>{libs}</ul>"
            f"<p><small>PySide6 {pyside_version}. "
            f"{t('Qt og PySide6 bruges under LGPL v3; du kan udskifte dem med din egen version.')}</small></p>")  # fmt: skip


class AboutDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(t("Om Sundhedshus"))
        layout = QVBoxLayout(self)
        self.text = QLabel(about_html())
        self.text.setWordWrap(True)
        self.text.setOpenExternalLinks(True)
        layout.addWidget(self.text)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(t("Luk"))
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

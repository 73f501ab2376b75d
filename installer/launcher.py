"""The frozen program's entry script (PyInstaller runs this file as `__main__`).

It only hands over to `desktop.main.main`, the same function the `sundhedshus` console script calls, so the
bundled app and the installed package behave alike.
"""

import sys

from desktop.main import main

if __name__ == "__main__":
    sys.exit(main())

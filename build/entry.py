"""Entry point of the frozen `sendocki-helper` program (PyInstaller needs a script, not a
console-script declaration). Same behaviour as the pip-installed command."""

import sys

from sendocki_helper.cli import main

if __name__ == "__main__":
    sys.exit(main())

"""Entry point of the PyInstaller bundle: the same as the installed ``timeline-app`` script."""

import sys

from timeline_app.cli import main

if __name__ == "__main__":
    sys.exit(main())

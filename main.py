"""Start Letterplay: ``python main.py`` (see ``python main.py --help``)."""
import sys

from games.launcher import main

if __name__ == "__main__":
    sys.exit(main())

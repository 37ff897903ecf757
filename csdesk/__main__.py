import sys

from csdesk.cli import main

sys.exit(main())

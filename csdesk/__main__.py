import sys

from csdesk.cli import process_main

sys.exit(process_main())

import sys

from csdesk.launch import main

sys.exit(main())

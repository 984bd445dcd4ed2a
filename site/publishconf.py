"""Production settings: pelicanconf.py plus the public site URL.

`kepu build --publish` reads this file. SITEURL comes from KEPU_SITEURL;
output deletion stays off because kepu.build swaps a fresh folder in whole.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from pelicanconf import *  # noqa: E402,F403

SITEURL = os.environ.get("KEPU_SITEURL", "https://kepu.example.org").rstrip("/")
RELATIVE_URLS = False
DELETE_OUTPUT_DIRECTORY = False

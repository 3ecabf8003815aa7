"""pytest's root configuration: nbval re-executes reports/notebooks/*.ipynb; their figures go to a
temporary folder (TRIALFIGS_OUTPUT_ROOT) so that a test run never writes into reports/."""

import os
import tempfile

os.environ.setdefault("TRIALFIGS_OUTPUT_ROOT", tempfile.mkdtemp(prefix="trialfigs-nbval-"))

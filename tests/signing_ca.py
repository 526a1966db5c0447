"""The throwaway test CA now lives in `portal.signing.testca` (the demo signer uses it too); this
module re-exports it so the tests that import it from here keep working."""

from portal.signing.testca import TestCA, make_ca

__all__ = ["TestCA", "make_ca"]

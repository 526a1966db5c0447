"""The upward package (issue 16, upward): what the central electronic dossier system expects for a
proposal (`contents`), the check, the build and the sending (`package`)."""

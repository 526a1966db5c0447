class ReportError(Exception):
    """A workflow step was refused; the message is for the user (Vietnamese through gettext)."""

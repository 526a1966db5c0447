from portal.errors import DomainError


class AwardsError(DomainError):
    """A rule of the award workflow refused the action; `message` is for the user."""

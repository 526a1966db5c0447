from .office import OfficeOrganisation, OfficeStaff
from .person import Person
from .rating import DutyRating
from .unit import Unit
from .user import User, provincial_officers

__all__ = ["DutyRating", "OfficeOrganisation", "OfficeStaff", "Person", "Unit", "User", "provincial_officers"]

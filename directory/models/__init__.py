from .person import Person
from .rating import DutyRating
from .unit import Unit
from .user import User, provincial_officers

__all__ = ["DutyRating", "Person", "Unit", "User", "provincial_officers"]

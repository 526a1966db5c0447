from .person import Person
from .unit import Unit
from .user import User, provincial_officers

__all__ = ["Person", "Unit", "User", "provincial_officers"]

from .person import Person
from .unit import Unit
from .user import User

__all__ = ["Person", "Unit", "User"]
